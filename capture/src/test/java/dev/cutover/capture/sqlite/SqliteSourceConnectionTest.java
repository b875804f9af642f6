package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/**
 * Capture's connections go without SQLite's per-connection mutex, relying on the driver to make the calls on a
 * connection one at a time. These tests hold the driver to that: a connection shared by threads that read at once
 * still reads every value right.
 */
class SqliteSourceConnectionTest {
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void shouldOpenConnectionsWithoutSqlitesOwnMutex() throws SQLException {
        Path file = database();
        for (boolean readOnly : new boolean[] {true, false}) {
            try (Connection connection = new SqliteSource(file).open(readOnly)) {
                int flags = connection.unwrap(SQLiteConnection.class).getDatabase().getConfig().getOpenModeFlags();

                assertThat(flags & SQLiteOpenMode.NOMUTEX.flag).as("read-only %s", readOnly).isNotZero();
                assertThat(flags & SQLiteOpenMode.FULLMUTEX.flag).as("read-only %s", readOnly).isZero();
            }
        }
    }

    @Test
    void shouldReadRightWhenThreadsShareTheConnection() throws Exception {
        Path file = database();
        long expected = (long) ROWS * (ROWS + 1) / 2;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Connection connection = new SqliteSource(file).open(true)) {
            List<Future<Long>> sums = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sums.add(threads.submit(sumRowByRow(connection)));
            }
            for (Future<Long> sum : sums) {
                assertThat(sum.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Reads every row with one call per column, as capture does, and adds the ids and the lengths of the names. */
    private static Callable<Long> sumRowByRow(Connection connection) {
        return () -> {
            long sum = 0;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id, name FROM item ORDER BY id")) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    assertThat(rows.getString(2)).isEqualTo("item " + id);
                    sum += id;
                }
            }
            return sum;
        };
    }

    private Path database() throws SQLException {
        Path file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("DELETE FROM item");
            s.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " + ROWS + ") "
                    + "INSERT INTO item SELECT x, 'item ' || x FROM n");
        }
        return file;
    }
}
