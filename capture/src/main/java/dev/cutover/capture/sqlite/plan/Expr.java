package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.Identifiers;

/**
 * A translated expression: PostgreSQL text with its type, or a literal / {@code now} value whose PostgreSQL text
 * depends on where it is used.
 *
 * @param sql     PostgreSQL text; null for {@link NowValue}s, which are rendered for the type they meet
 * @param type    the value's type family
 * @param form    how the text can be embedded
 * @param literal the literal this was written as, or null
 * @param now     a current-time value, or null
 */
record Expr(String sql, ValueType type, Form form, Literal literal, NowValue now) {

    enum Form {
        /** A quoted column name. */
        COLUMN,
        /** A function call, {@code f(...)}. */
        CALL,
        /** Needs no parentheses as an operand (literal, CASE, cast). */
        ATOM,
        /** Needs parentheses as an operand. */
        COMPOUND
    }

    /** What a literal was written as. */
    record Literal(Kind kind, String value) {
        enum Kind { NUMBER, STRING, BOOLEAN_KEYWORD, NULL, BLOB }
    }

    static Expr of(String sql, ValueType type) {
        return new Expr(sql, type, Form.COMPOUND, null, null);
    }

    static Expr atom(String sql, ValueType type) {
        return new Expr(sql, type, Form.ATOM, null, null);
    }

    static Expr call(String sql, ValueType type) {
        return new Expr(sql, type, Form.CALL, null, null);
    }

    static Expr column(String targetName, ValueType type) {
        return new Expr(Identifiers.quote(targetName), type, Form.COLUMN, null, null);
    }

    static Expr number(String text) {
        boolean decimal = text.contains(".") || (!text.startsWith("0x") && text.toLowerCase().contains("e"));
        return new Expr(text, decimal ? ValueType.DECIMAL : ValueType.INTEGER, text.startsWith("-") ? Form.COMPOUND
                : Form.ATOM, new Literal(Literal.Kind.NUMBER, text), null);
    }

    static Expr string(String value) {
        return new Expr(Identifiers.literal(value), ValueType.TEXT, Form.ATOM, new Literal(Literal.Kind.STRING, value),
                null);
    }

    static Expr booleanKeyword(boolean value) {
        return new Expr(value ? "1" : "0", ValueType.INTEGER, Form.ATOM,
                new Literal(Literal.Kind.BOOLEAN_KEYWORD, value ? "1" : "0"), null);
    }

    static Expr nullLiteral() {
        return new Expr("NULL", ValueType.NULL, Form.ATOM, new Literal(Literal.Kind.NULL, null), null);
    }

    static Expr blob(String hex) {
        return new Expr("'\\x" + hex.toLowerCase() + "'::bytea", ValueType.BYTEA, Form.ATOM,
                new Literal(Literal.Kind.BLOB, hex), null);
    }

    static Expr now(NowValue now) {
        return new Expr(null, ValueType.UNKNOWN, Form.ATOM, null, now);
    }

    boolean isLiteral(Literal.Kind kind) {
        return literal != null && literal.kind() == kind;
    }

    boolean isNull() {
        return isLiteral(Literal.Kind.NULL);
    }

    /** The text as an operand of an operator. */
    String operand() {
        return form == Form.COMPOUND ? "(" + sql + ")" : sql;
    }

    /** {@code x::type}, parenthesizing x unless it is a column or a call. */
    String castTo(String pgType) {
        boolean bare = form == Form.COLUMN || form == Form.CALL;
        return (bare ? sql : "(" + sql + ")") + "::" + pgType;
    }
}
