package dev.cutover.sink;

import static dev.cutover.schemas.plan.Identifiers.qualified;
import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL the sink runs against one target table, built in one place: COPY for loads, INSERT ... ON CONFLICT for
 * upserts, DELETE by key; for a table of rows owned by documents (a junction or child table), DELETE by owner and
 * INSERT ... ON CONFLICT DO NOTHING. Values arrive as PostgreSQL input text and are cast to each column's type.
 * Thread-safe.
 */
final class TableStatements {
    private final String qualifiedName;
    private final List<String> keyColumns;
    private final Map<String, String> types = new HashMap<>();
    private final Map<List<String>, String> upserts = new ConcurrentHashMap<>();
    private final Map<List<String>, String> ownerDeletes = new ConcurrentHashMap<>();
    private final Map<List<String>, String> inserts = new ConcurrentHashMap<>();
    private final String delete;
    private final int feeds;

    /** The statements of every table of the plan. */
    static Map<String, TableStatements> forPlan(Plan plan) {
        Map<String, TableStatements> tables = new HashMap<>();
        for (TablePlan table : plan.tables()) {
            tables.put(table.target(), new TableStatements(plan.targetSchema(), table, plan.feeds(table.target())));
        }
        return tables;
    }

    /** A table no document array feeds. */
    TableStatements(String schema, TablePlan table) {
        this(schema, table, 0);
    }

    /** @param feeds how many documents' array fields feed the table (two for a junction both sides list) */
    TableStatements(String schema, TablePlan table, int feeds) {
        this.feeds = feeds;
        this.qualifiedName = qualified(schema, table.target());
        this.keyColumns = table.key().targetColumns();
        for (ColumnPlan column : table.columns()) {
            types.put(column.target(), column.targetType());
        }
        if (table.key().kind() == KeyPlan.KeyKind.ROWID) {
            types.put(KeyPlan.ROWID_COLUMN, "bigint");
        }
        this.delete = "DELETE FROM " + qualifiedName + " WHERE " + String.join(" AND ",
                keyColumns.stream().map(c -> quote(c) + " = " + parameter(c)).toList());
    }

    String qualifiedName() {
        return qualifiedName;
    }

    List<String> keyColumns() {
        return keyColumns;
    }

    String copy(List<String> columns) {
        return "COPY " + qualifiedName + " (" + columnList(columns) + ") FROM STDIN";
    }

    String upsert(List<String> columns) {
        return upserts.computeIfAbsent(columns, this::buildUpsert);
    }

    private String buildUpsert(List<String> columns) {
        String values = String.join(", ", columns.stream().map(this::parameter).toList());
        List<String> updated = columns.stream().filter(c -> !keyColumns.contains(c)).toList();
        String action = updated.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ",
                updated.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).toList());
        return "INSERT INTO " + qualifiedName + " (" + columnList(columns) + ") VALUES (" + values + ") ON CONFLICT ("
                + columnList(keyColumns) + ") " + action;
    }

    String delete() {
        return delete;
    }

    /**
     * True when more than one collection's arrays feed this table (a junction both sides list): another side may have
     * inserted a row before this side's owner existed, and both sides insert the pairs they agree on.
     */
    boolean shared() {
        return feeds > 1;
    }

    /**
     * Deletes the rows of many owners at once: one array parameter per owner column, parallel. The owners are a
     * subquery over the arrays, never {@code column = ANY (array)}: a prepared statement's generic plan may scan the
     * table comparing each row with every element, rows times owners, where a join over the subquery uses the index.
     */
    String deleteOwned(List<String> ownerColumns) {
        return ownerDeletes.computeIfAbsent(ownerColumns, this::buildDeleteOwned);
    }

    private String buildDeleteOwned(List<String> ownerColumns) {
        return "DELETE FROM " + qualifiedName + " WHERE (" + columnList(ownerColumns) + ") IN (SELECT * FROM unnest("
                + String.join(", ", ownerColumns.stream().map(this::arrayParameter).toList()) + "))";
    }

    /** Inserts a row unless one with its key is there (another side of a shared junction inserted the pair). */
    String insertIgnoring(List<String> columns) {
        return inserts.computeIfAbsent(columns, c -> "INSERT INTO " + qualifiedName + " (" + columnList(c)
                + ") VALUES (" + String.join(", ", c.stream().map(this::parameter).toList())
                + ") ON CONFLICT DO NOTHING");
    }

    private String arrayParameter(String column) {
        String type = types.get(column);
        return "?::" + (type == null ? "text" : type) + "[]";
    }

    private String parameter(String column) {
        String type = types.get(column);
        return type == null || type.equals("bytea") ? "?" : "?::" + type;
    }

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else if (value instanceof ByteBuffer bytes) {
            byte[] array = new byte[bytes.remaining()];
            bytes.duplicate().get(array);
            statement.setBytes(index, array);
        } else {
            statement.setString(index, value.toString());
        }
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(Identifiers::quote).toList());
    }
}
