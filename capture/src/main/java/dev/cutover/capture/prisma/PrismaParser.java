package dev.cutover.capture.prisma;

import dev.cutover.capture.prisma.PrismaSchema.Argument;
import dev.cutover.capture.prisma.PrismaSchema.Attribute;
import dev.cutover.capture.prisma.PrismaSchema.Field;
import dev.cutover.capture.prisma.PrismaSchema.Model;
import dev.cutover.capture.prisma.PrismaSchema.Value;
import dev.cutover.schemas.CutoverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Prisma schema: {@code model}, {@code type}, {@code view} and {@code enum} blocks with their fields and
 * attributes; {@code datasource} and {@code generator} blocks are skipped. A schema that does not parse is a
 * configuration error naming the file, the line and what was expected there.
 */
public final class PrismaParser {
    private final String file;
    private final List<PrismaTokens.Token> tokens;
    private int position;

    private PrismaParser(String file, String text) {
        this.file = file;
        this.tokens = PrismaTokens.of(text, this::error);
    }

    /** @throws CutoverException BAD_CONFIGURATION when the file cannot be read or does not parse */
    public static PrismaSchema parse(Path schema) {
        try {
            return parse(schema.toString(), Files.readString(schema, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CutoverException.config("cannot read the Prisma schema " + schema + " (" + e.getMessage()
                    + "); check --prisma");
        }
    }

    /** @param file names the schema in messages */
    public static PrismaSchema parse(String file, String text) {
        return new PrismaParser(file, text).schema();
    }

    private PrismaSchema schema() {
        List<Model> models = new ArrayList<>();
        List<PrismaSchema.Enum> enums = new ArrayList<>();
        List<Model> types = new ArrayList<>();
        for (skipNewlines(); !atEnd(); skipNewlines()) {
            PrismaTokens.Token keyword = expect(PrismaTokens.Kind.NAME, "a block (model, enum, type, datasource, generator)");
            switch (keyword.text()) {
                case "model", "view" -> models.add(model(keyword.line()));
                case "type" -> types.add(model(keyword.line()));
                case "enum" -> enums.add(enumBlock(keyword.line()));
                case "datasource", "generator" -> skipBlock();
                default -> throw error(keyword, "a block (model, enum, type, datasource, generator)");
            }
        }
        return new PrismaSchema(models, enums, types);
    }

    private Model model(int line) {
        String name = expect(PrismaTokens.Kind.NAME, "the model's name").text();
        expectSymbol("{");
        List<Field> fields = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        for (skipNewlines(); !peekSymbol("}"); skipNewlines()) {
            if (peekSymbol("@@")) {
                next();
                attributes.add(attribute());
            } else {
                fields.add(field());
            }
            endOfLine();
        }
        expectSymbol("}");
        return new Model(name, fields, attributes, line);
    }

    private Field field() {
        PrismaTokens.Token name = expect(PrismaTokens.Kind.NAME, "a field name or a block attribute (@@...)");
        PrismaTokens.Token type = expect(PrismaTokens.Kind.NAME, "the type of field " + name.text());
        if (peekSymbol("(")) {
            arguments();
        }
        boolean list = false;
        boolean optional = false;
        if (peekSymbol("[")) {
            next();
            expectSymbol("]");
            list = true;
        }
        if (peekSymbol("?")) {
            next();
            optional = true;
        }
        List<Attribute> attributes = new ArrayList<>();
        while (peekSymbol("@")) {
            next();
            attributes.add(attribute());
        }
        return new Field(name.text(), type.text(), list, optional, attributes, name.line());
    }

    private Attribute attribute() {
        String name = expect(PrismaTokens.Kind.NAME, "an attribute name").text();
        return new Attribute(name, peekSymbol("(") ? arguments() : List.of());
    }

    private List<Argument> arguments() {
        expectSymbol("(");
        List<Argument> arguments = new ArrayList<>();
        skipNewlines();
        while (!peekSymbol(")")) {
            String name = null;
            if (peek().kind() == PrismaTokens.Kind.NAME && peekSymbolAt(position + 1, ":")) {
                name = next().text();
                next();
            }
            arguments.add(new Argument(name, value()));
            skipNewlines();
            if (!peekSymbol(")")) {
                expectSymbol(",");
                skipNewlines();
            }
        }
        expectSymbol(")");
        return arguments;
    }

    private Value value() {
        PrismaTokens.Token token = next();
        switch (token.kind()) {
            case STRING:
                return new Value(Value.Kind.STRING, token.text(), List.of());
            case NUMBER:
                return new Value(Value.Kind.NUMBER, token.text(), List.of());
            case NAME:
                if (peekSymbol("(")) {
                    List<Value> args = arguments().stream().map(Argument::value).toList();
                    return new Value(Value.Kind.CALL, token.text(), args);
                }
                return new Value(Value.Kind.NAME, token.text(), List.of());
            default:
                if (token.is("[")) {
                    return list();
                }
                throw error(token, "a value (a string, a number, a name, a call or a list)");
        }
    }

    private Value list() {
        List<Value> elements = new ArrayList<>();
        skipNewlines();
        while (!peekSymbol("]")) {
            elements.add(value());
            skipNewlines();
            if (!peekSymbol("]")) {
                expectSymbol(",");
                skipNewlines();
            }
        }
        expectSymbol("]");
        return new Value(Value.Kind.LIST, "", elements);
    }

    private PrismaSchema.Enum enumBlock(int line) {
        String name = expect(PrismaTokens.Kind.NAME, "the enum's name").text();
        expectSymbol("{");
        List<String> values = new ArrayList<>();
        String mapped = name;
        for (skipNewlines(); !peekSymbol("}"); skipNewlines()) {
            if (peekSymbol("@@")) {
                next();
                Attribute attribute = attribute();
                if (attribute.name().equals("map")) {
                    mapped = attribute.firstString().orElse(name);
                }
            } else {
                String value = expect(PrismaTokens.Kind.NAME, "an enum value").text();
                while (peekSymbol("@")) {
                    next();
                    Attribute attribute = attribute();
                    if (attribute.name().equals("map")) {
                        value = attribute.firstString().orElse(value);
                    }
                }
                values.add(value);
            }
            endOfLine();
        }
        expectSymbol("}");
        return new PrismaSchema.Enum(name, values, mapped, line);
    }

    private void skipBlock() {
        expect(PrismaTokens.Kind.NAME, "the block's name");
        expectSymbol("{");
        int depth = 1;
        while (depth > 0) {
            PrismaTokens.Token token = next();
            if (token.is("{")) {
                depth++;
            } else if (token.is("}")) {
                depth--;
            }
        }
    }

    private void endOfLine() {
        if (!peekSymbol("}")) {
            PrismaTokens.Token token = next();
            if (token.kind() != PrismaTokens.Kind.NEWLINE) {
                throw error(token, "the end of the line");
            }
        }
    }

    private void skipNewlines() {
        while (!atEnd() && peek().kind() == PrismaTokens.Kind.NEWLINE) {
            position++;
        }
    }

    private boolean atEnd() {
        return peek().kind() == PrismaTokens.Kind.END;
    }

    private PrismaTokens.Token peek() {
        return tokens.get(position);
    }

    private boolean peekSymbol(String symbol) {
        return peekSymbolAt(position, symbol);
    }

    private boolean peekSymbolAt(int index, String symbol) {
        return index < tokens.size() && tokens.get(index).is(symbol);
    }

    private PrismaTokens.Token next() {
        PrismaTokens.Token token = tokens.get(position);
        if (token.kind() == PrismaTokens.Kind.END) {
            throw error(token, "more of the schema (a block is not closed)");
        }
        position++;
        return token;
    }

    private PrismaTokens.Token expect(PrismaTokens.Kind kind, String what) {
        PrismaTokens.Token token = next();
        if (token.kind() != kind) {
            throw error(token, what);
        }
        return token;
    }

    private void expectSymbol(String symbol) {
        PrismaTokens.Token token = next();
        if (!token.is(symbol)) {
            throw error(token, "'" + symbol + "'");
        }
    }

    private CutoverException error(PrismaTokens.Token found, String expected) {
        return error(found.line(), "expected " + expected + ", found " + found.describe());
    }

    private CutoverException error(int line, String problem) {
        return CutoverException.config("Prisma schema " + file + " line " + line + ": " + problem
                + "; fix the schema (`npx prisma validate` checks it) or leave out --prisma");
    }
}
