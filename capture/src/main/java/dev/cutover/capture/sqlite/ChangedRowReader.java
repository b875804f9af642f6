package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one table's change-log entries into events: for each entry, the current row with its key (an UPDATE with the
 * whole row) or, when no row has that key any more, a DELETE of the logged key. Entries for the same key within the
 * range read collapse into the last one (a later entry always exists for a collapsed one, so resuming after any
 * emitted entry still reaches every key).
 *
 * <p>The log is joined to the table inside SQLite, so key values never round-trip through Java (TEXT that is not
 * valid UTF-8 still matches). The join compares with the key index's collation, so it uses that index, and NULLs
 * (which SQLite allows in a non-INTEGER primary key of a rowid table) match with {@code IS}; a row counts as the
 * logged key's only when its key is byte for byte the logged one, so a key whose case changed under
 * {@code COLLATE NOCASE} reads as deleted under its old spelling (its new spelling is logged too).
 */
final class ChangedRowReader implements AutoCloseable {
    private static final String LOG = "_cutover_l";
    private static final String ROW = "_cutover_r";

    private final TablePlan table;
    private final int keyWidth;
    private final boolean rowid;
    private final PreparedStatement statement;
    private SqliteRowShape shape;

    ChangedRowReader(Connection connection, TablePlan table, SqliteTableSchema schema) throws SQLException {
        this.table = table;
        List<String> key = CaptureTriggers.keyColumns(table, schema);
        this.keyWidth = key.size();
        this.rowid = schema.rowidAlias() != null;
        this.statement = connection.prepareStatement(query(schema, key));
    }

    private static String query(SqliteTableSchema schema, List<String> key) {
        List<String> join = new ArrayList<>();
        List<String> same = new ArrayList<>();
        List<String> logged = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            String column = ROW + "." + quote(key.get(i));
            String entry = LOG + ".k" + (i + 1);
            join.add(column + " IS " + entry + " COLLATE " + CaptureTriggers.collation(schema.collation(key.get(i))));
            same.add(column + " IS " + entry + " COLLATE BINARY");
            logged.add(entry);
        }
        String present = ROW + "." + quote(schema.rowidAlias() != null ? schema.rowidAlias() : schema.primaryKey().get(0))
                + " IS NOT NULL";
        String rowid = schema.rowidAlias() != null ? ROW + "." + quote(schema.rowidAlias()) + ", " : "";
        String groups = String.join(", ", logged).replace(LOG + ".", "");
        return "SELECT " + LOG + ".seq, " + LOG + ".ts, CASE WHEN " + present + " AND " + String.join(" AND ", same)
                + " THEN 1 ELSE 0 END, " + String.join(", ", logged) + ", " + rowid + ROW + ".*"
                + " FROM " + quote(CaptureTriggers.LOG_TABLE) + " AS " + LOG
                + " LEFT JOIN " + quote(schema.name()) + " AS " + ROW + " ON " + String.join(" AND ", join)
                + " WHERE " + LOG + ".seq IN (SELECT max(seq) FROM " + quote(CaptureTriggers.LOG_TABLE)
                + " WHERE seq > ? AND seq <= ? AND tbl = ? GROUP BY " + groups + ")"
                + " ORDER BY " + LOG + ".seq";
    }

    /** Events for this table's entries with {@code after < seq <= upTo}, in seq order. */
    List<RowEvent> read(long after, long upTo) throws SQLException {
        statement.setLong(1, after);
        statement.setLong(2, upTo);
        statement.setString(3, table.source());
        List<RowEvent> events = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            if (shape == null) {
                int first = 4 + keyWidth;
                shape = rowid ? new SqliteRowShape(table, rs.getMetaData(), first + 1, first)
                        : new SqliteRowShape(table, rs.getMetaData(), first, 0);
            }
            long seq = -1;
            boolean found = false;
            List<Object> loggedKey = null;
            long timeMs = 0;
            while (rs.next()) {
                if (rs.getLong(1) != seq) {
                    addDeleteIfAbsent(events, found, seq, loggedKey, timeMs);
                    seq = rs.getLong(1);
                    timeMs = (long) rs.getDouble(2);
                    loggedKey = loggedKey(rs);
                    found = false;
                }
                if (rs.getInt(3) == 1) {
                    found = true;
                    SqliteRowShape.Row row = shape.read(rs);
                    events.add(new RowEvent(table.source(), Operation.UPDATE, table.key().sourceColumns(),
                            shape.key(row), shape.columns(), row.values(), seq, timeMs, List.of()));
                }
            }
            addDeleteIfAbsent(events, found, seq, loggedKey, timeMs);
        }
        return events;
    }

    private void addDeleteIfAbsent(List<RowEvent> events, boolean found, long seq, List<Object> key, long timeMs) {
        if (seq >= 0 && !found) {
            events.add(new RowEvent(table.source(), Operation.DELETE, table.key().sourceColumns(), key,
                    List.of(), List.of(), seq, timeMs, List.of()));
        }
    }

    private List<Object> loggedKey(ResultSet rs) throws SQLException {
        List<Object> key = new ArrayList<>(keyWidth);
        for (int i = 0; i < keyWidth; i++) {
            key.add(SqliteValueReader.read(rs, 4 + i));
        }
        return key;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
