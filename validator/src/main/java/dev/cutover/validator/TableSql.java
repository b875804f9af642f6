package dev.cutover.validator;

import static dev.cutover.schemas.plan.Identifiers.qualified;
import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** The SQL the validator reads one planned table of the target with: keys first, then every planned column. */
final class TableSql {
    private final String targetSchema;
    private final TablePlan table;

    TableSql(String targetSchema, TablePlan table) {
        this.targetSchema = targetSchema;
        this.table = table;
    }

    int keyCount() {
        return table.key().sourceColumns().size();
    }

    String targetKeyList() {
        return table.key().targetColumns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    String targetSelect() {
        List<String> parts = new ArrayList<>(List.of(targetKeyList()));
        table.columns().forEach(c -> parts.add(quote(c.target())));
        return "SELECT " + String.join(", ", parts) + " FROM " + targetTable();
    }

    String targetTable() {
        return qualified(targetSchema, table.target());
    }

    /** {@code (k1, k2) IN ((?, ?), ...)} with {@code rows} tuples; casts each parameter to the key column's type. */
    String targetKeyIn(int rows) {
        List<String> types = table.key().targetColumns().stream().map(this::targetType).toList();
        String tuple = types.stream().map(t -> "CAST(? AS " + t + ")").collect(Collectors.joining(", "));
        String one = keyCount() == 1 ? tuple : "(" + tuple + ")";
        String left = keyCount() == 1 ? targetKeyList() : "(" + targetKeyList() + ")";
        return left + " IN (" + String.join(", ", Collections.nCopies(rows, one)) + ")";
    }

    /** The target type of a target key column; {@code _cutover_rowid} is bigint. */
    String targetType(String targetColumn) {
        if (table.key().kind() == KeyPlan.KeyKind.ROWID) {
            return "bigint";
        }
        return table.columns().stream().filter(c -> c.target().equals(targetColumn)).findFirst()
                .map(ColumnPlan::targetType).orElse("text");
    }

    /** Binds key values (of either side) for the target; parameters start at {@code first}. Returns the next index. */
    static int bind(PreparedStatement statement, int first, Object[] key) throws SQLException {
        int index = first;
        for (Object value : key) {
            if (value instanceof byte[] bytes) {
                statement.setBytes(index++, bytes);
            } else if (value instanceof java.math.BigDecimal decimal && decimal.scale() <= 0) {
                statement.setLong(index++, decimal.longValueExact());
            } else if (value instanceof Integer || value instanceof Short) {
                statement.setLong(index++, ((Number) value).longValue());
            } else if (value == null || value instanceof Long || value instanceof Double || value instanceof String) {
                statement.setObject(index++, value);
            } else {
                statement.setString(index++, value.toString());
            }
        }
        return index;
    }

    /** The key values of the current row (the first {@link #keyCount()} columns). */
    Object[] key(ResultSet rs) throws SQLException {
        Object[] key = new Object[keyCount()];
        for (int i = 0; i < key.length; i++) {
            Object value = rs.getObject(i + 1);
            key[i] = value instanceof Integer n ? Long.valueOf(n) : value;
        }
        return key;
    }

    String keyJson(Object[] key) {
        return RowKey.json(table.key().sourceColumns(), key);
    }

    Object[] targetValues(ResultSet rs) throws SQLException {
        Object[] values = new Object[table.columns().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = TargetValues.read(rs, keyCount() + i + 1, table.columns().get(i).targetType());
        }
        return values;
    }
}
