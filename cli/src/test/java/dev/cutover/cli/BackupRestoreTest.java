package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cutover backup} and {@code cutover restore} on real SQLite files: a backup taken while applications write is
 * a sound database equal to the source as of one moment; restore verifies the checksum and refuses a target that is in
 * use or changed since the backup, unless forced.
 */
class BackupRestoreTest {
    private static final int ACCOUNTS = 100;
    private static final long OPENING_BALANCE = 1_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"wal", "delete"})
    void shouldCopyTheSourceAsOfOneMomentWhileTheApplicationWrites(String journalMode) throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 100_000);
        createLedger(source, journalMode);
        CommandOutput backup;
        try (LedgerWriter ledger = LedgerWriter.start(source)) {
            ledger.awaitTransfers(50);
            backup = CommandOutput.run("backup", "--source", "sqlite:" + source, "--work", dir.resolve("work").toString());
            ledger.awaitTransfers(ledger.transfers() + 50);
        }

        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Backup taken = onlyBackup();
        assertThat(Backup.sha256(taken.path())).isEqualTo(taken.sha256());
        assertThat(Files.size(taken.path())).isEqualTo(taken.bytes());
        assertThat(query(taken.path(), "PRAGMA integrity_check")).containsExactly("ok");
        assertThat(query(taken.path(), "PRAGMA foreign_key_check")).isEmpty();
        assertThat(query(taken.path(), "PRAGMA journal_mode")).containsExactly(journalMode);
        long moment = single(taken.path(), "SELECT count(*) FROM transfer");
        assertThat(single(taken.path(), "SELECT coalesce(max(seq), 0) FROM transfer")).isEqualTo(moment);
        assertThat(moment).isGreaterThanOrEqualTo(50).isLessThan(single(source, "SELECT count(*) FROM transfer"));
        assertThat(balances(taken.path())).isEqualTo(balancesAt(source, moment));
    }

    @Test
    void shouldRestoreABackupOverAnUnchangedFileAndBesideIt() throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 1_000);
        Backup taken = backUp(source);
        Path beside = dir.resolve("restored.db");

        CommandOutput over = restore(taken, source);
        CommandOutput besideIt = restore(taken, beside);

        assertThat(over.exitCode()).as(over.err()).isZero();
        assertThat(over.out()).contains("checksum verified");
        assertThat(besideIt.exitCode()).as(besideIt.err()).isZero();
        assertThat(dump(beside)).isEqualTo(dump(source)).isEqualTo(dump(taken.path()));
    }

    @Test
    void shouldRefuseATargetChangedAfterTheBackupUnlessForced() throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 1_000);
        Backup taken = backUp(source);
        execute(source, "DELETE FROM customer WHERE id > 500");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(1)));

        CommandOutput refused = restore(taken, source);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("refusing to restore over " + source, "after the backup's moment", "--force");
        assertThat(single(source, "SELECT count(*) FROM customer")).isEqualTo(500);

        CommandOutput forced = restore(taken, source, "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(single(source, "SELECT count(*) FROM customer")).isEqualTo(1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wal:idle", "wal:reading", "delete:reading", "delete:idle"})
    void shouldRefuseATargetAnotherProcessUses(String modeAndUse) throws Exception {
        String[] parts = modeAndUse.split(":");
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 1_000);
        execute(source, "PRAGMA journal_mode=" + parts[0]);
        Backup taken = backUp(source);

        CommandOutput refused;
        try (DatabaseHolder holder = DatabaseHolder.hold(source, parts[1])) {
            refused = restore(taken, source);
        }
        CommandOutput afterwards = restore(taken, source);

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("refusing to restore over " + source, "stop the application", "--force");
        assertThat(afterwards.exitCode()).as(afterwards.err()).isZero();
        assertThat(query(source, "PRAGMA journal_mode")).as("the restored file's mode").containsExactly(parts[0]);
    }

    @Test
    void shouldRefuseABackupWhoseChecksumDoesNotMatch() throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 1_000);
        Backup taken = backUp(source);
        byte[] bytes = Files.readAllBytes(taken.path());
        bytes[bytes.length / 2] ^= 1;
        Files.write(taken.path(), bytes);
        Path target = dir.resolve("restored.db");

        CommandOutput refused = restore(taken, target, "--force");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("is damaged or was changed", taken.sha256());
        assertThat(target).doesNotExist();
    }

    @Test
    void shouldRefuseACopyWithoutItsManifest() throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 10);
        Backup taken = backUp(source);
        Files.delete(Path.of(taken.file() + ".json"));

        CommandOutput refused = restore(taken, dir.resolve("restored.db"));

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("has no manifest");
    }

    @Test
    void shouldRefuseToBackUpASourceThatIsNotOneFile() throws Exception {
        Path documents = Files.createDirectory(dir.resolve("documents"));

        CommandOutput refused = CommandOutput.run("backup", "--source", "jsondir:" + documents, "--work",
                dir.resolve("work").toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--source jsondir:", "is not a file", "SQLite");
        assertThat(dir.resolve("work").resolve("backups")).doesNotExist();
    }

    private Backup backUp(Path source) {
        CommandOutput out = CommandOutput.run("backup", "--source", "sqlite:" + source, "--work",
                dir.resolve("work").toString());
        assertThat(out.exitCode()).as(out.err()).isZero();
        return onlyBackup();
    }

    private static CommandOutput restore(Backup backup, Path to, String... more) {
        List<String> args = new ArrayList<>(List.of("restore", "--backup", backup.file(), "--to", to.toString()));
        args.addAll(List.of(more));
        return CommandOutput.run(args.toArray(String[]::new));
    }

    private Backup onlyBackup() throws RuntimeException {
        try (Stream<Path> files = Files.list(dir.resolve("work").resolve("backups"))) {
            List<Path> copies = files.filter(f -> !f.toString().endsWith(".json")).toList();
            assertThat(copies).hasSize(1);
            return Backup.read(copies.get(0));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Accounts whose balances always add up to the same sum, and the transfers between them, numbered. */
    private static void createLedger(Path file, String journalMode) throws SQLException {
        execute(file, "PRAGMA journal_mode=" + journalMode);
        execute(file, "CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
        execute(file, "CREATE TABLE transfer (seq INTEGER PRIMARY KEY, source INTEGER NOT NULL, "
                + "destination INTEGER NOT NULL, amount INTEGER NOT NULL)");
        execute(file, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " + ACCOUNTS + ") "
                + "INSERT INTO account SELECT x, " + OPENING_BALANCE + " FROM n");
    }

    private static Map<Long, Long> balances(Path file) throws SQLException {
        Map<Long, Long> balances = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, balance FROM account")) {
            while (rs.next()) {
                balances.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return balances;
    }

    /** The balances as they were after transfer {@code seq}: today's, with every later transfer undone. */
    private static Map<Long, Long> balancesAt(Path file, long seq) throws SQLException {
        Map<Long, Long> balances = balances(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement later = c.prepareStatement("SELECT source, destination, amount FROM transfer WHERE seq > ?")) {
            later.setLong(1, seq);
            try (ResultSet rs = later.executeQuery()) {
                while (rs.next()) {
                    balances.merge(rs.getLong(1), rs.getLong(3), Long::sum);
                    balances.merge(rs.getLong(2), -rs.getLong(3), Long::sum);
                }
            }
        }
        return balances;
    }

    private static String dump(Path file) throws SQLException {
        StringBuilder dump = new StringBuilder();
        for (String table : List.of("customer", "purchase", "line")) {
            dump.append(query(file, "SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return dump.toString();
    }

    /** Each row {@code sql} returns from the SQLite file, its columns joined by {@code |}. */
    static List<String> query(Path file, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static long single(Path file, String sql) throws SQLException {
        return Long.parseLong(query(file, sql).get(0));
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Moves money between accounts, one numbered transfer per transaction, pausing a moment after each commit (a writer
     * that never lets go starves the other connections' busy handlers in rollback-journal mode).
     */
    private static final class LedgerWriter implements AutoCloseable {
        private final Connection connection;
        private final Thread thread = new Thread(this::run, "ledger-writer");
        private final Random random = new Random(7);
        private volatile long transfers;
        private volatile boolean running = true;
        private volatile Throwable failure;

        private LedgerWriter(Connection connection) {
            this.connection = connection;
        }

        static LedgerWriter start(Path file) throws SQLException {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            LedgerWriter writer = new LedgerWriter(connection);
            writer.thread.start();
            return writer;
        }

        long transfers() {
            return transfers;
        }

        void awaitTransfers(long atLeast) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (transfers < atLeast && failure == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertThat(transfers).as("transfers (failure: %s)", failure).isGreaterThanOrEqualTo(atLeast);
        }

        private void run() {
            try (PreparedStatement log = connection.prepareStatement("INSERT INTO transfer VALUES (?, ?, ?, ?)");
                 PreparedStatement move = connection.prepareStatement(
                         "UPDATE account SET balance = balance + ? WHERE id = ?")) {
                connection.setAutoCommit(false);
                for (long seq = 1; running; seq++) {
                    long from = 1 + random.nextInt(ACCOUNTS);
                    long to = 1 + random.nextInt(ACCOUNTS);
                    long amount = 1 + random.nextInt(50);
                    bind(log, seq, from, to, amount).executeUpdate();
                    bind(move, -amount, from).executeUpdate();
                    bind(move, amount, to).executeUpdate();
                    connection.commit();
                    transfers = seq;
                    Thread.sleep(2);
                }
            } catch (SQLException | InterruptedException | RuntimeException e) {
                failure = e;
            }
        }

        private static PreparedStatement bind(PreparedStatement statement, long... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                statement.setLong(i + 1, values[i]);
            }
            return statement;
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(30_000);
            connection.close();
            if (failure != null) {
                throw new AssertionError("the ledger's writes failed", failure);
            }
        }
    }
}
