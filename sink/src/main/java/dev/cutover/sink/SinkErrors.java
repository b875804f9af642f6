package dev.cutover.sink;

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
}
