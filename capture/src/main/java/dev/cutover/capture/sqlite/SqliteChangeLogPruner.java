package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the change log bounded: once offsets are committed (durably, in Kafka), the entries strictly below the
 * committed seq are covered and deleted, in short chunks so the application's writers wait at most a moment, and at
 * most once per prune interval however often offsets are committed. The
 * committed entry itself stays, so the highest seq never goes and seq numbers are never reused. A prune that fails
 * (the application holds the write lock too long) is logged and retried at the next commit, never fatal.
 *
 * <p>Thread-safe: the engine may commit from another thread than the one polling.
 */
final class SqliteChangeLogPruner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteChangeLogPruner.class);
    static final int CHUNK_ROWS = 10_000;
    private static final int MAX_CHUNKS_PER_COMMIT = 50;
    private static final int BUSY_TIMEOUT_MS = 1000;

    private final SqliteSource source;
    private final String captureId;
    private final long intervalMs;
    private long lastPruneMs = Long.MIN_VALUE;
    private Connection connection;
    private long prunedBelow;
    private boolean floorForgotten;

    /** @param intervalMs least time between two prunes (0: at every commit) */
    SqliteChangeLogPruner(SqliteSource source, String captureId, long intervalMs) {
        this.source = source;
        this.captureId = captureId;
        this.intervalMs = intervalMs;
    }

    /** @param committed the committed source offset (as the offset storage reader returns it), or null */
    synchronized void committed(Map<String, ?> committed) {
        SqliteOffsetContext offset = SqliteOffsetContext.fromMap(committed);
        if (offset == null || offset.seq() == null || !captureId.equals(offset.captureId())) {
            return;
        }
        try {
            if (!floorForgotten) {
                SqliteChangeLog.forgetSnapshotFloor(connection());
                floorForgotten = true;
            }
            long now = System.currentTimeMillis();
            if (lastPruneMs == Long.MIN_VALUE || now - lastPruneMs >= intervalMs) {
                lastPruneMs = now;
                prune(offset.seq());
            }
        } catch (SQLException e) {
            LOG.warn("capture: pruning the change log of {} below seq {} failed ({}); retrying at the next commit",
                    source.path(), offset.seq(), e.getMessage());
        }
    }

    private void prune(long below) throws SQLException {
        if (below <= prunedBelow) {
            return;
        }
        long low = minSequence();
        String delete = "DELETE FROM " + quote(CaptureTriggers.LOG_TABLE) + " WHERE seq < ?";
        try (PreparedStatement ps = connection().prepareStatement(delete)) {
            for (int chunk = 0; chunk < MAX_CHUNKS_PER_COMMIT && low < below; chunk++) {
                long bound = Math.min(below, low + CHUNK_ROWS);
                ps.setLong(1, bound);
                ps.executeUpdate();
                low = bound;
            }
        }
        if (low >= below) {
            prunedBelow = below;
        }
    }

    /** The lowest seq left, or Long.MAX_VALUE when the log is empty. */
    private long minSequence() throws SQLException {
        try (Statement statement = connection().createStatement();
             ResultSet rs = statement.executeQuery("SELECT min(seq) FROM " + quote(CaptureTriggers.LOG_TABLE))) {
            long min = rs.next() ? rs.getLong(1) : 0;
            return rs.wasNull() ? Long.MAX_VALUE : min;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = source.open(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            }
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } catch (SQLException e) {
            LOG.debug("capture: closing the pruning connection failed: {}", e.getMessage());
        }
    }
}
