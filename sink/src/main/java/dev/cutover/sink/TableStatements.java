package dev.cutover.sink;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
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
 * upserts, DELETE by key. Values arrive as PostgreSQL input text and are cast to each column's type. Thread-safe.
 */
final class TableStatements {
    private final String qualifiedName;
    private final List<String> keyColumns;
    private final Map<String, String> types = new HashMap<>();
    private final Map<List<String>, String> upserts = new ConcurrentHashMap<>();
    private final String delete;

    TableStatements(String schema, TablePlan table) {
        this.qualifiedName = quote(schema) + "." + quote(table.target());
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
        return String.join(", ", columns.stream().map(TableStatements::quote).toList());
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
