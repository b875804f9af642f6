package dev.cutover.capture.sqlite;

import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.CaptureSettings;
import dev.cutover.schemas.source.ChangeCapture;
import dev.cutover.schemas.source.ConnectorSpec;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceFile;
import dev.cutover.schemas.source.WayBackFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SQLite source file ({@code --source sqlite:PATH}) behind the source seam: its check, plan, connector, change log
 * and read-back. Checks that it is a sound SQLite database before anything touches it, and puts a writable database
 * in WAL mode so that a long snapshot read never blocks the application's writers. Holds no open resources;
 * thread-safe.
 */
public final class SqliteSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSource.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final Path path;

    SqliteSource(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    /** The source identity used in events and reports: {@code sqlite:<absolute path>}. */
    @Override
    public String id() {
        return SqliteSourceType.SCHEME + ":" + path;
    }

    /** The file's name. */
    @Override
    public String name() {
        return path.getFileName().toString();
    }

    @Override
    public boolean documents() {
        return false;
    }

    /**
     * Checks the file ({@link #check()}); live capture also needs to write the file and its directory (its change log,
     * triggers and WAL mode), while a one-shot copy of a read-only file is taken without them.
     */
    @Override
    public void check(Access access) {
        check();
        if (access == Access.LIVE && !writable()) {
            throw CutoverException.config("live capture needs write access to " + path + " and its directory (to add "
                    + "its change log and triggers); make them writable, or use --once to copy a quiet database");
        }
    }

    @Override
    public Plan plan(PlanOptions options) {
        return SqlitePlanner.plan(path, options);
    }

    @Override
    public ConnectorSpec connector(CaptureSettings settings) {
        settings.refuseResnapshot(id());
        return new ConnectorSpec(SqliteConnector.class.getName(), Map.of(
                SqliteConnectorConfig.PATH, path.toString(),
                SqliteConnectorConfig.PLAN_PATH, settings.planPath().toString(),
                SqliteConnectorConfig.TOPIC_PREFIX, settings.topicPrefix(),
                SqliteConnectorConfig.BATCH_ROWS, Integer.toString(settings.batchRows()),
                SqliteConnectorConfig.RAW_PARTITIONS, Integer.toString(settings.rawPartitions()),
                SqliteConnectorConfig.BATCH_MAX_BYTES, Integer.toString(settings.batchMaxBytes()),
                SqliteConnectorConfig.RESUME_AFTER_REMOVAL, Boolean.toString(settings.resumeAfterRemoval())));
    }

    @Override
    public Optional<WayBackFile> wayBackFile() {
        return Optional.of(new WayBackFile(path, CaptureTriggers.LOG_TABLE, ChangeLogState.TABLE));
    }

    @Override
    public ChangeCapture capture() {
        return new SqliteChangeCapture(this);
    }

    @Override
    public ReadBack readBack(boolean consistent) {
        return new SqliteReadBack(this, consistent);
    }

    @Override
    public Optional<SourceFile> file() {
        return Optional.of(new SqliteSourceFile(this));
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Fails with a one-line message when the file is missing, unreadable, not a SQLite database, or damaged (see
     * {@link SqliteFileCheck}); quick, so every command that reads a source runs it before it starts anything else.
     */
    void check() {
        SqliteFileCheck.file(path);
        try (Connection connection = open(true)) {
            SqliteFileCheck.contents(path, connection);
        } catch (SQLException e) {
            throw unreachable("close", e);
        }
    }

    /** True when this process may write the file and its directory (needed for WAL mode and, later, capture triggers). */
    boolean writable() {
        Path dir = path.getParent();
        return Files.isWritable(path) && dir != null && Files.isWritable(dir);
    }

    /**
     * Switches a writable database to WAL mode and returns the journal mode it had before (to restore when capture is
     * removed). A read-only file is left alone: its snapshot is still consistent, but a writer would wait for it.
     */
    String ensureWal() {
        if (!writable()) {
            LOG.warn("source {} is not writable: snapshot runs without switching to WAL mode", path);
            return null;
        }
        try (Connection connection = open(false); Statement statement = connection.createStatement()) {
            String before = journalMode(statement);
            if (!"wal".equalsIgnoreCase(before)) {
                LOG.info("source {} switched from journal mode {} to {}", path, before, switchToWal(statement));
            }
            return before;
        } catch (SQLException e) {
            if (locked(e)) {
                throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "source " + path + " stayed locked for "
                        + BUSY_TIMEOUT_MS / 1000 + " s while capture tried to switch it to WAL mode: another process "
                        + "holds a long transaction or an exclusive lock on it; end that transaction (or stop that "
                        + "process), then run again", e);
            }
            throw unreachable("switch the source to WAL mode", e);
        }
    }

    /**
     * Switching to WAL needs the file to itself for an instant, and SQLite does not wait for that through the busy
     * timeout: while an application commits, the switch can fail at once with SQLITE_BUSY (about one try in 20 at
     * 300 commits/s). So it is tried again after a short pause, for up to the busy timeout; a busy application only
     * delays the start. Returns the journal mode the last try left.
     */
    private String switchToWal(Statement statement) throws SQLException {
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        for (int attempt = 1; ; attempt++) {
            try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode=WAL")) {
                rs.next();
                String mode = rs.getString(1);
                if ("wal".equalsIgnoreCase(mode) || System.nanoTime() > deadline) {
                    return mode;
                }
            } catch (SQLException e) {
                if (!locked(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            LOG.debug("source {}: switching to WAL mode found the file busy (try {}); trying again", path, attempt);
            pause(Math.min(100, 5L * attempt));
        }
    }

    private static boolean locked(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLITE_BUSY || code == SQLITE_LOCKED;
    }

    private static void pause(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while switching to WAL mode", e);
        }
    }

    private static String journalMode(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Opens a connection. A read-only connection never writes: on a file this process may write it is a normal
     * connection with {@code PRAGMA query_only}, so that in WAL mode it can take part in WAL recovery (a connection
     * opened SQLITE_OPEN_READONLY cannot, and fails with short reads when a checkpoint resets the WAL under it); on a
     * file it may not write, it is opened read-only.
     * <p>
     * The connection is opened without SQLite's own per-connection mutex ({@code SQLITE_OPEN_NOMUTEX}): the driver
     * already makes every call into SQLite on a connection one at a time (its native methods synchronize on the
     * connection's handle), so SQLite's lock around each call only costs time, a lock and an unlock per column read
     * (about 15% of the capture thread while it reads a snapshot).
     */
    Connection open(boolean readOnly) {
        boolean trulyReadOnly = readOnly && !writable();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(trulyReadOnly);
        config.setOpenMode(trulyReadOnly ? SQLiteOpenMode.READONLY : SQLiteOpenMode.READWRITE);
        config.setOpenMode(SQLiteOpenMode.NOMUTEX);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setSharedCache(false);
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + path);
            if (readOnly && !trulyReadOnly) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA query_only = ON");
                }
            }
            return connection;
        } catch (SQLException e) {
            throw unreachable("open", e);
        }
    }

    /** Rows in each table now, in one read transaction. */
    @Override
    public Map<String, Long> rowCounts(List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = open(true); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String table : tables) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + Identifiers.quote(table))) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw unreachable("count the rows of", e);
        }
        return counts;
    }

    CutoverException unreachable(String action, SQLException e) {
        return new CutoverException(ErrorCode.SOURCE_UNREACHABLE,
                "cannot " + action + " source " + path + ": " + e.getMessage() + "; check the file and its permissions", e);
    }
}
