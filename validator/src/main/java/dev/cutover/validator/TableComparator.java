package dev.cutover.validator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares every row and every column of one table between the SQLite source and PostgreSQL, by key, with
 * {@link ValueEquality}. Holds one side of the table in memory: meant for tables up to a few million rows.
 */
public final class TableComparator {
    private final String targetSchema;
    private final TablePlan table;

    public TableComparator(String targetSchema, TablePlan table) {
        this.targetSchema = targetSchema;
        this.table = table;
    }

    public TableDiff compare(Connection sqlite, Connection postgres) throws SQLException {
        Map<String, Object[]> source = readSource(sqlite);
        List<String> extra = new ArrayList<>();
        List<Difference> different = new ArrayList<>();
        long targetRows = 0;
        List<ColumnPlan> columns = table.columns();
        try (Statement statement = postgres.createStatement();
             ResultSet rs = statement.executeQuery(targetQuery())) {
            while (rs.next()) {
                targetRows++;
                String key = key(rs, table.key().targetColumns().size());
                Object[] expected = source.remove(key);
                if (expected == null) {
                    extra.add(key);
                    continue;
                }
                for (int i = 0; i < columns.size(); i++) {
                    ColumnPlan column = columns.get(i);
                    Object actual = TargetValues.read(rs, table.key().targetColumns().size() + i + 1, column.targetType());
                    if (!ValueEquality.equal(expected[i], actual, column.targetType(), column.numericDates())) {
                        different.add(new Difference(key, column.source(), expected[i], actual));
                    }
                }
            }
        }
        long sourceRows = targetRows - extra.size() + source.size();
        return new TableDiff(table.source(), sourceRows, targetRows, new ArrayList<>(source.keySet()), extra, different);
    }

    private Map<String, Object[]> readSource(Connection sqlite) throws SQLException {
        Map<String, Object[]> rows = new HashMap<>();
        List<ColumnPlan> columns = table.columns();
        int keys = table.key().sourceColumns().size();
        try (Statement statement = sqlite.createStatement(); ResultSet rs = statement.executeQuery(sourceQuery())) {
            while (rs.next()) {
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    Object value = rs.getObject(keys + i + 1);
                    values[i] = value instanceof Integer n ? Long.valueOf(n) : value;
                }
                rows.put(key(rs, keys), values);
            }
        }
        return rows;
    }

    private String sourceQuery() {
        List<String> parts = new ArrayList<>();
        for (String key : table.key().sourceColumns()) {
            parts.add(table.key().kind() == KeyPlan.KeyKind.ROWID ? key : quote(key));
        }
        table.columns().forEach(c -> parts.add(quote(c.source())));
        return "SELECT " + String.join(", ", parts) + " FROM " + quote(table.source());
    }

    private String targetQuery() {
        List<String> parts = new ArrayList<>();
        table.key().targetColumns().forEach(k -> parts.add(quote(k)));
        table.columns().forEach(c -> parts.add(quote(c.target())));
        return "SELECT " + String.join(", ", parts) + " FROM " + quote(targetSchema) + "." + quote(table.target());
    }

    /** The key as a JSON array of its values' text, the same for both sides. */
    private static String key(ResultSet rs, int columns) throws SQLException {
        ArrayNode key = JsonNodeFactory.instance.arrayNode();
        for (int i = 1; i <= columns; i++) {
            key.add(rs.getString(i));
        }
        return key.toString();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
