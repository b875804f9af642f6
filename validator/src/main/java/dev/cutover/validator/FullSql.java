package dev.cutover.validator;

import dev.cutover.validator.CanonicalValue.Kind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of the full comparison, on both sides: rows are selected key columns first, then every planned column.
 * Orders and key ranges are the same on both sides: SQLite's key columns under {@code COLLATE BINARY} (whatever
 * their declared collation), PostgreSQL's text key columns under {@code COLLATE "C"}, so that both order text by
 * bytes of UTF-8. Range bounds are bound as parameters: SQLite gets the source's own values, PostgreSQL their normal
 * forms cast to the key's base type (never to a type with modifiers, which could round the bound).
 */
final class FullSql {
    private final String targetSchema;
    private final FullTable table;

    FullSql(String targetSchema, FullTable table) {
        this.targetSchema = targetSchema;
        this.table = table;
    }

    /** Every source row in key order, NULL keys included (SQLite puts them first). */
    String sourceStream() {
        return sourceSelect() + " ORDER BY " + String.join(", ", sourceKeyTerms());
    }

    /** Source rows with {@code low < key <= high} (a null bound is open) and no NULL key column, in key order. */
    String sourceRange(FullRange range) {
        String row = row(sourceKeyTerms());
        String tuple = row(Collections.nCopies(table.keyCount(), "?"));
        List<String> conditions = new ArrayList<>();
        if (range.low() != null) {
            conditions.add(row + " > " + tuple);
        }
        if (range.high() != null) {
            conditions.add(row + " <= " + tuple);
        }
        conditions.addAll(firstColumnBounds(range));
        if (!table.rowid()) {
            conditions.addAll(0, sourceKeyNames().stream().map(k -> k + " IS NOT NULL").toList());
        }
        return sourceSelect() + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY " + String.join(", ", sourceKeyTerms());
    }

    /** Every source row, in no particular order (NULL keys included). */
    String sourceAll() {
        return sourceSelect();
    }

    /** Source rows with a NULL key column; none for rowid tables. */
    String sourceNullKeys() {
        return sourceSelect() + " WHERE " + sourceKeyNames().stream().map(k -> k + " IS NULL")
                .collect(Collectors.joining(" OR "));
    }

    String targetStream() {
        return targetSelect() + " ORDER BY " + String.join(", ", targetKeyTerms());
    }

    /**
     * Target rows with {@code low < key <= high}, in key order (examples are listed in key order); a range open at
     * the top also takes rows with a NULL key column, which PostgreSQL's ascending order puts last.
     */
    String targetRange(FullRange range) {
        String row = row(targetKeyTerms());
        String tuple = row(table.keyCasts().stream().map(t -> "CAST(? AS " + t + ")").toList());
        List<String> conditions = new ArrayList<>();
        if (range.low() != null) {
            conditions.add(row + " > " + tuple);
        }
        if (range.high() != null) {
            conditions.add(row + " <= " + tuple);
        }
        String where = String.join(" AND ", conditions);
        if (range.high() == null && !where.isEmpty()) {
            where = "(" + where + ") OR " + targetKeyNames().stream().map(k -> k + " IS NULL")
                    .collect(Collectors.joining(" OR "));
        }
        return targetSelect() + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY "
                + String.join(", ", targetKeyTerms());
    }

    String targetAll() {
        return targetSelect();
    }

    /** Binds the range's bounds for {@link #sourceRange}: the source's own key values. */
    void bindSource(PreparedStatement statement, FullRange range) throws SQLException {
        int index = 1;
        for (FullKey bound : bounds(range)) {
            for (Object value : bound.values()) {
                bindSourceValue(statement, index++, value);
            }
        }
        if (table.keyCount() > 1) {
            for (FullKey bound : bounds(range)) {
                bindSourceValue(statement, index++, bound.values()[0]);
            }
        }
    }

    /**
     * For a composite key, the first column's bounds that the row-value bounds imply: SQLite's planner only bounds
     * an index search at both ends with them (without, the search runs from the lower bound to the table's end).
     */
    private List<String> firstColumnBounds(FullRange range) {
        if (table.keyCount() == 1) {
            return List.of();
        }
        String first = sourceKeyTerms().get(0);
        List<String> bounds = new ArrayList<>(2);
        if (range.low() != null) {
            bounds.add(first + " >= ?");
        }
        if (range.high() != null) {
            bounds.add(first + " <= ?");
        }
        return bounds;
    }

    /** Binds the range's bounds for {@link #targetRange}: the keys' normal forms. */
    void bindTarget(PreparedStatement statement, FullRange range) throws SQLException {
        int index = 1;
        for (FullKey bound : bounds(range)) {
            for (int i = 0; i < table.keyCount(); i++) {
                bindTargetValue(statement, index++, bound.normal()[i], table.keyKind(i));
            }
        }
    }

    private static List<FullKey> bounds(FullRange range) {
        List<FullKey> bounds = new ArrayList<>(2);
        if (range.low() != null) {
            bounds.add(range.low());
        }
        if (range.high() != null) {
            bounds.add(range.high());
        }
        return bounds;
    }

    private static void bindSourceValue(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof Double d) {
            statement.setDouble(index, d);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            statement.setBytes(index, bytes);
        } else {
            statement.setString(index, value.toString());
        }
    }

    private static void bindTargetValue(PreparedStatement statement, int index, Object normal, Kind kind)
            throws SQLException {
        if (kind == Kind.TIMESTAMPTZ) {
            statement.setObject(index, ((LocalDateTime) normal).atOffset(ZoneOffset.UTC));
        } else if (normal instanceof Long l) {
            statement.setLong(index, l);
        } else if (normal instanceof Float f) {
            statement.setFloat(index, f);
        } else if (normal instanceof Double d) {
            statement.setDouble(index, d);
        } else if (normal instanceof BigDecimal b) {
            statement.setBigDecimal(index, b);
        } else if (normal instanceof Boolean b) {
            statement.setBoolean(index, b);
        } else if (normal instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else if (normal instanceof String s) {
            statement.setString(index, s);
        } else {
            statement.setObject(index, normal);
        }
    }

    private String sourceSelect() {
        List<String> parts = new ArrayList<>(sourceKeyNames());
        table.plan().columns().forEach(c -> parts.add(quote(c.source())));
        return "SELECT " + String.join(", ", parts) + " FROM " + quote(table.plan().source());
    }

    private String targetSelect() {
        List<String> parts = new ArrayList<>(targetKeyNames());
        table.plan().columns().forEach(c -> parts.add(quote(c.target())));
        return "SELECT " + String.join(", ", parts) + " FROM " + quote(targetSchema) + "."
                + quote(table.plan().target());
    }

    private List<String> sourceKeyNames() {
        return table.plan().key().sourceColumns().stream().map(k -> table.rowid() ? k : quote(k)).toList();
    }

    private List<String> sourceKeyTerms() {
        return sourceKeyNames().stream().map(k -> table.rowid() ? k : k + " COLLATE BINARY").toList();
    }

    private List<String> targetKeyNames() {
        return table.plan().key().targetColumns().stream().map(FullSql::quote).toList();
    }

    private List<String> targetKeyTerms() {
        List<String> names = targetKeyNames();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            terms.add(names.get(i) + (table.keyKind(i) == Kind.TEXT ? " COLLATE \"C\"" : ""));
        }
        return terms;
    }

    private static String row(List<String> terms) {
        return terms.size() == 1 ? terms.get(0) : "(" + String.join(", ", terms) + ")";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
