package dev.cutover.capture.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The application in tests: its own connection to the source file, writing while capture runs. */
final class Sql implements AutoCloseable {
    private final Connection connection;

    Sql(Path file) {
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            execute("PRAGMA busy_timeout = 5000");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a database from statements and closes it. */
    static Path create(Path file, String... statements) {
        try (Sql sql = new Sql(file)) {
            sql.execute(statements);
        }
        return file;
    }

    Sql execute(String... statements) {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + String.join("; ", statements), e);
        }
    }

    /** Runs the statements in one transaction, committed. */
    Sql transaction(String... statements) {
        execute("BEGIN");
        execute(statements);
        return execute("COMMIT");
    }

    /** Single-column, single-row query. */
    Object value(String query) {
        return rows(query).get(0).get(0);
    }

    List<List<Object>> rows(String query) {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + query, e);
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
