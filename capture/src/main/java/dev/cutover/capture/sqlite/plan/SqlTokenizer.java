package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQLite SQL into tokens, following SQLite's lexical rules: identifiers quoted with {@code "x"}, {@code [x]} or
 * {@code `x`}; strings in single quotes with {@code ''} for a quote; {@code X'..'} blobs; {@code --} and
 * {@code /* *}{@code /} comments. The list always ends with an {@link Token.Kind#END} token.
 */
final class SqlTokenizer {
    private static final String[] LONG_OPERATORS = {"->>", "||", "->", "<=", ">=", "==", "!=", "<>", "<<", ">>"};
    private static final String SHORT_OPERATORS = "(),;+-*/%<>=&|~.";

    private final String sql;
    private int pos;

    private SqlTokenizer(String sql) {
        this.sql = sql;
    }

    /** @throws SqlSyntaxException when the text is not lexically valid SQL */
    static List<Token> tokenize(String sql) {
        return new SqlTokenizer(sql).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= sql.length()) {
                tokens.add(new Token(Token.Kind.END, "", "", pos, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (sql.startsWith("--", pos)) {
                int newline = sql.indexOf('\n', pos);
                pos = newline < 0 ? sql.length() : newline + 1;
            } else if (sql.startsWith("/*", pos)) {
                int close = sql.indexOf("*/", pos + 2);
                pos = close < 0 ? sql.length() : close + 2;
            } else {
                return;
            }
        }
    }

    private Token next() {
        char c = sql.charAt(pos);
        if ((c == 'x' || c == 'X') && pos + 1 < sql.length() && sql.charAt(pos + 1) == '\'') {
            return blob();
        }
        if (c == '\'') {
            return quoted(Token.Kind.STRING, '\'', '\'');
        }
        if (c == '"') {
            return quoted(Token.Kind.QUOTED_IDENTIFIER, '"', '"');
        }
        if (c == '`') {
            return quoted(Token.Kind.QUOTED_IDENTIFIER, '`', '`');
        }
        if (c == '[') {
            return bracketed();
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
            return number();
        }
        if (c == '?' || c == ':' || c == '@' || c == '$') {
            return variable();
        }
        if (Character.isLetter(c) || c == '_' || c > 127) {
            return identifier();
        }
        return operator();
    }

    private Token quoted(Token.Kind kind, char open, char close) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw new SqlSyntaxException("unterminated " + open + " quote at offset " + start);
            }
            char c = sql.charAt(pos++);
            if (c == close) {
                if (pos < sql.length() && sql.charAt(pos) == close) {
                    value.append(close);
                    pos++;
                    continue;
                }
                return new Token(kind, sql.substring(start, pos), value.toString(), start, pos);
            }
            value.append(c);
        }
    }

    private Token bracketed() {
        int start = pos;
        int close = sql.indexOf(']', pos + 1);
        if (close < 0) {
            throw new SqlSyntaxException("unterminated [ quote at offset " + start);
        }
        pos = close + 1;
        return new Token(Token.Kind.QUOTED_IDENTIFIER, sql.substring(start, pos), sql.substring(start + 1, close), start,
                pos);
    }

    private Token blob() {
        int start = pos;
        pos++;
        Token hex = quoted(Token.Kind.STRING, '\'', '\'');
        if (!hex.value().matches("([0-9a-fA-F]{2})*")) {
            throw new SqlSyntaxException("malformed blob literal " + sql.substring(start, pos));
        }
        return new Token(Token.Kind.BLOB, sql.substring(start, pos), hex.value(), start, pos);
    }

    private Token number() {
        int start = pos;
        if (sql.startsWith("0x", pos) || sql.startsWith("0X", pos)) {
            pos += 2;
            while (pos < sql.length() && Character.digit(sql.charAt(pos), 16) >= 0) {
                pos++;
            }
        } else {
            digits();
            if (pos < sql.length() && sql.charAt(pos) == '.') {
                pos++;
                digits();
            }
            if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
                int mark = pos++;
                if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    digits();
                } else {
                    pos = mark;
                }
            }
        }
        String text = sql.substring(start, pos);
        return new Token(Token.Kind.NUMBER, text, text, start, pos);
    }

    private void digits() {
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
    }

    private Token variable() {
        int start = pos++;
        while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
            pos++;
        }
        String text = sql.substring(start, pos);
        return new Token(Token.Kind.VARIABLE, text, text, start, pos);
    }

    private Token identifier() {
        int start = pos;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127)) {
                break;
            }
            pos++;
        }
        String text = sql.substring(start, pos);
        return new Token(Token.Kind.IDENTIFIER, text, text, start, pos);
    }

    private Token operator() {
        int start = pos;
        for (String operator : LONG_OPERATORS) {
            if (sql.startsWith(operator, pos)) {
                pos += operator.length();
                return new Token(Token.Kind.OPERATOR, operator, operator, start, pos);
            }
        }
        char c = sql.charAt(pos);
        if (SHORT_OPERATORS.indexOf(c) < 0) {
            throw new SqlSyntaxException("unexpected character '" + c + "' at offset " + start);
        }
        pos++;
        return new Token(Token.Kind.OPERATOR, String.valueOf(c), String.valueOf(c), start, pos);
    }
}
