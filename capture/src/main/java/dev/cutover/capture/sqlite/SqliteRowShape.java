package dev.cutover.capture.sqlite;

import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a table's row sits in a result set that selects {@code *} from it (plus, for rowid tables, the rowid): its
 * column names, its values and its key, read the same way by the snapshot and by streaming, so both emit equal
 * events for equal rows.
 */
final class SqliteRowShape {
    private final TablePlan table;
    private final List<String> columns;
    private final int firstColumn;
    private final int rowidColumn;
    private final int[] keyIndexes;
    /** Whether the database stores text as UTF-8: asked once, at the first row. */
    private Boolean utf8;

    /**
     * @param firstColumn the result column (1-based) of the table's first column; every later column is the table's
     * @param rowidColumn the result column holding the rowid, or 0 for WITHOUT ROWID tables
     */
    SqliteRowShape(TablePlan table, ResultSetMetaData meta, int firstColumn, int rowidColumn) throws SQLException {
        this.table = table;
        this.firstColumn = firstColumn;
        this.rowidColumn = rowidColumn;
        this.columns = new ArrayList<>();
        for (int i = firstColumn; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnName(i));
        }
        this.keyIndexes = keyIndexes();
    }

    private int[] keyIndexes() {
        if (table.key().kind() == KeyPlan.KeyKind.ROWID) {
            return new int[0];
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

    List<String> columns() {
        return columns;
    }

    /**
     * A row as read: its values in SQLite's storage classes (see {@link SqliteValueReader}) and its rowid (null for
     * WITHOUT ROWID tables).
     */
    record Row(List<Object> values, Long rowid) {
    }

    /** Reads the result set's current row. */
    Row read(ResultSet rs) throws SQLException {
        if (utf8 == null) {
            utf8 = SqliteValueReader.storesUtf8(rs.getStatement().getConnection());
        }
        List<Object> values = new ArrayList<>(columns.size());
        Long rowid = SqliteValueReader.readRow(rs, utf8, rowidColumn, firstColumn, columns.size(), values);
        return new Row(values, rowid);
    }

    /** The plan's key of the row: its rowid for rowid-keyed tables, else the key columns' values. */
    List<Object> key(Row row) {
        if (table.key().kind() == KeyPlan.KeyKind.ROWID) {
            return List.of(row.rowid());
        }
        List<Object> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            key.add(row.values().get(index));
        }
        return key;
    }
}
