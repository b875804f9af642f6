package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture switches a rollback-journal source to WAL mode while the application goes on committing. SQLite fails that
 * switch at once with SQLITE_BUSY when it meets a commit in flight (it does not wait through the busy timeout), about
 * once in 20 tries at a few hundred commits a second; the switch must get through anyway, and the application's
 * writes must never fail.
 */
class SqliteSourceWalSwitchTest {
    private static final int ROUNDS = 100;

    @TempDir
    Path dir;

    @Test
    void shouldSwitchToWalWhileTheApplicationCommits() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Path file = dir.resolve("app-" + round + ".db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
                s.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) "
                        + "INSERT INTO item SELECT x, 'item ' || x FROM n");
            }
            try (Writer writer = new Writer(file)) {
                writer.awaitCommits(5);
                String before = new SqliteSource(file).ensureWal();
                writer.awaitCommits(writer.commits() + 5);

                assertThat(before).as("round %d", round).isEqualToIgnoringCase("delete");
                assertThat(journalMode(file)).as("round %d", round).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void shouldNameTheLockWhenTheSourceStaysLocked() throws Exception {
        Path file = dir.resolve("locked.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = holder.createStatement()) {
            s.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO item VALUES (1, 'held')");

            assertThatThrownBy(() -> new SqliteSource(file).ensureWal())
                    .isInstanceOf(CutoverException.class)
                    .hasMessageContaining("stayed locked for 10 s")
                    .hasMessageContaining("exclusive lock")
                    .satisfies(e -> assertThat(((CutoverException) e).code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE));
            s.execute("ROLLBACK");
        }
        assertThat(journalMode(file)).isEqualToIgnoringCase("delete");
    }

    private static String journalMode(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** An application committing small write transactions back to back; closing it fails if any commit failed. */
    private static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong commits = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        Writer(Path file) {
            thread = new Thread(() -> {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 10000");
                    c.setAutoCommit(false);
                    for (long i = 0; running.get(); i++) {
                        s.executeUpdate("UPDATE item SET name = 'renamed " + i + "' WHERE id = " + (1 + i % 2000));
                        s.executeUpdate("INSERT INTO item (name) VALUES ('new " + i + "')");
                        c.commit();
                        commits.incrementAndGet();
                        Thread.sleep(0, 500_000);
                    }
                } catch (SQLException | InterruptedException | RuntimeException e) {
                    failure.set(e);
                }
            }, "app-writer");
            thread.start();
        }

        long commits() {
            return commits.get();
        }

        void awaitCommits(long atLeast) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (commits.get() < atLeast && failure.get() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(1);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            assertThat(failure.get()).as("the application's writes").isNull();
        }
    }
}
