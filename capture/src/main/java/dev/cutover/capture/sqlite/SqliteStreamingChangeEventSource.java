package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live changes: reads the change log after the current position, a batch per poll, and emits each logged key's
 * current row (UPDATE) or its absence (DELETE) — see {@link SqliteChangeLog} for why that converges. An event's
 * {@code sequence} is its log entry's seq and its {@code sourceTimeMs} the entry's {@code ts} (when the trigger ran,
 * inside the application's transaction). Every record's offset carries its entry's seq, so a restart resumes after
 * the last committed record.
 *
 * <p>Each poll is one short read transaction (the log range and the rows it names, consistent with each other);
 * nothing stays open between polls, so WAL checkpoints proceed. Each poll also checks the schema version: when the
 * application changed the schema, capture makes sure its triggers are still there (failing loudly if a table was
 * dropped or rebuilt, since its changes since are unknown) and brings the conflict triggers up to date with the
 * table's unique indexes.
 *
 * <p>Not thread-safe: used by the task's polling thread only.
 */
final class SqliteStreamingChangeEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStreamingChangeEventSource.class);

    private final SqliteSource source;
    private final Plan plan;
    private final ChangeRecords records;
    private final int batchSize;
    private final Map<String, TablePlan> tables = new HashMap<>();
    private final Map<String, ChangedRowReader> readers = new HashMap<>();
    private final Set<String> unknownTables = new HashSet<>();
    private SqliteOffsetContext offset;
    private long position;
    private Connection connection;
    private PreparedStatement entries;
    private int schemaVersion = -1;

    /** @param offset a STREAMING offset with a seq (or the offset a snapshot completed with) */
    SqliteStreamingChangeEventSource(SqliteSource source, Plan plan, ChangeRecords records,
                                     SqliteOffsetContext offset, int batchSize) {
        if (offset.seq() == null) {
            throw new IllegalArgumentException("streaming needs a change-log position, got offset " + offset);
        }
        this.source = source;
        this.plan = plan;
        this.records = records;
        this.offset = offset;
        this.position = offset.seq();
        this.batchSize = batchSize;
        plan.tables().forEach(t -> tables.put(t.source(), t));
    }

    /** The offset of the last record emitted. */
    SqliteOffsetContext offset() {
        return offset;
    }

    /** The records of the next batch of logged changes; empty when nothing changed since the last poll. */
    List<SourceRecord> poll() {
        try {
            open();
            checkSchema();
            List<RowEvent> events = readBatch();
            List<SourceRecord> batch = new ArrayList<>(events.size());
            for (RowEvent event : events) {
                offset = offset.streamed(event.sequence());
                batch.add(records.row(event, offset));
            }
            return batch;
        } catch (SQLException e) {
            endTransaction();
            throw source.unreachable("read the change log of", e);
        }
    }

    private void open() throws SQLException {
        if (connection == null) {
            connection = source.open(true);
            connection.setAutoCommit(false);
            entries = connection.prepareStatement("SELECT seq, tbl FROM " + quote(CaptureTriggers.LOG_TABLE)
                    + " WHERE seq > ? ORDER BY seq LIMIT ?");
        }
    }

    private void checkSchema() throws SQLException {
        int version;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA schema_version")) {
            rs.next();
            version = rs.getInt(1);
        }
        if (version == schemaVersion) {
            return;
        }
        List<String> lost = SqliteChangeLog.lostCapture(connection, plan);
        endTransaction();
        if (!lost.isEmpty()) {
            throw CutoverException.config("capture of " + source.path() + " cannot continue: " + String.join("; ", lost)
                    + ". Changes to it since then are unknown, so PostgreSQL can no longer be kept equal to the "
                    + "source; run `cutover stop --remove-capture`, plan again and start a new migration (new --work "
                    + "directory, empty target)");
        }
        SqliteChangeLog.apply(source, plan).warnings().forEach(LOG::debug);
        closeReaders();
        // Our own trigger update changes the version again; the next poll checks once more and finds nothing to do.
        schemaVersion = version;
    }

    private List<RowEvent> readBatch() throws SQLException {
        long upTo = position;
        Set<String> changed = new LinkedHashSet<>();
        entries.setLong(1, position);
        entries.setInt(2, batchSize);
        try (ResultSet rs = entries.executeQuery()) {
            while (rs.next()) {
                upTo = rs.getLong(1);
                changed.add(rs.getString(2));
            }
        }
        List<RowEvent> events = new ArrayList<>();
        for (String table : changed) {
            ChangedRowReader reader = reader(table);
            if (reader != null) {
                events.addAll(reader.read(position, upTo));
            }
        }
        endTransaction();
        events.sort(Comparator.comparingLong(RowEvent::sequence));
        position = upTo;
        return events;
    }

    private ChangedRowReader reader(String table) throws SQLException {
        ChangedRowReader reader = readers.get(table);
        if (reader == null && tables.containsKey(table)) {
            SqliteTableSchema schema = SqliteTableSchema.read(connection, table).orElseThrow(() ->
                    new IllegalStateException("table " + table + " is not in source " + source.path()));
            reader = new ChangedRowReader(connection, tables.get(table), schema);
            readers.put(table, reader);
        } else if (reader == null && unknownTables.add(table)) {
            LOG.warn("capture: the change log of {} names table {}, which the plan does not have; its changes are "
                    + "skipped", source.path(), table);
        }
        return reader;
    }

    /** Ends the read transaction, so the connection holds no snapshot of the database between polls. */
    private void endTransaction() {
        try {
            if (connection != null) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("capture: ending the streaming read transaction failed: {}", e.getMessage());
        }
    }

    private void closeReaders() throws SQLException {
        for (ChangedRowReader reader : readers.values()) {
            reader.close();
        }
        readers.clear();
    }

    @Override
    public void close() {
        try {
            closeReaders();
            if (entries != null) {
                entries.close();
            }
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.warn("capture: closing the streaming connection failed: {}", e.getMessage());
        }
    }
}
