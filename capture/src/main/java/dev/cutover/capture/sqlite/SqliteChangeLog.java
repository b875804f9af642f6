package dev.cutover.capture.sqlite;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ChangeCapture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cutover's change capture inside a SQLite source: triggers on every captured table append the key of each row that
 * changed to the change-log table {@code _cutover_changes(seq, tbl, ts, k1 … kN)}, and {@code _cutover_state} keeps
 * what removal needs (the journal mode the file had before Cutover touched it).
 *
 * <p><b>The log says which keys changed, not how.</b> Streaming reads each logged key's <em>current</em> row: present,
 * it is emitted as an UPDATE with the whole row; absent, as a DELETE. So inserts, updates, primary-key changes (the
 * old key is logged too, and reads as absent), delete-then-reinsert of a key, {@code INSERT OR REPLACE} on the key or
 * on another unique index (the BEFORE triggers log the rows it will delete), {@code INSERT OR IGNORE}, upserts and
 * rowid reuse all converge to the source's state, and replaying an entry twice is harmless. A rolled-back transaction
 * leaves no entries, since the log is written in the application's own transaction.
 *
 * <p>{@code seq} is an INTEGER PRIMARY KEY without AUTOINCREMENT (AUTOINCREMENT would create {@code sqlite_sequence},
 * which removal could not take back), so a new entry gets the highest seq plus one: SQLite has one writer at a time,
 * so seq order is commit order, and a read transaction sees exactly the entries up to its {@code max(seq)}. Pruning
 * deletes only entries below the committed position, never the highest, so seq numbers are never reused.
 *
 * <p>Virtual tables (FTS) cannot have triggers: their live changes are not captured (the snapshot still copies them),
 * which {@link #install} logs as a warning. One migration at a time may consume a source's change log.
 *
 * <p>Every object Cutover creates is named {@code _cutover_…}, which the planner ignores, and {@link #remove} drops
 * them all: the file's schema is afterwards what it was before {@link #install}.
 */
public final class SqliteChangeLog {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteChangeLog.class);
    private static final String CHANGES = quote(CaptureTriggers.LOG_TABLE);

    private SqliteChangeLog() {
    }

    /**
     * What an installed change log is.
     *
     * @param captureId           identity of this change log: a log dropped and installed again gets a new one, so
     *                            offsets that point into the old log are recognised
     * @param originalJournalMode the journal mode the file had before Cutover first touched it
     * @param warnings            what capture cannot see (virtual tables, unreadable unique indexes)
     */
    record Installed(String captureId, String originalJournalMode, List<String> warnings) {
        Installed {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Installs (or brings up to date) the change log and the triggers of every planned table, and switches the file
     * to WAL mode so that the snapshot's long read never blocks the application's writers. Idempotent: installing
     * again with the same plan and schema changes nothing. Logs a warning for each table whose live changes cannot be
     * captured.
     *
     * @throws CutoverException BAD_CONFIGURATION when the file is read-only, or a planned table or key column is not in
     *                          the source; SOURCE_UNREACHABLE when the file is missing or cannot be written
     */
    public static void install(SqliteSource source, Plan plan) {
        apply(source, plan).warnings().forEach(LOG::warn);
    }

    /** {@link #install}, returning what was installed and the warnings instead of logging them. */
    static Installed apply(SqliteSource source, Plan plan) {
        return ChangeLogInstaller.install(source, plan);
    }

    /**
     * Drops every {@code _cutover_} trigger and table and restores the journal mode the file had before Cutover.
     * Leaving WAL mode needs the file to itself: when other connections hold it, the report says so (with the command
     * to run later) instead of failing. Changes still in the log are dropped with it, so stop capture after it caught
     * up. Nothing to remove is not an error.
     *
     * @throws CutoverException BAD_CONFIGURATION when the file is read-only; SOURCE_UNREACHABLE when it is missing or
     *                          cannot be written
     */
    public static RemovalReport remove(SqliteSource source) {
        return ChangeLogRemover.remove(source);
    }

    /**
     * Logs each key of {@code table} as changed, as the triggers do when the application writes the row: streaming then
     * sends each key's current row (or its deletion) through the pipeline, in order with the application's own changes
     * (see {@link ChangeCapture#resend}).
     *
     * @param keys keys as the error log names them: JSON objects from key column to value ({@code {"$base64": …}} for
     *             a BLOB, {@code {"$hex": …}} for TEXT that is not valid UTF-8)
     * @throws CutoverException BAD_CONFIGURATION when the file is read-only or capture is not installed;
     *                          SOURCE_UNREACHABLE when it cannot be written
     */
    public static ChangeCapture.Resent enqueue(SqliteSource source, TablePlan table, List<String> keys) {
        return ChangeLogReplay.enqueue(source, table, keys);
    }

    /** The highest sequence number in the change log; 0 when it is empty or not installed. */
    public static long maxSequence(SqliteSource source) {
        try (Connection connection = source.open(true)) {
            return maxSequence(connection);
        } catch (SQLException e) {
            throw source.unreachable("read the change log of", e);
        }
    }

    /** The highest sequence number the connection's current transaction sees; 0 when none. */
    static long maxSequence(Connection connection) throws SQLException {
        if (!installed(connection)) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT max(seq) FROM " + CHANGES)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The file's journal mode and the change log's entries (captured but not yet pruned, or not yet captured; absent
     * when no change log is installed), for the health check.
     */
    public static Map<String, Object> health(SqliteSource source) {
        Map<String, Object> health = new LinkedHashMap<>();
        try (Connection connection = source.open(true); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode")) {
                health.put("journalMode", rs.next() ? rs.getString(1) : null);
            }
            if (installed(connection)) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + CHANGES)) {
                    health.put("changeLogEntries", rs.next() ? rs.getLong(1) : 0);
                }
            }
            return health;
        } catch (SQLException e) {
            throw source.unreachable("read the health of", e);
        }
    }

    /** True when the source holds Cutover's change log. */
    public static boolean installed(SqliteSource source) {
        try (Connection connection = source.open(true)) {
            return installed(connection);
        } catch (SQLException e) {
            throw source.unreachable("look for the change log in", e);
        }
    }

    static boolean installed(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            ps.setString(1, CaptureTriggers.LOG_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Where a snapshot that starts without any committed offset begins streaming: recorded in the source the first
     * time and kept until an offset is committed, so that a snapshot started again after a crash (when records of the
     * first attempt may already be in Kafka, but no offset) replays every change since the <em>first</em> attempt —
     * a row deleted in between would otherwise stay in PostgreSQL.
     */
    static long snapshotFloor(SqliteSource source) {
        String action = "record the snapshot start in";
        try (Connection connection = source.open(false); Statement statement = connection.createStatement()) {
            return SourceWrites.immediate(statement, () -> {
                Optional<String> floor = ChangeLogState.get(connection, ChangeLogState.SNAPSHOT_FLOOR);
                if (floor.isPresent()) {
                    return Long.parseLong(floor.get());
                }
                long max = maxSequence(connection);
                ChangeLogState.set(connection, ChangeLogState.SNAPSHOT_FLOOR, Long.toString(max));
                return max;
            });
        } catch (SQLException e) {
            throw SourceWrites.failure(source, action, e);
        }
    }

    /** An offset is committed: from now on a restart resumes from it, so the snapshot floor is no longer needed. */
    static void forgetSnapshotFloor(Connection connection) throws SQLException {
        ChangeLogState.delete(connection, ChangeLogState.SNAPSHOT_FLOOR);
    }

    /**
     * Problems that mean changes are no longer being captured: a planned table that is gone, or capture triggers that
     * are missing or now belong to another table (the application dropped, rebuilt or renamed a table).
     */
    static List<String> lostCapture(Connection connection, Plan plan) throws SQLException {
        Map<String, String> triggerTables = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'trigger' AND " + ChangeLogInstaller.OURS)) {
            while (rs.next()) {
                triggerTables.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> problems = new ArrayList<>();
        for (int n = 0; n < plan.tables().size(); n++) {
            String table = plan.tables().get(n).source();
            Optional<SqliteTableSchema> schema = SqliteTableSchema.read(connection, table);
            if (schema.isEmpty()) {
                problems.add("table " + table + " was dropped from the source");
            } else if (!schema.get().virtual() && !ownsCoreTriggers(triggerTables, n, table)) {
                problems.add("the capture triggers of table " + table + " are gone (the table was dropped and "
                        + "created again, or renamed)");
            }
        }
        return problems;
    }

    private static boolean ownsCoreTriggers(Map<String, String> triggerTables, int n, String table) {
        return List.of("ai", "au", "ad").stream()
                .map(kind -> triggerTables.get(CaptureTriggers.PREFIX + n + "_" + kind))
                .allMatch(owner -> owner != null && owner.equalsIgnoreCase(table));
    }
}
