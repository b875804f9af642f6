package dev.cutover.validator;

import static dev.cutover.schemas.plan.Identifiers.qualified;
import static dev.cutover.schemas.plan.Identifiers.quote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares every row and every column of one table between the source and PostgreSQL, by key, with
 * {@link ValueEquality}. Holds one side of the table in memory: meant for tables up to a few million rows.
 */
public final class TableComparator {
    private final String targetSchema;
    private final TablePlan table;

    public TableComparator(String targetSchema, TablePlan table) {
        this.targetSchema = targetSchema;
        this.table = table;
    }

    /** @param readBack the source's read-back, used by this call only */
    public TableDiff compare(ReadBack readBack, Connection postgres) throws SQLException {
        Map<String, Object[]> source = readSource(readBack);
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

    private Map<String, Object[]> readSource(ReadBack readBack) {
        Map<String, Object[]> rows = new HashMap<>();
        try (ReadBack.Cursor cursor = readBack.stream(table, KeyRange.ALL)) {
            while (cursor.hasNext()) {
                SourceRow row = cursor.next();
                rows.put(key(SourceValues.plain(row.key())), SourceValues.plain(row.values()));
            }
        }
        return rows;
    }

    private String targetQuery() {
        List<String> parts = new ArrayList<>();
        table.key().targetColumns().forEach(k -> parts.add(quote(k)));
        table.columns().forEach(c -> parts.add(quote(c.target())));
        return "SELECT " + String.join(", ", parts) + " FROM " + qualified(targetSchema, table.target());
    }

    /** The key as a JSON array of its values' text, the same for both sides. */
    private static String key(ResultSet rs, int columns) throws SQLException {
        ArrayNode key = JsonNodeFactory.instance.arrayNode();
        for (int i = 1; i <= columns; i++) {
            key.add(rs.getString(i));
        }
        return key.toString();
    }

    /** A source key in {@link #key(ResultSet, int)}'s form: each value's text (a BLOB's bytes read as UTF-8). */
    private static String key(Object[] values) {
        ArrayNode key = JsonNodeFactory.instance.arrayNode();
        for (Object value : values) {
            key.add(value == null ? null : value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : value.toString());
        }
        return key.toString();
    }
}
