package dev.cutover.sink.wayback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.wayback.ReverseChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one table's changes into SQLite: an upsert is an UPDATE by key and, when it found no row, an INSERT (which
 * also works for rowid-keyed tables and on SQLite versions without upsert); a delete is a DELETE by key. Columns
 * PostgreSQL generates are left to SQLite.
 */
final class SqliteTable {
    private final String name;
    private final List<SqliteColumn> key;
    private final Map<String, SqliteColumn> columns;

    private SqliteTable(String name, List<SqliteColumn> key, Map<String, SqliteColumn> columns) {
        this.name = name;
        this.key = key;
        this.columns = columns;
    }

    /** The table as the plan maps it, with the date layouts its text dates have now. */
    static SqliteTable of(TablePlan plan, Connection sqlite) throws SQLException {
        Map<String, SqliteColumn> columns = new LinkedHashMap<>();
        for (ColumnPlan column : plan.columns()) {
            if (column.written()) {
                SqliteColumn draft = SqliteColumn.of(column, DateLayout.SQLITE);
                columns.put(column.target(), draft.temporal() ? SqliteColumn.of(column, layout(sqlite, plan, column))
                        : draft);
            }
        }
        List<SqliteColumn> key = new ArrayList<>();
        for (int i = 0; i < plan.key().targetColumns().size(); i++) {
            String target = plan.key().targetColumns().get(i);
            key.add(plan.key().kind() == KeyPlan.KeyKind.ROWID
                    ? new SqliteColumn("rowid", target, "bigint", null, SqliteColumn.Storage.INTEGER, DateLayout.SQLITE)
                    : columns.get(target));
        }
        return new SqliteTable(plan.source(), key, columns);
    }

    private static DateLayout layout(Connection sqlite, TablePlan plan, ColumnPlan column) throws SQLException {
        String q = Identifiers.quote(column.source());
        try (Statement statement = sqlite.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + q + " FROM " + Identifiers.quote(plan.source())
                     + " WHERE typeof(" + q + ") = 'text' LIMIT 1")) {
            return DateLayout.of(rs.next() ? rs.getString(1) : null);
        }
    }

    String name() {
        return name;
    }

    /** Applies one change; returns the rows it changed. */
    int apply(Connection sqlite, ReverseChange change) throws SQLException {
        List<Object> keyValues = keyValues(change.key());
        if (change.delete()) {
            return delete(sqlite, keyValues);
        }
        Map<String, Object> found = current(sqlite, keyValues);
        Map<String, Object> current = found == null ? Map.of() : found;
        Map<String, Object> values = new LinkedHashMap<>();
        change.after().fields().forEachRemaining(field -> {
            SqliteColumn column = columns.get(field.getKey());
            if (column != null) {
                values.put(column.source(),
                        SqliteValueConverter.toSqlite(column, field.getValue(), current.get(column.source())));
            }
        });
        int updated = found == null ? 0 : update(sqlite, values, keyValues);
        return updated > 0 ? updated : insert(sqlite, values, keyValues);
    }

    private List<Object> keyValues(ObjectNode keyNode) {
        List<Object> values = new ArrayList<>();
        for (SqliteColumn column : key) {
            JsonNode value = keyNode.get(column.target());
            values.add(SqliteValueConverter.toSqlite(column, value, null));
        }
        return values;
    }

    private String where() {
        return " WHERE " + String.join(" AND ", key.stream().map(c -> Identifiers.quote(c.source()) + " = ?").toList());
    }

    /** The row's values now, by SQLite column; null when there is no such row. */
    private Map<String, Object> current(Connection sqlite, List<Object> keyValues) throws SQLException {
        List<String> names = new ArrayList<>(columns.values().stream().map(SqliteColumn::source).toList());
        String select = "SELECT " + String.join(", ", names.stream().map(Identifiers::quote).toList()) + " FROM "
                + Identifiers.quote(name) + where();
        try (PreparedStatement statement = sqlite.prepareStatement(select)) {
            bind(statement, keyValues, 1);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    row.put(names.get(i), rs.getObject(i + 1));
                }
                return row;
            }
        }
    }

    private int update(Connection sqlite, Map<String, Object> values, List<Object> keyValues) throws SQLException {
        if (values.isEmpty()) {
            return 1;
        }
        String sql = "UPDATE " + Identifiers.quote(name) + " SET " + String.join(", ",
                values.keySet().stream().map(c -> Identifiers.quote(c) + " = ?").toList()) + where();
        try (PreparedStatement statement = sqlite.prepareStatement(sql)) {
            int next = bind(statement, new ArrayList<>(values.values()), 1);
            bind(statement, keyValues, next);
            return statement.executeUpdate();
        }
    }

    private int insert(Connection sqlite, Map<String, Object> values, List<Object> keyValues) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < key.size(); i++) {
            row.put(key.get(i).source(), keyValues.get(i));
        }
        values.forEach(row::putIfAbsent);
        String sql = "INSERT INTO " + Identifiers.quote(name) + " (" + String.join(", ",
                row.keySet().stream().map(Identifiers::quote).toList()) + ") VALUES (" + String.join(", ",
                row.keySet().stream().map(c -> "?").toList()) + ")";
        try (PreparedStatement statement = sqlite.prepareStatement(sql)) {
            bind(statement, new ArrayList<>(row.values()), 1);
            return statement.executeUpdate();
        }
    }

    private int delete(Connection sqlite, List<Object> keyValues) throws SQLException {
        try (PreparedStatement statement = sqlite.prepareStatement("DELETE FROM " + Identifiers.quote(name) + where())) {
            bind(statement, keyValues, 1);
            return statement.executeUpdate();
        }
    }

    private static int bind(PreparedStatement statement, List<Object> values, int first) throws SQLException {
        int index = first;
        for (Object value : values) {
            statement.setObject(index++, value);
        }
        return index;
    }
}
