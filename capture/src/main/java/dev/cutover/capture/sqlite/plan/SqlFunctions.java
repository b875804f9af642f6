package dev.cutover.capture.sqlite.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * SQLite scalar functions with a faithful PostgreSQL counterpart. Any other function, or a known one called with
 * arguments whose meaning differs between the two, is {@link Untranslatable}.
 */
final class SqlFunctions {
    private SqlFunctions() {
    }

    static Expr call(String name, List<Expr> args, boolean volatileAllowed) {
        switch (name) {
            case "datetime": case "date": case "time": case "strftime": case "julianday": case "unixepoch":
                return currentTime(name, args, volatileAllowed);
            case "length":
                return length(one(name, args));
            case "lower": case "upper":
                return Expr.call(name + "(" + textArg(one(name, args)) + ")", ValueType.TEXT);
            case "trim": case "ltrim": case "rtrim":
                return trim(name, args);
            case "substr": case "substring":
                return substr(args);
            case "ifnull": case "coalesce":
                return coalesce(name, args);
            case "nullif":
                return nullif(args);
            case "abs":
                return abs(one(name, args));
            case "round":
                return round(args);
            case "instr":
                arity(name, args, 2);
                return Expr.call("strpos(" + textArg(args.get(0)) + ", " + textArg(args.get(1)) + ")", ValueType.INTEGER);
            case "replace":
                arity(name, args, 3);
                return Expr.call("replace(" + args.stream().map(SqlFunctions::textArg).collect(Collectors.joining(", "))
                        + ")", ValueType.TEXT);
            case "json_valid":
                return jsonValid(one(name, args));
            case "iif":
                arity(name, args, 3);
                return Cases.searched(List.of(args.get(0)), List.of(args.get(1)), args.get(2));
            default:
                throw new Untranslatable("function " + name + "()");
        }
    }

    private static Expr currentTime(String name, List<Expr> args, boolean volatileAllowed) {
        NowValue now = NowValue.call(name, args);
        if (now == null) {
            throw new Untranslatable(name + "() of a stored value (only 'now' is translated)");
        }
        if (!volatileAllowed) {
            throw new Untranslatable("the current time in an expression PostgreSQL requires to be immutable");
        }
        return Expr.now(now);
    }

    private static Expr length(Expr arg) {
        if (arg.type() == ValueType.BYTEA) {
            return Expr.call("length(" + arg.sql() + ")", ValueType.INTEGER);
        }
        return Expr.call("length(" + textArg(arg) + ")", ValueType.INTEGER);
    }

    private static Expr trim(String name, List<Expr> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new Untranslatable(name + "() with " + args.size() + " arguments");
        }
        String pgName = name.equals("trim") ? "btrim" : name;
        return Expr.call(pgName + "(" + args.stream().map(SqlFunctions::textArg).collect(Collectors.joining(", ")) + ")",
                ValueType.TEXT);
    }

    /** PostgreSQL's substr counts from the start only; negative SQLite positions and lengths are not translated. */
    private static Expr substr(List<Expr> args) {
        if (args.size() < 2 || args.size() > 3) {
            throw new Untranslatable("substr() with " + args.size() + " arguments");
        }
        StringBuilder sql = new StringBuilder("substr(").append(textArg(args.get(0)));
        for (Expr position : args.subList(1, args.size())) {
            if (!position.isLiteral(Expr.Literal.Kind.NUMBER) || !position.literal().value().matches("\\d+")) {
                throw new Untranslatable("substr() with a position or length other than a non-negative integer");
            }
            sql.append(", ").append(position.sql());
        }
        return Expr.call(sql.append(')').toString(), ValueType.TEXT);
    }

    private static Expr coalesce(String name, List<Expr> args) {
        if (args.size() < 2 || (name.equals("ifnull") && args.size() != 2)) {
            throw new Untranslatable(name + "() with " + args.size() + " arguments");
        }
        List<Expr> unified = Operators.unify(args);
        return Expr.call("coalesce(" + unified.stream().map(Expr::sql).collect(Collectors.joining(", ")) + ")",
                resultType(unified));
    }

    private static Expr nullif(List<Expr> args) {
        arity("nullif", args, 2);
        List<Expr> unified = Operators.unify(args);
        return Expr.call("nullif(" + unified.get(0).sql() + ", " + unified.get(1).sql() + ")", resultType(unified));
    }

    private static Expr abs(Expr arg) {
        if (!arg.type().isNumeric() || arg.isLiteral(Expr.Literal.Kind.STRING)) {
            throw new Untranslatable("abs() of a " + Operators.name(arg.type()) + " value");
        }
        return Expr.call("abs(" + arg.sql() + ")", arg.type());
    }

    /** SQLite rounds halves away from zero, as PostgreSQL's numeric round does (its float round does not). */
    private static Expr round(List<Expr> args) {
        if (args.isEmpty() || args.size() > 2 || !args.get(0).type().isNumeric()
                || args.get(0).isLiteral(Expr.Literal.Kind.STRING)) {
            throw new Untranslatable("round() of these arguments");
        }
        String digits = "";
        if (args.size() == 2) {
            Expr n = args.get(1);
            if (!n.isLiteral(Expr.Literal.Kind.NUMBER) || !n.literal().value().matches("\\d+")) {
                throw new Untranslatable("round() to a number of digits other than a non-negative integer");
            }
            digits = ", " + n.sql();
        }
        return Expr.call("round(" + args.get(0).castTo("numeric") + digits + ")", ValueType.DECIMAL);
    }

    private static Expr jsonValid(Expr arg) {
        if (arg.type() != ValueType.TEXT && arg.type() != ValueType.JSON) {
            throw new Untranslatable("json_valid() of a " + Operators.name(arg.type()) + " value");
        }
        return Expr.of(arg.operand() + " IS JSON", ValueType.BOOLEAN);
    }

    private static String textArg(Expr arg) {
        return Operators.text(arg).sql();
    }

    private static ValueType resultType(List<Expr> values) {
        return values.stream().map(Expr::type).filter(t -> t != ValueType.NULL).findFirst().orElse(ValueType.NULL);
    }

    private static Expr one(String name, List<Expr> args) {
        arity(name, args, 1);
        return args.get(0);
    }

    private static void arity(String name, List<Expr> args, int expected) {
        if (args.size() != expected) {
            throw new Untranslatable(name + "() with " + args.size() + " arguments");
        }
    }
}
