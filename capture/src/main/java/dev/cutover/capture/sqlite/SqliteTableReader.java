package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads one table in key order, resuming after a given key. Rowid tables are read in rowid order (the table's own
 * b-tree order, the cheapest scan); WITHOUT ROWID tables in primary-key order. Every column is selected ({@code *}),
 * so a column added after planning still reaches the transformer, which reports it.
 */
final class SqliteTableReader implements AutoCloseable {
    private static final String ROWID_LABEL = "__cutover_rowid__";

    private final TablePlan table;
    private final boolean withoutRowid;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final SqliteRowShape shape;
    private final long snapshotTimeMs;

    /**
     * Starts reading {@code table} in key order.
     *
     * @param after          the encoded position to resume after (from a source offset), or null for the start
     * @param snapshotTimeMs the source time the rows are stamped with
     */
    SqliteTableReader(Connection connection, TablePlan table, String after, long snapshotTimeMs) throws SQLException {
        this.table = table;
        this.snapshotTimeMs = snapshotTimeMs;
        SqliteTableSchema schema = SqliteTableSchema.read(connection, table.source()).orElseThrow(() ->
                new IllegalStateException("table " + table.source() + " is not in the source any more; run `cutover plan` again"));
        this.withoutRowid = schema.withoutRowid();
        List<Object> resumeKey = after == null ? null : KeyCodec.decode(after);
        this.statement = connection.prepareStatement(query(schema, resumeKey != null));
        if (resumeKey != null) {
            for (int i = 0; i < resumeKey.size(); i++) {
                statement.setObject(i + 1, resumeKey.get(i));
            }
        }
        this.rows = statement.executeQuery();
        this.shape = withoutRowid ? new SqliteRowShape(table, rows.getMetaData(), 1, 0)
                : new SqliteRowShape(table, rows.getMetaData(), 2, 1);
    }

    private String query(SqliteTableSchema schema, boolean resume) {
        String from = " FROM " + quote(table.source());
        if (withoutRowid) {
            List<String> primaryKey = schema.primaryKey();
            String order = String.join(", ", primaryKey.stream().map(Identifiers::quote).toList());
            String where = resume ? " WHERE (" + order + ") > (" + "?, ".repeat(primaryKey.size() - 1) + "?)" : "";
            return "SELECT *" + from + where + " ORDER BY " + order;
        }
        String rowid = schema.rowidAlias();
        String where = resume ? " WHERE " + rowid + " > ?" : "";
        return "SELECT " + rowid + " AS " + ROWID_LABEL + ", *" + from + where + " ORDER BY " + rowid;
    }

    /** Reads up to {@code max} rows into {@code out}; returns false when the table is exhausted. */
    boolean read(int max, List<RowEvent> out) throws SQLException {
        for (int n = 0; n < max; n++) {
            if (!rows.next()) {
                return false;
            }
            out.add(event());
        }
        return true;
    }

    private RowEvent event() throws SQLException {
        SqliteRowShape.Row row = shape.read(rows);
        List<Object> key = shape.key(row);
        return new RowEvent(table.source(), Operation.SNAPSHOT, table.key().sourceColumns(), key,
                shape.columns(), row.values(), 0L, snapshotTimeMs, withoutRowid ? key : List.of(row.rowid()));
    }

    @Override
    public void close() throws SQLException {
        try (statement) {
            rows.close();
        }
    }
}
