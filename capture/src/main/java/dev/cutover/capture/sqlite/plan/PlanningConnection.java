package dev.cutover.capture.sqlite.plan;

import dev.cutover.capture.sqlite.SqliteFileCheck;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A SQLite file opened read-only for planning, inside one read transaction so every query sees the same state while
 * the application keeps writing. Never writes to the file (it may live on a read-only file system).
 */
final class PlanningConnection implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection connection;

    private PlanningConnection(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * @throws CutoverException SOURCE_UNREACHABLE when the file cannot be read, BAD_CONFIGURATION when it is not SQLite
     *                          (see {@link SqliteFileCheck#file})
     */
    static PlanningConnection open(Path file) {
        SqliteFileCheck.file(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + file);
            connection.setAutoCommit(false);
            FloatNoiseFunction.register(connection);
            return new PlanningConnection(file, connection);
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "cannot open SQLite source " + file
                    + " read-only (" + e.getMessage() + "); check the file and its -wal/-shm files", e);
        }
    }

    Connection connection() {
        return connection;
    }

    /** Runs a query; what names the step for the error message. */
    List<Map<String, Object>> rows(String what, String sql, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return read(result);
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    Path file() {
        return file;
    }

    CutoverException failed(String what, SQLException e) {
        return new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "reading SQLite source " + file + " failed while "
                + what + " (" + e.getMessage() + "); check that the file is a healthy SQLite database", e);
    }

    private static List<Map<String, Object>> read(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (result.next()) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i), result.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // nothing was written; closing releases the read transaction either way
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a read-only connection has nothing to flush
        }
    }
}
