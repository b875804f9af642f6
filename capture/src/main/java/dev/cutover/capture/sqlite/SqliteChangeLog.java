package dev.cutover.capture.sqlite;

import static dev.cutover.capture.sqlite.CaptureTriggers.quote;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    static final String STATE_TABLE = "_cutover_state";
    private static final String CHANGES = quote(CaptureTriggers.LOG_TABLE);
    private static final String STATE = quote(STATE_TABLE);
    private static final String JOURNAL_MODE = "journal_mode";
    private static final String CAPTURE_ID = "capture_id";
    private static final String SNAPSHOT_FLOOR = "snapshot_from";
    private static final String OURS = "name LIKE '\\_cutover\\_%' ESCAPE '\\'";
    private static final int SQLITE_READONLY = 8;
    private static final int JOURNAL_SWITCH_TIMEOUT_MS = 2000;

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
    }

    /**
     * Installs (or brings up to date) the change log and the triggers of every planned table, and switches the file
     * to WAL mode so that the snapshot's long read never blocks the application's writers. Idempotent: installing
     * again with the same plan and schema changes nothing.
     *
     * @throws CutoverException BAD_CONFIGURATION when the file is read-only, or a planned table or key column is not in
     *                          the source; SOURCE_UNREACHABLE when the file cannot be written
     */
    public static void install(SqliteSource source, Plan plan) {
        apply(source, plan).warnings().forEach(LOG::warn);
    }

    static Installed apply(SqliteSource source, Plan plan) {
        requireWritable(source, "install change capture in");
        List<String> warnings = new ArrayList<>();
        try (Connection connection = source.open(false); Statement statement = connection.createStatement()) {
            String journalMode = journalMode(statement);
            statement.execute("BEGIN IMMEDIATE");
            try {
                Map<String, String> triggers = triggers(connection, source, plan, warnings);
                createTables(connection, statement, keyWidth(plan));
                recordState(connection, journalMode);
                reconcile(statement, triggers);
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(statement);
                throw e;
            }
            requireWal(source);
            return new Installed(state(connection, CAPTURE_ID).orElseThrow(),
                    state(connection, JOURNAL_MODE).orElse(journalMode), warnings);
        } catch (SQLException e) {
            throw writeFailure(source, "install change capture in", e);
        }
    }

    private static Map<String, String> triggers(Connection connection, SqliteSource source, Plan plan,
                                                List<String> warnings) throws SQLException {
        Map<String, String> triggers = new LinkedHashMap<>();
        for (int n = 0; n < plan.tables().size(); n++) {
            TablePlan table = plan.tables().get(n);
            SqliteTableSchema schema = SqliteTableSchema.read(connection, table.source())
                    .orElseThrow(() -> staleTable(source, table.source()));
            if (schema.virtual()) {
                warnings.add("capture: " + table.source() + " is a virtual table, which cannot have triggers: live "
                        + "changes to it are not captured (the snapshot still copies it); if the application writes "
                        + "it during the migration, rebuild it in PostgreSQL after the switch");
                continue;
            }
            requireKeyColumns(source, table, schema);
            schema.uniqueIndexes().stream().filter(i -> !i.readable()).forEach(i -> warnings.add("capture: unique "
                    + "index " + i.name() + " of " + table.source() + " cannot be read, so a row that INSERT OR "
                    + "REPLACE deletes through it is not captured as deleted; validate " + table.source()
                    + " before the switch"));
            triggers.putAll(CaptureTriggers.statements(n, table, schema));
        }
        return triggers;
    }

    private static void requireKeyColumns(SqliteSource source, TablePlan table, SqliteTableSchema schema) {
        if (table.key().kind() == dev.cutover.schemas.plan.KeyPlan.KeyKind.ROWID) {
            if (schema.withoutRowid()) {
                throw staleTable(source, table.source());
            }
            return;
        }
        for (String column : table.key().sourceColumns()) {
            if (schema.columns().stream().noneMatch(c -> c.equalsIgnoreCase(column))) {
                throw CutoverException.config("key column " + column + " of table " + table.source()
                        + " is not in source " + source.path() + " any more; run `cutover plan` again");
            }
        }
    }

    private static CutoverException staleTable(SqliteSource source, String table) {
        return CutoverException.config("table " + table + " is in the plan but not (or not in the same shape) in source "
                + source.path() + ": the source changed since planning; run `cutover plan` again");
    }

    private static int keyWidth(Plan plan) {
        return plan.tables().stream().mapToInt(t -> t.key().sourceColumns().size()).max().orElse(1);
    }

    private static void createTables(Connection connection, Statement statement, int width) throws SQLException {
        StringBuilder keys = new StringBuilder();
        for (int i = 1; i <= width; i++) {
            keys.append(", k").append(i);
        }
        statement.execute("CREATE TABLE IF NOT EXISTS " + CHANGES
                + "(seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, ts REAL NOT NULL" + keys + ")");
        for (int i = keyColumnCount(connection) + 1; i <= width; i++) {
            statement.execute("ALTER TABLE " + CHANGES + " ADD COLUMN k" + i);
        }
        statement.execute("CREATE TABLE IF NOT EXISTS " + STATE + "(key TEXT PRIMARY KEY, value)");
    }

    static int keyColumnCount(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM pragma_table_info(?) WHERE name LIKE 'k%'")) {
            ps.setString(1, CaptureTriggers.LOG_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void recordState(Connection connection, String journalMode) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT OR IGNORE INTO " + STATE + "(key, value) VALUES (?, ?)")) {
            ps.setString(1, JOURNAL_MODE);
            ps.setString(2, journalMode.toLowerCase(Locale.ROOT));
            ps.executeUpdate();
            ps.setString(1, CAPTURE_ID);
            ps.setString(2, UUID.randomUUID().toString());
            ps.executeUpdate();
        }
    }

    /** Drops the capture triggers that differ from the wanted ones and creates the missing ones. */
    private static void reconcile(Statement statement, Map<String, String> wanted) throws SQLException {
        Map<String, String> existing = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND " + OURS + " ORDER BY name")) {
            while (rs.next()) {
                existing.put(rs.getString(1), rs.getString(2));
            }
        }
        for (Map.Entry<String, String> trigger : existing.entrySet()) {
            if (!trigger.getValue().equals(wanted.get(trigger.getKey()))) {
                statement.execute("DROP TRIGGER " + quote(trigger.getKey()));
            }
        }
        for (Map.Entry<String, String> trigger : wanted.entrySet()) {
            if (!trigger.getValue().equals(existing.get(trigger.getKey()))) {
                statement.execute(trigger.getValue());
            }
        }
    }

    private static void requireWal(SqliteSource source) {
        source.ensureWal();
        try (Connection connection = source.open(true); Statement statement = connection.createStatement()) {
            String mode = journalMode(statement);
            if (!mode.equalsIgnoreCase("wal")) {
                throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "source " + source.path() + " could not be "
                        + "switched to WAL mode (it is in " + mode + " mode), and without WAL the snapshot would block "
                        + "the application's writes; check that no process holds it in exclusive locking mode, then "
                        + "run again");
            }
        } catch (SQLException e) {
            throw source.unreachable("read the journal mode of", e);
        }
    }

    /**
     * Drops every {@code _cutover_} trigger and table and restores the journal mode the file had before Cutover.
     * Leaving WAL mode needs the file to itself: when other connections hold it, the report says so (with the command
     * to run later) instead of failing. Changes still in the log are lost with it.
     *
     * @throws CutoverException BAD_CONFIGURATION when the file is read-only; SOURCE_UNREACHABLE when it cannot be
     *                          written
     */
    public static RemovalReport remove(SqliteSource source) {
        requireWritable(source, "remove change capture from");
        try (Connection connection = source.open(false); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            String original;
            List<String> triggers;
            List<String> tables;
            try {
                triggers = names(statement, "trigger");
                tables = names(statement, "table");
                original = tables.contains(STATE_TABLE) ? state(connection, JOURNAL_MODE).orElse(null) : null;
                for (String trigger : triggers) {
                    statement.execute("DROP TRIGGER " + quote(trigger));
                }
                for (String table : tables) {
                    statement.execute("DROP TABLE " + quote(table));
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(statement);
                throw e;
            }
            String mode = restoreJournalMode(statement, original);
            List<String> warnings = new ArrayList<>();
            if (original != null && !original.equalsIgnoreCase(mode)) {
                warnings.add("journal mode is still " + mode + " (it was " + original + " before Cutover): another "
                        + "process has the file open, and leaving WAL mode needs it alone; when the application is "
                        + "stopped, run: sqlite3 " + source.path() + " 'PRAGMA journal_mode=" + original + "'");
            }
            RemovalReport report = new RemovalReport(triggers, tables, original, mode, warnings);
            LOG.info("capture: {} from {}", report.summary(), source.path());
            return report;
        } catch (SQLException e) {
            throw writeFailure(source, "remove change capture from", e);
        }
    }

    private static List<String> names(Statement statement, String type) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = '" + type + "' AND " + OURS + " ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Only WAL is a property of the file; any other recorded mode means "not WAL", which is what is restored. */
    private static String restoreJournalMode(Statement statement, String original) throws SQLException {
        String mode = journalMode(statement);
        if (original == null || original.equalsIgnoreCase(mode)) {
            return mode;
        }
        statement.execute("PRAGMA busy_timeout = " + JOURNAL_SWITCH_TIMEOUT_MS);
        try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode = " + legacyMode(original))) {
            rs.next();
        } catch (SQLException e) {
            LOG.debug("capture: leaving WAL mode failed: {}", e.getMessage());
        }
        return journalMode(statement);
    }

    private static String legacyMode(String mode) {
        String lower = mode.toLowerCase(Locale.ROOT);
        return List.of("delete", "truncate", "persist", "wal").contains(lower) ? lower : "delete";
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
     * first attempt may already be in Kafka, but no offset) replays every change since the <em>first</em> attempt.
     */
    static long snapshotFloor(SqliteSource source) {
        try (Connection connection = source.open(false); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                Optional<String> floor = state(connection, SNAPSHOT_FLOOR);
                long value = floor.isPresent() ? Long.parseLong(floor.get()) : maxSequence(connection);
                if (floor.isEmpty()) {
                    setState(connection, SNAPSHOT_FLOOR, Long.toString(value));
                }
                statement.execute("COMMIT");
                return value;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(statement);
                throw e;
            }
        } catch (SQLException e) {
            throw writeFailure(source, "record the snapshot start in", e);
        }
    }

    /** An offset is committed: from now on a restart resumes from it, so the snapshot floor is no longer needed. */
    static void forgetSnapshotFloor(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + STATE + " WHERE key = ?")) {
            ps.setString(1, SNAPSHOT_FLOOR);
            ps.executeUpdate();
        }
    }

    /**
     * Problems that mean changes are no longer being captured: a planned table that is gone, or capture triggers that
     * are missing or now belong to another table (the application dropped, rebuilt or renamed a table).
     */
    static List<String> lostCapture(Connection connection, Plan plan) throws SQLException {
        Map<String, String> triggerTables = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'trigger' AND " + OURS)) {
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
            } else if (!schema.get().virtual()) {
                for (String kind : List.of("ai", "au", "ad")) {
                    String owner = triggerTables.get(CaptureTriggers.PREFIX + n + "_" + kind);
                    if (owner == null || !owner.equalsIgnoreCase(table)) {
                        problems.add("the capture triggers of table " + table + " are gone (the table was dropped "
                                + "and created again, or renamed)");
                        break;
                    }
                }
            }
        }
        return problems;
    }

    private static Optional<String> state(Connection connection, String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT value FROM " + STATE + " WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void setState(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT OR REPLACE INTO " + STATE + "(key, value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    static String journalMode(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1).toLowerCase(Locale.ROOT);
        }
    }

    private static void rollbackQuietly(Statement statement) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("capture: rollback after a failure failed too: {}", e.getMessage());
        }
    }

    private static void requireWritable(SqliteSource source, String action) {
        if (!source.writable()) {
            throw readOnly(source, action);
        }
    }

    private static CutoverException readOnly(SqliteSource source, String action) {
        return CutoverException.config("cannot " + action + " source " + source.path() + ": it is read-only for this "
                + "user (live capture keeps a change log and triggers in the file, and WAL mode needs its directory "
                + "writable); make the file and its directory writable, or copy it once without live changes with "
                + "`cutover run --once`");
    }

    private static CutoverException writeFailure(SqliteSource source, String action, SQLException e) {
        if ((e.getErrorCode() & 0xff) == SQLITE_READONLY) {
            return readOnly(source, action);
        }
        return source.unreachable(action, e);
    }
}
