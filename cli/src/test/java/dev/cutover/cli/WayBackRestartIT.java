package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sink.PgTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way back survives a kill -9 of the process that streams it and a restart of PostgreSQL (the embedded one: the
 * next run stops the server the killed one left running and starts it again) while the application keeps writing to
 * PostgreSQL: after rollback SQLite equals PostgreSQL, nothing lost, and every row changed exactly as the application
 * changed it.
 */
@ExtendWith(PipelineServices.class)
class WayBackRestartIT {
    private static final int WRITES = 300;

    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingAcrossAKillAndAPostgresRestart(PipelineServices.Services services) throws Exception {
        Path source = twentyItems();
        Path work = dir.resolve("work");
        String[] run = run(source, work, services);
        AtomicInteger written = new AtomicInteger();
        ExecutorService app = Executors.newSingleThreadExecutor();
        try (CutoverProcess first = CutoverProcess.start(dir.resolve("run1.log"), run)) {
            LiveMigrationSupport.awaitStreaming(work, 180);
            LiveMigrationSupport.awaitCaughtUp(work, 60);
            CommandOutput finalized = CommandOutput.run("finalize", "--with-way-back", "--work", work.toString());
            assertThat(finalized.exitCode()).as(finalized.out() + finalized.err() + first.output()).isZero();
            PgTarget target = LiveMigrationSupport.embeddedTarget(work);
            lateSqliteWrite(source, target);
            Future<?> writes = app.submit(() -> writeToPostgres(target, written));
            awaitWritten(written, WRITES / 3);
            first.kill();
            Thread.sleep(1000);
            try (CutoverProcess second = CutoverProcess.start(dir.resolve("run2.log"), run)) {
                second.awaitOutput("way back: streaming PostgreSQL's changes", 180);
                assertThat(second.output()).as("PostgreSQL restarted").contains("stopping the embedded PostgreSQL");
                writes.get(180, TimeUnit.SECONDS);
                LiveMigrationSupport.awaitStreaming(work, 120);
                CommandOutput rollback = CommandOutput.run("rollback", "--work", work.toString());
                assertThat(rollback.exitCode()).as(rollback.out() + rollback.err() + second.output()).isZero();
                assertThat(rollback.out()).contains("READY TO SWITCH BACK");
                assertThat(second.awaitExit(120)).isZero();
            }
        } finally {
            app.shutdownNow();
        }
        assertThat(SampleDatabases.text(source, "SELECT count(*) FROM item")).isEqualTo(Integer.toString(21 + WRITES));
        assertThat(SampleDatabases.text(source,
                "SELECT count(*) FROM item WHERE id > 1000 AND updates = 1 AND name = 'updated'"))
                .isEqualTo(Integer.toString(WRITES));
    }

    /**
     * A run killed on an idle source after the switch: what the application wrote to PostgreSQL while no cutover ran
     * stays, and reaches SQLite. The restarted run must resume capture after its snapshot; reading the snapshot again
     * would send SQLite's older rows over the application's newer ones in PostgreSQL.
     */
    @Test
    void shouldKeepWhatTheApplicationWroteToPostgresWhileTheRunWasDown(PipelineServices.Services services)
            throws Exception {
        Path source = twentyItems();
        Path work = dir.resolve("work");
        String[] run = run(source, work, services);
        PgTarget target;
        try (CutoverProcess first = CutoverProcess.start(dir.resolve("run1.log"), run)) {
            LiveMigrationSupport.awaitStreaming(work, 180);
            LiveMigrationSupport.awaitCaughtUp(work, 60);
            CommandOutput finalized = CommandOutput.run("finalize", "--with-way-back", "--work", work.toString());
            assertThat(finalized.exitCode()).as(finalized.out() + finalized.err() + first.output()).isZero();
            assertThat(finalized.out()).contains("way back: slot");
            target = LiveMigrationSupport.embeddedTarget(work);
            first.kill();
        }
        retrying(target, "UPDATE item SET name = 'written while down', updates = 1 WHERE id = 5");
        retrying(target, "DELETE FROM item WHERE id = 6");
        try (CutoverProcess second = CutoverProcess.start(dir.resolve("run2.log"), run)) {
            second.awaitOutput("way back: streaming PostgreSQL's changes", 180);
            LiveMigrationSupport.awaitCaughtUp(work, 120);
            CommandOutput rollback = CommandOutput.run("rollback", "--work", work.toString());
            assertThat(rollback.exitCode()).as(rollback.out() + rollback.err() + second.output()).isZero();
            assertThat(rollback.out()).contains("READY TO SWITCH BACK");
            assertThat(second.awaitExit(120)).isZero();
        }
        assertThat(SampleDatabases.text(source, "SELECT count(*) FROM item WHERE id = 5 AND name = 'written while down'"))
                .isEqualTo("1");
        assertThat(SampleDatabases.text(source, "SELECT count(*) FROM item")).isEqualTo("19");
    }

    private Path twentyItems() {
        return SampleDatabases.create(dir.resolve("app.db"),
                "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, updates INTEGER NOT NULL)",
                "WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < 20) "
                        + "INSERT INTO item SELECT v, 'item ' || v, 0 FROM s");
    }

    private static String[] run(Path source, Path work, PipelineServices.Services services) {
        return new String[] {"run", "--source", "sqlite:" + source, "--work", work.toString(), "--kafka",
            services.kafka()};
    }

    /** An instance not yet switched writes to SQLite: the forward direction still streams after the switch. */
    private static void lateSqliteWrite(Path source, PgTarget target) throws Exception {
        SampleDatabases.execute(source, "INSERT INTO item VALUES (900, 'late', 0)");
        LiveMigrationSupport.awaitRows(target, "item", 21, 60);
    }

    /**
     * The application: inserts each row, then updates it, retrying while PostgreSQL restarts (each statement is
     * idempotent, so a retry after a commit whose answer was lost changes nothing).
     */
    private static Void writeToPostgres(PgTarget target, AtomicInteger written) throws InterruptedException {
        for (int i = 1; i <= WRITES; i++) {
            String insert = "INSERT INTO item VALUES (" + (1000 + i) + ", 'new', 0) ON CONFLICT DO NOTHING";
            String update = "UPDATE item SET name = 'updated', updates = 1 WHERE id = " + (1000 + i);
            retrying(target, insert);
            retrying(target, update);
            written.incrementAndGet();
        }
        return null;
    }

    private static void retrying(PgTarget target, String sql) throws InterruptedException {
        while (true) {
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                s.execute(sql);
                return;
            } catch (SQLException | RuntimeException e) {
                Thread.sleep(200);
            }
        }
    }

    private static void awaitWritten(AtomicInteger written, int atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (written.get() < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(written.get()).isGreaterThanOrEqualTo(atLeast);
    }
}
