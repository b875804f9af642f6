package dev.cutover.capture.sqlite;

import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one table in key order, resuming after a given key. Rowid tables are read in rowid order (the table's own
 * b-tree order, the cheapest scan); WITHOUT ROWID tables in primary-key order. Every column is selected ({@code *}),
 * so a column added after planning still reaches the transformer, which reports it.
 */
public final class SqliteTableReader implements AutoCloseable {
    private static final String ROWID_LABEL = "__cutover_rowid__";

    private final TablePlan table;
    private final boolean withoutRowid;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final List<String> columns;
    private final int[] keyIndexes;
    private final int firstColumn;
    private final long snapshotTimeMs;

    /**
     * Starts reading {@code table} in key order.
     *
     * @param after          the encoded position to resume after (from a source offset), or null for the start
     * @param snapshotTimeMs the source time the rows are stamped with
     */
    public SqliteTableReader(Connection connection, TablePlan table, String after, long snapshotTimeMs) throws SQLException {
        this.table = table;
        this.snapshotTimeMs = snapshotTimeMs;
        this.withoutRowid = isWithoutRowid(connection, table.source());
        List<String> primaryKey = primaryKey(connection, table.source());
        List<Object> resumeKey = after == null ? null : KeyCodec.decode(after);
        this.statement = connection.prepareStatement(query(connection, primaryKey, resumeKey != null));
        if (resumeKey != null) {
            for (int i = 0; i < resumeKey.size(); i++) {
                statement.setObject(i + 1, resumeKey.get(i));
            }
        }
        this.rows = statement.executeQuery();
        this.firstColumn = withoutRowid ? 1 : 2;
        this.columns = columnNames(rows.getMetaData(), firstColumn);
        this.keyIndexes = keyIndexes(primaryKey);
    }

    private String query(Connection connection, List<String> primaryKey, boolean resume) throws SQLException {
        String from = " FROM " + quote(table.source());
        if (withoutRowid) {
            String order = String.join(", ", primaryKey.stream().map(SqliteTableReader::quote).toList());
            String where = resume ? " WHERE (" + order + ") > (" + "?, ".repeat(primaryKey.size() - 1) + "?)" : "";
            return "SELECT *" + from + where + " ORDER BY " + order;
        }
        String rowid = rowidAlias(connection, table.source());
        String where = resume ? " WHERE " + rowid + " > ?" : "";
        return "SELECT " + rowid + " AS " + ROWID_LABEL + ", *" + from + where + " ORDER BY " + rowid;
    }

    /** Reads up to {@code max} rows into {@code out}; returns false when the table is exhausted. */
    public boolean read(int max, List<RowEvent> out) throws SQLException {
        for (int n = 0; n < max; n++) {
            if (!rows.next()) {
                return false;
            }
            out.add(event());
        }
        return true;
    }

    private RowEvent event() throws SQLException {
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            values.add(SqliteValues.read(rows, firstColumn + i));
        }
        Object rowid = withoutRowid ? null : rows.getLong(1);
        List<Object> key = new ArrayList<>(keyIndexes.length);
        if (table.key().kind() == KeyPlan.KeyKind.ROWID) {
            key.add(rowid);
        } else {
            for (int index : keyIndexes) {
                key.add(values.get(index));
            }
        }
        return new RowEvent(table.source(), Operation.SNAPSHOT, table.key().sourceColumns(), key,
                columns, values, 0L, snapshotTimeMs, withoutRowid ? key : List.of(rowid));
    }


    private int[] keyIndexes(List<String> primaryKey) {
        if (table.key().kind() == KeyPlan.KeyKind.ROWID) {
            return new int[1];
        }
        List<String> keyColumns = table.key().sourceColumns();
        int[] indexes = new int[keyColumns.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = columns.indexOf(keyColumns.get(i));
            if (indexes[i] < 0) {
                throw new IllegalStateException("key column " + keyColumns.get(i) + " of table " + table.source()
                        + " is not in the source any more; run `cutover plan` again");
            }
        }
        return indexes;
    }

    private static List<String> columnNames(ResultSetMetaData meta, int first) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = first; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnName(i));
        }
        return names;
    }

    private static boolean isWithoutRowid(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT wr FROM pragma_table_list WHERE name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name, pk FROM pragma_table_xinfo(?) WHERE pk > 0")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    positions.add(rs.getInt(2));
                }
            }
        }
        List<String> ordered = new ArrayList<>(names);
        for (int i = 0; i < names.size(); i++) {
            ordered.set(positions.get(i) - 1, names.get(i));
        }
        return ordered;
    }

    /** rowid, _rowid_ or oid: the first that is not the name of a real column. */
    private static String rowidAlias(Connection connection, String table) throws SQLException {
        Set<String> taken = new java.util.HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT lower(name) FROM pragma_table_xinfo(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1));
                }
            }
        }
        for (String alias : List.of("rowid", "_rowid_", "oid")) {
            if (!taken.contains(alias)) {
                return alias;
            }
        }
        throw new IllegalStateException("table " + table + " has columns named rowid, _rowid_ and oid, hiding its rowid");
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws SQLException {
        try (statement) {
            rows.close();
        }
    }
}
