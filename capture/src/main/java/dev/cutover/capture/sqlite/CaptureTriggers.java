package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.literal;
import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The triggers that log one table's changed keys into the change log (see {@link SqliteChangeLog} for what the log
 * means). Named {@code _cutover_<n>_<kind>} with {@code n} the table's position in the plan, so long table names
 * never make long trigger names:
 * <ul>
 *   <li>{@code _ai} AFTER INSERT: NEW's key;</li>
 *   <li>{@code _au} AFTER UPDATE: OLD's key when the update changed it (byte for byte), then NEW's key;</li>
 *   <li>{@code _ad} AFTER DELETE: OLD's key;</li>
 *   <li>{@code _bi}, {@code _bu} BEFORE INSERT / UPDATE, only on tables with unique indexes besides the key: the keys
 *       of existing rows that conflict with NEW on such an index, because {@code OR REPLACE} deletes those rows
 *       without firing delete triggers (unless the application enabled recursive_triggers).</li>
 * </ul>
 *
 * <p>The application's SQLite, which may be old, parses these statements every time it opens the file, so they use
 * nothing newer than subqueries in FROM and {@code julianday('now')}: no row values, no upsert, no RETURNING. They
 * only insert into the change log, whose columns have no constraints that could fail, so they never raise an error
 * into the application.
 */
final class CaptureTriggers {
    static final String LOG_TABLE = "_cutover_changes";
    static final String PREFIX = "_cutover_";
    /** Epoch milliseconds from julianday, which every SQLite version has. */
    static final String NOW_MS = "(julianday('now') - 2440587.5) * 86400000.0";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final int number;
    private final SqliteTableSchema schema;
    private final List<String> key;
    private final String insert;

    private CaptureTriggers(int number, TablePlan plan, SqliteTableSchema schema) {
        this.number = number;
        this.schema = schema;
        this.key = keyColumns(plan, schema);
        StringBuilder columns = new StringBuilder("tbl, ts");
        for (int i = 1; i <= key.size(); i++) {
            columns.append(", k").append(i);
        }
        this.insert = "INSERT INTO " + quote(LOG_TABLE) + "(" + columns + ") ";
    }

    /** The columns a table's changes are logged by: its primary key, or its rowid alias for rowid-keyed tables. */
    static List<String> keyColumns(TablePlan plan, SqliteTableSchema schema) {
        return plan.key().kind() == KeyPlan.KeyKind.ROWID ? List.of(schema.rowidAlias()) : plan.key().sourceColumns();
    }

    /** Trigger name to its CREATE TRIGGER statement, exactly as SQLite stores it in sqlite_schema. */
    static Map<String, String> statements(int number, TablePlan plan, SqliteTableSchema schema) {
        return new CaptureTriggers(number, plan, schema).statements();
    }

    private Map<String, String> statements() {
        Map<String, String> triggers = new LinkedHashMap<>();
        add(triggers, "ai", "AFTER INSERT", insert + "VALUES (" + values("NEW") + ");");
        add(triggers, "au", "AFTER UPDATE", insert + "SELECT " + values("OLD") + " WHERE " + keyChanged() + "; "
                + insert + "VALUES (" + values("NEW") + ");");
        add(triggers, "ad", "AFTER DELETE", insert + "VALUES (" + values("OLD") + ");");
        List<SqliteTableSchema.UniqueIndex> indexes = schema.uniqueIndexes().stream()
                .filter(SqliteTableSchema.UniqueIndex::readable).toList();
        if (!indexes.isEmpty()) {
            add(triggers, "bi", "BEFORE INSERT", conflicts(indexes, false));
            add(triggers, "bu", "BEFORE UPDATE", conflicts(indexes, true));
        }
        return triggers;
    }

    private void add(Map<String, String> triggers, String kind, String timing, String body) {
        String name = PREFIX + number + "_" + kind;
        triggers.put(name, "CREATE TRIGGER " + quote(name) + " " + timing + " ON " + quote(schema.name())
                + " FOR EACH ROW BEGIN " + body + " END");
    }

    private String values(String row) {
        return literal(schema.name()) + ", " + NOW_MS + ", " + join(key, c -> row + "." + quote(c), ", ");
    }

    private String keyChanged() {
        return join(key, c -> "OLD." + quote(c) + " IS NOT NEW." + quote(c) + " COLLATE BINARY", " OR ");
    }

    /** One statement per unique index: log the existing rows that NEW collides with (their deletion is silent). */
    private String conflicts(List<SqliteTableSchema.UniqueIndex> indexes, boolean update) {
        StringBuilder body = new StringBuilder();
        for (SqliteTableSchema.UniqueIndex index : indexes) {
            List<String> terms = new ArrayList<>();
            if (update && index.elements().stream().allMatch(e -> e.column() != null)) {
                // Constant for the statement, so SQLite tests it before touching the index.
                terms.add("(" + join(index.elements(), e -> "NEW." + quote(e.column()) + " IS NOT OLD."
                        + quote(e.column()) + " COLLATE BINARY", " OR ") + ")");
            }
            index.elements().forEach(e -> terms.add(matchesNew(e)));
            if (index.where() != null) {
                terms.add("(" + index.where() + ")");
            }
            if (update) {
                terms.add(notTheUpdatedRow());
            }
            body.append(insert).append("SELECT ").append(literal(schema.name())).append(", ").append(NOW_MS)
                    .append(", ").append(join(key, Identifiers::quote, ", ")).append(" FROM ")
                    .append(quote(schema.name())).append(" WHERE ").append(String.join(" AND ", terms)).append("; ");
        }
        return body.toString().stripTrailing();
    }

    /**
     * The element of an existing row equals NEW's under the index's collation. An expression is evaluated over NEW
     * by naming NEW's values like the table's columns in a one-row subquery, so its text is used unchanged.
     */
    private String matchesNew(SqliteTableSchema.Element element) {
        String collate = " COLLATE " + collation(element.collation());
        if (element.column() != null) {
            return quote(element.column()) + " = NEW." + quote(element.column()) + collate;
        }
        String newRow = join(schema.columns(), c -> "NEW." + quote(c) + " AS " + quote(c), ", ");
        return "(" + element.expression() + ") = (SELECT " + element.expression() + " FROM (SELECT " + newRow + "))"
                + collate;
    }

    private String notTheUpdatedRow() {
        if (schema.rowidAlias() != null) {
            return quote(schema.rowidAlias()) + " IS NOT OLD." + quote(schema.rowidAlias());
        }
        return "NOT (" + join(schema.primaryKey(), c -> quote(c) + " IS OLD." + quote(c), " AND ") + ")";
    }

    private static <T> String join(List<T> items, Function<T, String> render, String separator) {
        return String.join(separator, items.stream().map(render).toList());
    }

    static String collation(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : quote(name);
    }
}
