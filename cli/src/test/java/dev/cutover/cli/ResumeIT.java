package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.TableComparator;
import dev.cutover.validator.TableDiff;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped in the middle of the snapshot resumes where it stopped: capture from its offsets in Kafka, the
 * transformer from its committed group offsets, the sink from the offsets stored with the rows in PostgreSQL.
 */
@ExtendWith(PipelineServices.class)
class ResumeIT {
    private static final int ROWS = 200_000;

    @Test
    void shouldResumeAStoppedSnapshotWithoutGapsOrDuplicates(PipelineServices.Services services, @TempDir Path dir)
            throws Exception {
        Path source = dir.resolve("big.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, amount REAL, at TEXT)");
            s.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " + ROWS + ") "
                    + "INSERT INTO event SELECT x, 'kind ' || (x % 17), x * 0.25, datetime(1600000000 + x, 'unixepoch') FROM n");
        }
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + source), target, services.kafka(),
                new WorkDir(work), true, 4, 2, 2, 1000, 64 << 20);

        MigrationRun first = new MigrationRun(options, System.out);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> running = thread.submit(first::execute);
        long partial = awaitRows(target, 20_000);
        first.requestStop();
        assertThat(running.get(120, TimeUnit.SECONDS)).isZero();
        long afterStop = count(target);
        thread.shutdown();

        int exit = new MigrationRun(options, System.out).execute();

        assertThat(partial).isGreaterThanOrEqualTo(20_000);
        assertThat(afterStop).isLessThan(ROWS);
        assertThat(exit).isZero();
        Plan plan = PlanJson.read(work.resolve("plan.json"));
        TableDiff diff;
        try (ReadBack sqlite = Sources.parse("sqlite:" + source).readBack(false); Connection postgres = target.connect()) {
            diff = new TableComparator(plan.targetSchema(), plan.tables().get(0)).compare(sqlite, postgres);
        }
        assertThat(diff.equal()).as("differences: %s", diff).isTrue();
        assertThat(diff.targetRows()).isEqualTo(ROWS);
    }

    private static long awaitRows(PgTarget target, long atLeast) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            long rows = count(target);
            if (rows >= atLeast) {
                return rows;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the load did not reach " + atLeast + " rows in 2 minutes");
    }

    private static long count(PgTarget target) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('public.event') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM public.event")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
