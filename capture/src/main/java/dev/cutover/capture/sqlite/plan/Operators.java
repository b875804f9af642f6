package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Type rules for operators. SQLite compares and computes across storage classes freely; PostgreSQL does not, so an
 * operation is translated only when both sides have types PostgreSQL accepts together and the result is the one
 * SQLite gives. Everything else is {@link Untranslatable}.
 */
final class Operators {
    private Operators() {
    }

    /** {@code l op r} for =, ==, !=, <>, <, <=, >, >=. */
    static Expr compare(String op, Expr l, Expr r) {
        List<Expr> pair = unify(List.of(l, r));
        String pgOp = op.equals("==") ? "=" : op.equals("!=") ? "<>" : op;
        return Expr.of(pair.get(0).operand() + " " + pgOp + " " + pair.get(1).operand(), ValueType.BOOLEAN);
    }

    /**
     * Brings values that meet (compared, coalesced, CASE results) to one type: current-time values and literals take
     * the type of the first typed value; typed values must already agree.
     */
    static List<Expr> unify(List<Expr> values) {
        Expr anchor = values.stream().filter(v -> v.literal() == null && v.now() == null).findFirst()
                .orElse(values.stream().filter(v -> v.literal() != null && !v.isNull()).findFirst().orElse(null));
        List<Expr> result = new ArrayList<>();
        for (Expr value : values) {
            result.add(anchor == null || value == anchor ? plain(value) : toTypeOf(value, anchor));
        }
        return result;
    }

    private static Expr toTypeOf(Expr value, Expr anchor) {
        if (value.now() != null) {
            return value.now().render(anchor.type());
        }
        if (value.isNull() || anchor.isNull()) {
            return value;
        }
        if (value.literal() != null && anchor.literal() == null) {
            return Literals.comparedWith(value, anchor.type());
        }
        if (compatible(value.type(), anchor.type())) {
            return value;
        }
        throw new Untranslatable("a " + name(value.type()) + " value meets a " + name(anchor.type()) + " value");
    }

    private static boolean compatible(ValueType a, ValueType b) {
        if (a == ValueType.UNKNOWN || b == ValueType.UNKNOWN || a == ValueType.JSON || b == ValueType.JSON) {
            return false;
        }
        return a == b || (a.isNumeric() && b.isNumeric())
                || ((a == ValueType.DATE || a == ValueType.TIMESTAMP) && (b == ValueType.DATE || b == ValueType.TIMESTAMP));
    }

    /** A value outside any typed context: a current time becomes its SQLite text. */
    static Expr plain(Expr value) {
        return value.now() != null ? value.now().render(ValueType.TEXT) : value;
    }

    /** The value as a condition: SQLite treats non-zero numbers as true. */
    static Expr truth(Expr value) {
        if (value.type() == ValueType.BOOLEAN || value.isNull()) {
            return value;
        }
        if (value.literal() != null && (value.isLiteral(Expr.Literal.Kind.NUMBER)
                || value.isLiteral(Expr.Literal.Kind.BOOLEAN_KEYWORD))) {
            boolean zero = Literals.decimal(value.literal().value()).map(d -> d.signum() == 0).orElse(false);
            return Expr.atom(zero ? "false" : "true", ValueType.BOOLEAN);
        }
        if (value.type().isNumeric() && value.now() == null) {
            return Expr.of(value.operand() + " <> 0", ValueType.BOOLEAN);
        }
        throw new Untranslatable("a " + name(value.type()) + " value used as a condition");
    }

    /** + - * / % and the bitwise operators. */
    static Expr arithmetic(String op, Expr l, Expr r) {
        if (l.now() != null || r.now() != null) {
            return Expr.now(nowArithmetic(op, l, r));
        }
        requireNumeric(l, op);
        requireNumeric(r, op);
        boolean integers = integerLike(l) && integerLike(r);
        if (op.equals("/") || op.equals("%")) {
            boolean nonZeroLiteral = r.isLiteral(Expr.Literal.Kind.NUMBER)
                    && Literals.decimal(r.literal().value()).map(d -> d.signum() != 0).orElse(false);
            if (!nonZeroLiteral) {
                throw new Untranslatable("division by a value that may be zero (NULL in SQLite, an error in PostgreSQL)");
            }
        }
        if ((op.equals("%") || op.equals("&") || op.equals("|") || op.equals("<<") || op.equals(">>")) && !integers) {
            throw new Untranslatable("operator " + op + " on non-integers");
        }
        return Expr.of(l.operand() + " " + op + " " + r.operand(), integers ? ValueType.INTEGER : ValueType.DECIMAL);
    }

    private static NowValue nowArithmetic(String op, Expr l, Expr r) {
        Expr number = l.now() != null ? r : l;
        NowValue now = l.now() != null ? l.now() : r.now();
        if (!number.isLiteral(Expr.Literal.Kind.NUMBER)) {
            throw new Untranslatable("arithmetic between the current time and a non-literal");
        }
        double factor = Literals.decimal(number.literal().value()).orElseThrow().doubleValue();
        boolean integerFactor = Literals.isInteger(number.literal().value());
        if (op.equals("*")) {
            return now.times(factor, integerFactor);
        }
        if (op.equals("/") && l.now() != null) {
            return now.dividedBy(factor);
        }
        if (op.equals("-") && l.now() != null) {
            return now.minus(factor);
        }
        throw new Untranslatable("operator " + op + " on the current time");
    }

    private static boolean integerLike(Expr value) {
        return value.type() == ValueType.INTEGER || value.isNull();
    }

    private static void requireNumeric(Expr value, String op) {
        if (!(value.type().isNumeric() || value.isNull()) || value.isLiteral(Expr.Literal.Kind.STRING)) {
            throw new Untranslatable("operator " + op + " on a " + name(value.type()) + " value");
        }
    }

    /** {@code a || b}: numbers are written as text first (integers only: REAL text forms differ). */
    static Expr concat(Expr l, Expr r) {
        return Expr.of(text(l).operand() + " || " + text(r).operand(), ValueType.TEXT);
    }

    /** The value as text, for string functions, LIKE and concatenation. */
    static Expr text(Expr value) {
        if (value.now() != null) {
            return value.now().render(ValueType.TEXT);
        }
        if (value.type() == ValueType.TEXT || value.isNull()) {
            return value;
        }
        if (value.type() == ValueType.INTEGER) {
            return value.literal() != null ? Expr.string(Literals.canonicalInteger(value.literal().value()))
                    : Expr.atom(value.castTo("text"), ValueType.TEXT);
        }
        throw new Untranslatable("a " + name(value.type()) + " value used as text");
    }

    static Expr negate(Expr value) {
        if (value.isLiteral(Expr.Literal.Kind.NUMBER)) {
            String text = value.literal().value();
            return Expr.number(text.startsWith("-") ? text.substring(1) : "-" + text);
        }
        requireNumeric(value, "-");
        return Expr.of("-" + value.operand(), value.type());
    }

    static String name(ValueType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
