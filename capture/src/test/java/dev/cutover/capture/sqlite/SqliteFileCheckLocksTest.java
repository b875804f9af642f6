package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checking a file this process has open in SQLite keeps SQLite's locks: were they dropped, another process closing
 * its last connection would take itself for the last one and delete the WAL under this process's connections.
 */
class SqliteFileCheckLocksTest {
    private static final Path LOCKS = Path.of("/proc/locks");

    @TempDir
    Path dir;

    @Test
    void shouldKeepThisProcesssSqliteLocksWhenCheckingTheFile() throws Exception {
        assumeTrue(Files.isReadable(LOCKS), "needs Linux's /proc/locks to see POSIX locks");
        Path file = dir.resolve("app.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
            }
            long before = locksOn(file);
            assertThat(before).as("a WAL connection holds a shared lock on its file").isPositive();

            SqliteFileCheck.file(file);
            SqliteFileCheck.file(file);

            assertThat(locksOn(file)).isEqualTo(before);
        }
    }

    /** POSIX locks this process holds on the file, as the kernel lists them. */
    private static long locksOn(Path file) throws Exception {
        Object inode = Files.getAttribute(file, "unix:ino");
        String pid = Long.toString(ProcessHandle.current().pid());
        return Files.readAllLines(LOCKS).stream()
                .map(line -> line.trim().split("\\s+"))
                .filter(f -> f.length > 5 && f[1].equals("POSIX") && f[4].equals(pid) && f[5].endsWith(":" + inode))
                .count();
    }
}
