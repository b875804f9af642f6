package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cutover protocol from the operator's side, against a running {@code cutover run}: status from another terminal,
 * the backup taken before capture, finalize (constraints validated, an orphan reported by its key, sequences past the
 * maximum plus headroom), and {@code stop --remove-capture} leaving the source file as it was.
 */
@ExtendWith(PipelineServices.class)
class CutoverProtocolIT {
    @TempDir
    Path dir;

    private static List<String> schema(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }

    private static String journalMode(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void sqlite(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute(sql);
        }
    }

    @Test
    void shouldReportStatusFinalizeAndLeaveTheSourceAsItWas(PipelineServices.Services services) throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 2_000);
        sqlite(source, "INSERT INTO purchase (id, customer_id, status, total) VALUES (900000, 777777, 'new', 1)");
        List<String> schemaBefore = schema(source);
        String journalBefore = journalMode(source);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + source), target, services.kafka(),
                new WorkDir(work), false, 4, 2, 2, 2048, 64 << 20);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> running = thread.submit(new MigrationRun(options, System.out)::execute);

        try (AppWriter writer = AppWriter.start(source, 100)) {
            JsonNode status;
            try {
                status = LiveMigrationSupport.awaitStreaming(work, 120);
            } catch (AssertionError e) {
                throw LiveMigrationSupport.withOutcome(e, running);
            }
            assertThat(status.get("tables")).extracting(t -> t.get("name").asText())
                    .containsExactly("customer", "purchase", "line");
            assertThat(status.get("tables").get(0).get("percent").asLong()).isEqualTo(100);
            assertThat(status.get("errors").asLong()).isZero();
            CommandOutput human = CommandOutput.run("status", "--work", work.toString());
            assertThat(human.out()).contains("phase     ").contains("lag       ").contains("customer");
            Path backup = Path.of(status.get("backup").get("file").asText());
            assertThat(Backup.sha256(backup)).isEqualTo(status.get("backup").get("sha256").asText());
            assertThat(schema(backup)).as("the backup is the source before capture").isEqualTo(schemaBefore);
            assertThat(human.out()).contains("backup    " + backup);
            Thread.sleep(1500);
        }
        LiveMigrationSupport.awaitCaughtUp(work, 60);

        CommandOutput notReady = CommandOutput.run("finalize", "--work", work.toString(), "--headroom", "500");
        assertThat(notReady.exitCode()).as(notReady.out()).isEqualTo(1);
        assertThat(notReady.out()).contains("NOT READY").contains("purchase_customer_id_fkey")
                .contains("{\"id\":\"900000\"}");

        sqlite(source, "DELETE FROM purchase WHERE id = 900000");
        LiveMigrationSupport.awaitCaughtUp(work, 60);
        CommandOutput ready = CommandOutput.run("finalize", "--work", work.toString(), "--headroom", "500");
        assertThat(ready.exitCode()).as(ready.out()).isZero();
        assertThat(ready.out()).contains("READY").contains("DATABASE_URL");
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                    + "AND NOT convalidated")) {
                rs.next();
                assertThat(rs.getLong(1)).as("constraints left NOT VALID").isZero();
            }
            long max;
            try (ResultSet rs = s.executeQuery("SELECT max(id) FROM customer")) {
                rs.next();
                max = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("INSERT INTO customer (email, name) VALUES ('pg@example.com', 'first on "
                    + "PostgreSQL') RETURNING id")) {
                rs.next();
                assertThat(rs.getLong(1)).as("new ids start past the source's maximum plus headroom").isGreaterThan(max + 500);
            }
        }
        LiveMigrationSupport.assertEqualExcept(source, work, target, "customer");

        CommandOutput stop = CommandOutput.run("stop", "--remove-capture", "--work", work.toString());
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(running.get(60, TimeUnit.SECONDS)).isZero();
        thread.shutdown();
        assertThat(schema(source)).isEqualTo(schemaBefore);
        assertThat(journalMode(source)).isEqualToIgnoringCase(journalBefore);
    }
}
