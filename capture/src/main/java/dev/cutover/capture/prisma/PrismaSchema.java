package dev.cutover.capture.prisma;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Prisma schema: what {@code cutover plan --prisma} maps a document source with.
 *
 * @param models the models (collections), in the schema's order
 * @param enums  the enums, in the schema's order
 * @param types  the composite types (MongoDB embedded documents), in the schema's order
 */
public record PrismaSchema(List<Model> models, List<Enum> enums, List<Model> types) {

    public PrismaSchema {
        models = List.copyOf(models);
        enums = List.copyOf(enums);
        types = List.copyOf(types);
    }

    public Optional<Model> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<Enum> enumNamed(String name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Model> type(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * A model (or composite type).
     *
     * @param name       the model's name in the schema
     * @param fields     its fields, in the schema's order
     * @param attributes its block attributes ({@code @@map}, {@code @@index}, {@code @@unique}, {@code @@id}, ...)
     * @param line       where it starts in the file, for messages
     */
    public record Model(String name, List<Field> fields, List<Attribute> attributes, int line) {
        public Model {
            fields = List.copyOf(fields);
            attributes = List.copyOf(attributes);
        }

        /** The collection's name: {@code @@map("...")}, else the model's name. */
        public String collection() {
            return attribute("map").flatMap(Attribute::firstString).orElse(name);
        }

        public Optional<Field> field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
        }

        public Optional<Attribute> attribute(String attributeName) {
            return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
        }

        public List<Attribute> attributes(String attributeName) {
            return attributes.stream().filter(a -> a.name().equals(attributeName)).toList();
        }
    }

    /**
     * A field of a model.
     *
     * @param name       the field's name in the schema
     * @param type       its type's name ({@code String}, {@code Int}, a model, an enum, a composite type, ...)
     * @param list       {@code Type[]}
     * @param optional   {@code Type?}
     * @param attributes its attributes ({@code @id}, {@code @map}, {@code @default}, {@code @db.ObjectId}, ...)
     * @param line       where it is in the file
     */
    public record Field(String name, String type, boolean list, boolean optional, List<Attribute> attributes,
                        int line) {
        public Field {
            attributes = List.copyOf(attributes);
        }

        /** The document's field name: {@code @map("...")}, else the field's name. */
        public String documentField() {
            return attribute("map").flatMap(Attribute::firstString).orElse(name);
        }

        public Optional<Attribute> attribute(String attributeName) {
            return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
        }

        public boolean has(String attributeName) {
            return attribute(attributeName).isPresent();
        }

        /** {@code @db.ObjectId}: the value is an ObjectId (or an array of them). */
        public boolean objectId() {
            return has("db.ObjectId");
        }
    }

    /**
     * An attribute, e.g. {@code @relation(name: "x", fields: [a], references: [id])}.
     *
     * @param name      without its {@code @} or {@code @@} ({@code map}, {@code db.ObjectId}, {@code relation})
     * @param arguments its arguments in order; an unnamed one has a null name
     */
    public record Attribute(String name, List<Argument> arguments) {
        public Attribute {
            arguments = List.copyOf(arguments);
        }

        public Optional<Argument> argument(String argumentName) {
            return arguments.stream().filter(a -> argumentName.equals(a.name())).findFirst();
        }

        /** The first unnamed argument, if any. */
        public Optional<Value> first() {
            return arguments.stream().filter(a -> a.name() == null).map(Argument::value).findFirst();
        }

        public Optional<String> firstString() {
            return first().filter(v -> v.kind() == Value.Kind.STRING).map(Value::text);
        }
    }

    /** One argument of an attribute: {@code name: value}, or an unnamed value. */
    public record Argument(String name, Value value) {
    }

    /**
     * An argument's value.
     *
     * @param kind     what it is
     * @param text     a string's content, a name, a number's digits, or a call's function name
     * @param elements a list's elements, or a call's arguments as values
     */
    public record Value(Kind kind, String text, List<Value> elements) {
        public Value {
            elements = List.copyOf(elements);
        }

        public enum Kind { STRING, NUMBER, NAME, LIST, CALL }

        /** A list's element names ({@code [a, b]} → a, b); a single name as a list of one. */
        public List<String> names() {
            return kind == Kind.LIST ? elements.stream().map(Value::text).toList() : List.of(text);
        }
    }

    /**
     * An enum.
     *
     * @param name   its name in the schema
     * @param values its values as stored ({@code @map("...")} of a value, else the value's name), in order
     * @param mapped {@code @@map("...")}, else the name
     * @param line   where it starts in the file
     */
    public record Enum(String name, List<String> values, String mapped, int line) {
        public Enum {
            values = List.copyOf(values);
        }
    }
}
