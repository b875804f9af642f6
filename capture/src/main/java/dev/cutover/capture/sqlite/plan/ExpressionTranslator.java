package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates the SQLite expressions a schema holds (defaults, CHECK constraints, generated columns, partial-index
 * predicates and index expressions) to PostgreSQL. Column names become the quoted target names. Anything without a
 * faithful equivalent comes back as a failed {@link Translation} naming the part; the caller records it in the plan.
 */
final class ExpressionTranslator {

    /**
     * A column an expression may refer to.
     *
     * @param target    target column name
     * @param pgType    its PostgreSQL type
     * @param generated generated in the source
     * @param typed     false when the values made the column {@code text} although its SQLite affinity converts
     *                  values (a widened INTEGER column): SQLite compares such a column by its affinity, PostgreSQL
     *                  as text, so expressions using it are not translated
     */
    record ColumnRef(String target, String pgType, boolean generated, boolean typed) {
        ColumnRef(String target, String pgType, boolean generated) {
            this(target, pgType, generated, true);
        }
    }

    private enum Context { DEFAULT, CHECK, GENERATED, INDEX }

    private final Map<String, ColumnRef> columns;
    private final Context context;

    private ExpressionTranslator(Map<String, ColumnRef> columns, Context context) {
        this.columns = columns;
        this.context = context;
    }

    /** Defaults: no column references; the current time is allowed. */
    static ExpressionTranslator forDefaults() {
        return new ExpressionTranslator(Map.of(), Context.DEFAULT);
    }

    /** CHECK constraints: the table's columns, keyed by lower-case source name; the current time is allowed. */
    static ExpressionTranslator forChecks(Map<String, ColumnRef> columns) {
        return new ExpressionTranslator(columns, Context.CHECK);
    }

    /** Generated columns: immutable, and (a PostgreSQL rule) no references to other generated columns. */
    static ExpressionTranslator forGenerated(Map<String, ColumnRef> columns) {
        return new ExpressionTranslator(columns, Context.GENERATED);
    }

    /** Index expressions and partial-index predicates: immutable. */
    static ExpressionTranslator forIndexes(Map<String, ColumnRef> columns) {
        return new ExpressionTranslator(columns, Context.INDEX);
    }

    /** A boolean expression (CHECK, WHERE). */
    Translation condition(String sql) {
        return run(sql, expr -> Operators.truth(Operators.plain(expr)).sql());
    }

    /** An index element: a column, a call, or a parenthesized expression. */
    Translation indexElement(String sql) {
        return run(sql, expr -> {
            Expr plain = Operators.plain(expr);
            boolean bare = plain.form() == Expr.Form.COLUMN || plain.form() == Expr.Form.CALL;
            return bare ? plain.sql() : "(" + plain.sql() + ")";
        });
    }

    /** A default: null SQL for {@code NULL} (no default needed). */
    Translation defaultValue(String sql, String pgType) {
        return run(sql, expr -> expr.isNull() ? null : valueOf(expr, pgType));
    }

    /** A generated column's expression. */
    Translation generated(String sql, String pgType) {
        return run(sql, expr -> {
            if (expr.isNull()) {
                throw new Untranslatable("a generated NULL");
            }
            return valueOf(expr, pgType);
        });
    }

    private String valueOf(Expr expr, String pgType) {
        ValueType type = ValueType.ofPg(pgType);
        if (expr.now() != null) {
            return expr.now().render(type).sql();
        }
        if (expr.literal() != null) {
            return Literals.asValue(expr, pgType);
        }
        if (expr.type() == type || (expr.type() == ValueType.INTEGER && type == ValueType.DECIMAL)) {
            return expr.sql();
        }
        if (expr.type() == ValueType.INTEGER && type == ValueType.TEXT) {
            return expr.castTo("text");
        }
        if (expr.type() == ValueType.BOOLEAN && type == ValueType.INTEGER) {
            return expr.castTo("integer");
        }
        throw new Untranslatable("a " + Operators.name(expr.type()) + " value for a " + pgType + " column");
    }

    private Translation run(String sql, Function<Expr, String> finish) {
        Scope scope = new Scope();
        try {
            String result = finish.apply(ExpressionParser.parse(sql, scope));
            return Translation.of(result, scope.notes.isEmpty() ? null : String.join("; ", scope.notes));
        } catch (Untranslatable e) {
            return Translation.failed(e.getMessage());
        } catch (SqlSyntaxException e) {
            return Translation.failed("cannot read it (" + e.getMessage() + ")");
        }
    }

    /** Resolves names the way SQLite does: columns first (ignoring case), then keywords. */
    private final class Scope implements ExpressionParser.ExpressionScope {
        private final List<String> notes = new ArrayList<>();

        @Override
        public Expr resolve(Token name) {
            ColumnRef column = columns.get(name.value().toLowerCase(Locale.ROOT));
            if (column != null) {
                if (context == Context.GENERATED && column.generated()) {
                    throw new Untranslatable("a reference to generated column " + name.text()
                            + " (PostgreSQL cannot compute a generated column from another)");
                }
                return Expr.column(column.target(), column.typed() ? ValueType.ofPg(column.pgType()) : ValueType.UNKNOWN);
            }
            if (name.kind() == Token.Kind.IDENTIFIER) {
                return keyword(name);
            }
            if (name.text().startsWith("\"")) {
                return Expr.string(name.value());
            }
            throw new Untranslatable(context == Context.DEFAULT ? "a column reference in a default"
                    : "unknown column " + name.text());
        }

        private Expr keyword(Token name) {
            switch (name.upper()) {
                case "TRUE": return Expr.booleanKeyword(true);
                case "FALSE": return Expr.booleanKeyword(false);
                case "CURRENT_TIMESTAMP": return now("datetime");
                case "CURRENT_DATE": return now("date");
                case "CURRENT_TIME": return now("time");
                default:
                    throw new Untranslatable(context == Context.DEFAULT ? "a column reference in a default"
                            : "unknown column " + name.text());
            }
        }

        private Expr now(String function) {
            return SqlFunctions.call(function, List.of(), volatileAllowed());
        }

        @Override
        public boolean volatileAllowed() {
            return context == Context.DEFAULT || context == Context.CHECK;
        }

        @Override
        public void note(String note) {
            if (!notes.contains(note)) {
                notes.add(note);
            }
        }
    }
}
