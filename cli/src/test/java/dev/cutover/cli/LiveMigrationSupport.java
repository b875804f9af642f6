package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.TableComparator;
import dev.cutover.validator.TableDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** What the live-migration tests share: reading a running migration's status, waiting, comparing. */
final class LiveMigrationSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveMigrationSupport() {
    }

    static JsonNode status(Path work) throws Exception {
        CommandOutput result = CommandOutput.run("status", "--json", "--work", work.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    /** Waits until the running migration reports phase "caught up" (lag 0); returns that status. */
    static JsonNode awaitCaughtUp(Path work, long seconds) throws Exception {
        return awaitPhase(work, seconds, "caught up"::equals, "catch up");
    }

    /** Waits until the running migration has loaded its snapshot (phase streaming or caught up); returns that status. */
    static JsonNode awaitStreaming(Path work, long seconds) throws Exception {
        return awaitPhase(work, seconds, phase -> !phase.equals("snapshot"), "load its snapshot");
    }

    /**
     * Polls the run's status until its phase passes {@code reached}. Fails at once when the run ends first, and on
     * timeout; either failure names the last status and where the run's threads are, on one line, so that a CI log
     * that keeps only the test summary still says why.
     */
    private static JsonNode awaitPhase(Path work, long seconds, Predicate<String> reached,
                                       String what) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        JsonNode status = null;
        boolean seen = false;
        while (System.currentTimeMillis() < deadline) {
            if (RunInfo.active(new WorkDir(work)).isPresent()) {
                seen = true;
                status = status(work);
                if (reached.test(status.get("phase").asText())) {
                    return status;
                }
            } else if (seen) {
                throw new AssertionError("the run ended before it did " + what + "; last status: " + status);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the migration did not " + what + " within " + seconds + " s; last status: " + status
                + "; threads: " + runThreads());
    }

    /** Waits until the run has opened its HTTP server (run.json written); fails when the run ends first. */
    static RunInfo awaitServer(Path work, Future<Integer> run) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && !run.isDone()) {
            var info = RunInfo.active(new WorkDir(work));
            if (info.isPresent()) {
                return info.get();
            }
            Thread.sleep(50);
        }
        throw withOutcome(new AssertionError("the run never opened its HTTP server"), run);
    }

    /** {@code failure} with how an in-process run ended, when it has (its exception says why the wait failed). */
    static AssertionError withOutcome(AssertionError failure, Future<Integer> run) {
        if (!run.isDone()) {
            return failure;
        }
        String outcome;
        try {
            outcome = "exit code " + run.get();
        } catch (ExecutionException e) {
            outcome = e.getCause().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        return new AssertionError(failure.getMessage() + "; the run ended with " + outcome, failure);
    }

    /** The stacks of this JVM's cutover, Debezium and Kafka client threads, top frames only, on one line. */
    static String runThreads() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            String name = thread.getKey().getName();
            if (!(name.startsWith("cutover") || name.startsWith("app-writer") || name.contains("debezium")
                    || name.contains("engine") || name.contains("producer") || name.contains("KafkaBasedLog"))) {
                continue;
            }
            out.append(" | ").append(name).append(' ').append(thread.getKey().getState()).append(':');
            StackTraceElement[] frames = thread.getValue();
            for (int i = 0; i < Math.min(10, frames.length); i++) {
                out.append(" < ").append(frames[i].getClassName().replaceAll(".*\\.", "")).append('.')
                        .append(frames[i].getMethodName()).append(':').append(frames[i].getLineNumber());
            }
        }
        return out.toString();
    }

    /** The embedded PostgreSQL of a work directory (running while its cutover runs). */
    static PgTarget embeddedTarget(Path work) throws Exception {
        int port = Integer.parseInt(Files.readString(work.resolve("postgres").resolve("port")).trim());
        return PgTarget.of("localhost", port, "postgres", "postgres", null);
    }

    static long count(PgTarget target, String table) {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM public." + table)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException | RuntimeException e) {
            return -1;
        }
    }

    static void awaitRows(PgTarget target, String table, long atLeast, long seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (count(target, table) < atLeast) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(table + " never reached " + atLeast + " rows");
            }
            Thread.sleep(50);
        }
    }

    /** Every planned table equal row by row and column by column between the SQLite file and PostgreSQL. */
    static void assertEqual(Path source, Path work, PgTarget target) throws Exception {
        assertEqualExcept(source, work, target, null);
    }

    /** As {@link #assertEqual}, skipping one table (e.g. one written to directly in PostgreSQL after the switch). */
    static void assertEqualExcept(Path source, Path work, PgTarget target, String skipped) throws Exception {
        Plan plan = PlanJson.read(work.resolve("plan.json"));
        try (ReadBack sqlite = Sources.parse("sqlite:" + source).readBack(false); Connection postgres = target.connect()) {
            for (TablePlan table : plan.tables()) {
                if (table.target().equals(skipped)) {
                    continue;
                }
                TableDiff diff = new TableComparator(plan.targetSchema(), table).compare(sqlite, postgres);
                assertThat(diff.missing()).as("rows missing from %s", table.target()).isEmpty();
                assertThat(diff.extra()).as("extra rows in %s", table.target()).isEmpty();
                assertThat(diff.different()).as("different values in %s", table.target()).isEmpty();
            }
        }
    }
}
