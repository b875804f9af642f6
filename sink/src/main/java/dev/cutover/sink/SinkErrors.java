package dev.cutover.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/** The one place that decides whether a PostgreSQL failure is worth retrying or stops the sink. */
final class SinkErrors {
    private SinkErrors() {
    }

    /**
     * Retriable: the connection or server is unavailable (class 08, 57P0x), out of resources — disk full, memory,
     * connections (class 53) — or the transaction lost a race (40001, 40P01). Everything else is fatal.
     */
    static boolean retriable(SQLException e) {
        if (e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return e.getCause() instanceof java.io.IOException;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01");
    }

    /** True when PostgreSQL aborted the transaction because it lost a race with another one (40001, 40P01). */
    static boolean lostRace(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /**
     * The error as it bears on retrying: an error without a retriable state on a connection that is gone is a lost
     * connection. HikariCP closes a connection once it has seen a connection error, and any later call on it — the
     * rollback to a savepoint after the failed statement — fails with a bare "Connection is closed" (no SQLState),
     * which would otherwise hide the lost server behind what looks like a fatal error.
     */
    static SQLException onConnection(SQLException e, Connection connection) {
        if (retriable(e) || !isClosed(connection)) {
            return e;
        }
        return new SQLException("the connection to PostgreSQL was lost (" + e.getMessage() + ")", "08003", e);
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
