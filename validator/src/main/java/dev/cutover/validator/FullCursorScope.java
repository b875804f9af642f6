package dev.cutover.validator;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Leaves autocommit mode for as long as PostgreSQL cursors are read (the driver only streams with a fetch size inside
 * a transaction), then ends the read-only transaction and restores autocommit. A connection already in a transaction
 * is left as it is.
 */
final class FullCursorScope implements AutoCloseable {
    private final Connection postgres;
    private final boolean restoreAutoCommit;

    private FullCursorScope(Connection postgres, boolean restoreAutoCommit) {
        this.postgres = postgres;
        this.restoreAutoCommit = restoreAutoCommit;
    }

    static FullCursorScope open(Connection postgres) throws SQLException {
        boolean autoCommit = postgres.getAutoCommit();
        if (autoCommit) {
            postgres.setAutoCommit(false);
        }
        return new FullCursorScope(postgres, autoCommit);
    }

    /**
     * Ends the transaction after a cancelled statement (which aborts it) so that the connection can be used again;
     * a caller's own transaction is not ours to end and is left as it is.
     */
    void restart() throws SQLException {
        if (restoreAutoCommit) {
            postgres.rollback();
        }
    }

    @Override
    public void close() throws SQLException {
        if (!restoreAutoCommit) {
            return;
        }
        try {
            postgres.rollback();
        } finally {
            postgres.setAutoCommit(true);
        }
    }
}
