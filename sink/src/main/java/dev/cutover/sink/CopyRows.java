package dev.cutover.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/** Streams rows into a {@code COPY ... FROM STDIN} in chunks, through one reusable encoder. Not thread-safe. */
final class CopyRows {
    private static final int CHUNK = 1 << 20;

    private final CopyEncoder encoder = new CopyEncoder();

    /**
     * @param values a row's values, parallel to the COPY's columns
     * @return how many rows PostgreSQL says the COPY wrote
     */
    <T> long copy(Connection connection, String sql, List<T> rows, Function<T, List<Object>> values)
            throws SQLException {
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        CopyIn copy = copyManager.copyIn(sql);
        try {
            encoder.reset();
            for (T row : rows) {
                encoder.row(values.apply(row));
                if (encoder.length() >= CHUNK) {
                    copy.writeToCopy(encoder.buffer(), 0, encoder.length());
                    encoder.reset();
                }
            }
            if (encoder.length() > 0) {
                copy.writeToCopy(encoder.buffer(), 0, encoder.length());
            }
            return copy.endCopy();
        } finally {
            cancelIfActive(copy);
        }
    }

    private static void cancelIfActive(CopyIn copy) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the COPY already failed; its error is the one reported
        }
    }
}
