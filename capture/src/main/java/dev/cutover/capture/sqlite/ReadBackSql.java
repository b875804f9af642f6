package dev.cutover.capture.sqlite;

import dev.cutover.schemas.avro.InvalidText;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL a read-back reads one planned table with: the key columns first, then every planned column (generated ones
 * included) in the plan's order. Key order is the key columns compared as stored under {@code COLLATE BINARY} (text
 * by its bytes), whatever their declared collation; a rowid key is the rowid. Immutable.
 */
final class ReadBackSql {
    private final TablePlan table;
    private final boolean rowid;
    private final List<String> keyNames;
    private final String select;

    ReadBackSql(TablePlan table) {
        this.table = table;
        this.rowid = table.key().kind() == KeyPlan.KeyKind.ROWID;
        this.keyNames = table.key().sourceColumns().stream().map(k -> rowid ? k : Identifiers.quote(k)).toList();
        List<String> parts = new ArrayList<>(keyNames);
        for (ColumnPlan column : table.columns()) {
            parts.add(Identifiers.quote(column.source()));
        }
        this.select = "SELECT " + String.join(", ", parts) + " FROM " + Identifiers.quote(table.source());
    }

    int keyCount() {
        return keyNames.size();
    }

    /** Result columns of a row: the key's, then the planned columns'. */
    int width() {
        return keyNames.size() + table.columns().size();
    }

    String count() {
        return "SELECT count(*) FROM " + Identifiers.quote(table.source());
    }

    /** Up to {@code ?} random rows. */
    String sample() {
        return select + " ORDER BY random() LIMIT ?";
    }

    /** {@code k IN (?, ...)} or {@code (k1, k2) IN ((?, ?), ...)} with {@code keys} tuples, parameters in key order. */
    String withKeys(int keys) {
        String one = keyCount() == 1 ? "?" : row(Collections.nCopies(keyCount(), "?"));
        return select + " WHERE " + row(keyNames) + " IN (" + String.join(", ", Collections.nCopies(keys, one)) + ")";
    }

    /**
     * The rows after {@code range.after()} up to {@code range.upTo()} in key order; with no bound every row, keys with
     * a NULL column first (SQLite's order), with a bound only keys without one (NULL has no place between two keys).
     * Parameters: {@link #rangeParameters}.
     */
    String range(KeyRange range) {
        List<String> terms = keyTerms();
        String order = " ORDER BY " + String.join(", ", terms);
        if (range.after() == null && range.upTo() == null) {
            return select + order;
        }
        String tuple = row(Collections.nCopies(keyCount(), "?"));
        List<String> conditions = new ArrayList<>();
        if (!rowid) {
            keyNames.forEach(k -> conditions.add(k + " IS NOT NULL"));
        }
        if (range.after() != null) {
            conditions.add(row(terms) + " > " + tuple);
        }
        if (range.upTo() != null) {
            conditions.add(row(terms) + " <= " + tuple);
        }
        conditions.addAll(firstColumnBounds(range, terms.get(0)));
        return select + " WHERE " + String.join(" AND ", conditions) + order;
    }

    /**
     * For a composite key, the first column's bounds that the row-value bounds imply: SQLite's planner only bounds an
     * index search at both ends with them (without, the search runs from the lower bound to the table's end).
     */
    private List<String> firstColumnBounds(KeyRange range, String first) {
        if (keyCount() == 1) {
            return List.of();
        }
        List<String> bounds = new ArrayList<>(2);
        if (range.after() != null) {
            bounds.add(first + " >= ?");
        }
        if (range.upTo() != null) {
            bounds.add(first + " <= ?");
        }
        return bounds;
    }

    /** The parameters of {@link #range}, in order. */
    List<Object> rangeParameters(KeyRange range) {
        List<Object> parameters = new ArrayList<>();
        if (range.after() != null) {
            parameters.addAll(range.after());
        }
        if (range.upTo() != null) {
            parameters.addAll(range.upTo());
        }
        if (keyCount() > 1) {
            if (range.after() != null) {
                parameters.add(range.after().get(0));
            }
            if (range.upTo() != null) {
                parameters.add(range.upTo().get(0));
            }
        }
        return parameters;
    }

    private List<String> keyTerms() {
        return keyNames.stream().map(k -> rowid ? k : k + " COLLATE BINARY").toList();
    }

    private static String row(List<String> terms) {
        return terms.size() == 1 ? terms.get(0) : "(" + String.join(", ", terms) + ")";
    }

    /** Binds a key value in the raw events' form (Long, Double, String, ByteBuffer, InvalidText, byte[] or null). */
    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            statement.setLong(index, ((Number) value).longValue());
        } else if (value instanceof Double d) {
            statement.setDouble(index, d);
        } else if (value instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else if (value instanceof ByteBuffer buffer) {
            statement.setBytes(index, bytes(buffer));
        } else if (value instanceof InvalidText text) {
            statement.setBytes(index, bytes(text.getBytes()));
        } else {
            statement.setString(index, value.toString());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
