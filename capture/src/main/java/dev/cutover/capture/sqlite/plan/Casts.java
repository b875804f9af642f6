package dev.cutover.capture.sqlite.plan;

import java.math.BigDecimal;

/**
 * {@code CAST(x AS type)}. SQLite casts never fail (text that is not a number becomes 0 or its numeric prefix);
 * PostgreSQL's raise errors, so only casts with the same result in both are translated.
 */
final class Casts {
    private Casts() {
    }

    static Expr cast(Expr value, MappedType type) {
        ValueType target = target(type);
        String pgType = type.kind() == MappedType.Kind.VARCHAR ? "text" : type.pgType();
        if (value.now() != null) {
            return castNow(value.now(), target);
        }
        if (value.isNull()) {
            return Expr.atom("NULL::" + pgType, target);
        }
        if (value.literal() != null) {
            return castLiteral(value, target);
        }
        if (value.type() == target) {
            return value;
        }
        if (value.type() == ValueType.INTEGER && (target == ValueType.DECIMAL || target == ValueType.TEXT)) {
            return Expr.atom(value.castTo(pgType), target);
        }
        if (value.type() == ValueType.DECIMAL && target == ValueType.INTEGER) {
            return Expr.atom("trunc(" + value.sql() + ")::bigint", ValueType.INTEGER);
        }
        if (value.type() == ValueType.BOOLEAN && target == ValueType.INTEGER) {
            return Expr.atom(value.castTo("integer"), ValueType.INTEGER);
        }
        throw new Untranslatable("CAST of a " + Operators.name(value.type()) + " value AS " + pgType);
    }

    private static ValueType target(MappedType type) {
        switch (type.kind()) {
            case SMALLINT: case INTEGER: case BIGINT: return ValueType.INTEGER;
            case DOUBLE: case NUMERIC: return ValueType.DECIMAL;
            case TEXT: case VARCHAR: return ValueType.TEXT;
            case BYTEA: return ValueType.BYTEA;
            default: throw new Untranslatable("CAST AS " + type.pgType());
        }
    }

    private static Expr castNow(NowValue now, ValueType target) {
        if (target == ValueType.INTEGER) {
            return Expr.now(now.truncated());
        }
        if (target == ValueType.DECIMAL || (target == ValueType.TEXT && now.shape() == NowValue.Shape.TEXT)) {
            return Expr.now(now);
        }
        throw new Untranslatable("CAST of the current time");
    }

    private static Expr castLiteral(Expr value, ValueType target) {
        String text = value.literal().value();
        boolean number = value.isLiteral(Expr.Literal.Kind.NUMBER) || value.isLiteral(Expr.Literal.Kind.BOOLEAN_KEYWORD);
        boolean string = value.isLiteral(Expr.Literal.Kind.STRING);
        if ((number || string) && (target == ValueType.INTEGER || target == ValueType.DECIMAL)) {
            BigDecimal decimal = Literals.decimal(text).orElseThrow(
                    () -> new Untranslatable("CAST of '" + text + "' to a number (SQLite reads a numeric prefix)"));
            return Expr.number(target == ValueType.INTEGER ? decimal.toBigInteger().toString() : decimal.toPlainString());
        }
        if (string && target == ValueType.TEXT) {
            return value;
        }
        if (number && target == ValueType.TEXT && Literals.isInteger(text)) {
            return Expr.string(Literals.canonicalInteger(text));
        }
        throw new Untranslatable("CAST of literal " + value.sql());
    }
}
