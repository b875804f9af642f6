package dev.cutover.capture.sqlite;

import dev.cutover.schemas.CutoverException;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How capture writes to the source: only when it may, in short immediate transactions, failures named for the operator. */
final class SourceWrites {
    private static final Logger LOG = LoggerFactory.getLogger(SourceWrites.class);
    private static final int SQLITE_READONLY = 8;

    private SourceWrites() {
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction that takes the write lock at once (BEGIN IMMEDIATE: no lock upgrade that
     * could deadlock with a writer), committed, or rolled back when it fails.
     */
    static <T> T immediate(Statement statement, Work<T> work) throws SQLException {
        statement.execute("BEGIN IMMEDIATE");
        try {
            T result = work.run();
            statement.execute("COMMIT");
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                statement.execute("ROLLBACK");
            } catch (SQLException rollback) {
                LOG.debug("capture: rollback after a failure failed too: {}", rollback.getMessage());
            }
            throw e;
        }
    }

    /** Fails before anything is touched when the file (or its directory, which WAL mode needs) is not writable. */
    static void requireWritable(SqliteSource source, String action) {
        source.check();
        if (!source.writable()) {
            throw readOnly(source, action);
        }
    }

    static CutoverException failure(SqliteSource source, String action, SQLException e) {
        if ((e.getErrorCode() & 0xff) == SQLITE_READONLY) {
            return readOnly(source, action);
        }
        return source.unreachable(action, e);
    }

    private static CutoverException readOnly(SqliteSource source, String action) {
        return CutoverException.config("cannot " + action + " source " + source.path() + ": it is read-only for this "
                + "user (live capture keeps a change log and triggers in the file, and WAL mode needs its directory "
                + "writable); make the file and its directory writable, or copy it once without live changes with "
                + "`cutover run --once`");
    }
}
