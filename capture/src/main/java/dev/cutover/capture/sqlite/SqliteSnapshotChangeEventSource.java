package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.TableCount;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consistent snapshot: every planned table read in one read transaction (in WAL mode the application keeps
 * writing meanwhile), table after table in plan order, each in key order, a batch per poll. The offset of every
 * record says which table and key come next, so a restarted task resumes where the committed offsets end.
 *
 * <p>With a change log, the read transaction also fixes the snapshot's high-water mark: the log's {@code max(seq)}
 * as that transaction sees it, so every change up to it is in the snapshot and every later one is streamed. A resumed
 * snapshot (a new read transaction for the remaining tables) keeps the mark of the first one, so the changes made in
 * between are replayed too. SNAPSHOT_COMPLETED carries the mark into the STREAMING phase.
 *
 * <p>When {@link ChangeRecords#batching()}, a poll's rows travel as a few batches; only the last record of the poll
 * carries the offset after it (the others repeat the offset before it), so a crash part-way through a poll resumes at
 * its start and no row is skipped.
 *
 * <p>Announces SNAPSHOT_STARTED with each table's row count first, and SNAPSHOT_COMPLETED last. Not thread-safe:
 * used by the task's polling thread only.
 */
final class SqliteSnapshotChangeEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSnapshotChangeEventSource.class);

    private final SqliteSource source;
    private final List<TablePlan> tables;
    private final ChangeRecords records;
    private final int batchRows;
    private SqliteOffsetContext offset;
    private Connection connection;
    private int tableIndex;
    private SqliteTableReader reader;
    private boolean announced;
    private boolean done;

    SqliteSnapshotChangeEventSource(SqliteSource source, List<TablePlan> tables, ChangeRecords records,
                                    SqliteOffsetContext offset, int batchRows) {
        this.source = source;
        this.tables = tables;
        this.records = records;
        this.offset = offset;
        this.batchRows = batchRows;
        this.tableIndex = resumeIndex(tables, offset.table());
    }

    private static int resumeIndex(List<TablePlan> tables, String table) {
        if (table == null) {
            return 0;
        }
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i).source().equals(table)) {
                return i;
            }
        }
        throw new IllegalStateException("capture offset names table " + table + ", which the plan does not have; "
                + "the plan changed during the snapshot: start again with a new --work directory");
    }

    boolean done() {
        return done;
    }

    /** The offset of the last record emitted: after SNAPSHOT_COMPLETED, where streaming starts. */
    SqliteOffsetContext offset() {
        return offset;
    }

    /** The next records: the start announcement, a batch of rows, or the completion announcement. */
    List<SourceRecord> poll() {
        try {
            if (!announced) {
                return List.of(started());
            }
            List<SourceRecord> batch = new ArrayList<>(batchRows);
            List<RowEvent> events = new ArrayList<>(batchRows);
            while (batch.isEmpty() && tableIndex < tables.size()) {
                readBatch(events, batch);
            }
            if (batch.isEmpty()) {
                return List.of(completed());
            }
            return batch;
        } catch (SQLException e) {
            throw source.unreachable("read the snapshot from", e);
        }
    }

    private void readBatch(List<RowEvent> events, List<SourceRecord> batch) throws SQLException {
        TablePlan table = tables.get(tableIndex);
        if (reader == null) {
            String after = table.source().equals(offset.table()) ? offset.after() : null;
            reader = new SqliteTableReader(connection, table, after, offset.snapshotTimeMs());
            LOG.info("snapshot: reading table {}{}", table.source(), after == null ? "" : " after key " + after);
        }
        events.clear();
        boolean more = reader.read(batchRows, events);
        if (records.batching()) {
            SqliteOffsetContext before = offset;
            if (!events.isEmpty()) {
                batch.addAll(records.batches(events, before.toMap(), offsetAfter(table, events.get(events.size() - 1))));
            }
        } else {
            for (RowEvent event : events) {
                batch.add(records.row(event, offsetAfter(table, event)));
            }
        }
        if (!more) {
            reader.close();
            reader = null;
            tableIndex++;
        }
    }

    /** Every record carries the resume point after itself, so any committed prefix of a batch resumes exactly. */
    private SqliteOffsetContext offsetAfter(TablePlan table, RowEvent event) {
        offset = offset.reading(table.source(), KeyCodec.encode(event.position()));
        return offset;
    }

    private SourceRecord started() throws SQLException {
        connection = source.open(true);
        connection.setAutoCommit(false);
        List<TableCount> counts = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (int i = tableIndex; i < tables.size(); i++) {
                String table = tables.get(i).source();
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + quote(table))) {
                    rs.next();
                    counts.add(new TableCount(table, rs.getLong(1)));
                }
            }
        }
        if (offset.captured()) {
            offset = offset.highWaterMark(SqliteChangeLog.maxSequence(connection));
        }
        announced = true;
        LOG.info("snapshot: {} tables to read{}{}", counts.size(),
                offset.table() == null ? "" : ", resuming at " + offset.table(),
                offset.captured() ? ", then changes after seq " + offset.seq() : "");
        return records.control(ControlType.SNAPSHOT_STARTED, counts, offset);
    }

    private SourceRecord completed() throws SQLException {
        connection.rollback();
        done = true;
        offset = offset.snapshotCompleted();
        LOG.info("snapshot: complete");
        return records.control(ControlType.SNAPSHOT_COMPLETED, List.of(), offset);
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.warn("closing the snapshot connection failed: {}", e.getMessage());
        }
    }
}
