package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.capture.sqlite.SqliteSource;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.TableComparator;
import dev.cutover.validator.TableDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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
        long deadline = System.currentTimeMillis() + seconds * 1000;
        JsonNode status = null;
        while (System.currentTimeMillis() < deadline) {
            if (RunInfo.active(new WorkDir(work)).isPresent()) {
                status = status(work);
                if (status.get("phase").asText().equals("caught up")) {
                    return status;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the migration did not catch up within " + seconds + " s; last status: " + status);
    }

    /** Waits until the running migration has loaded its snapshot (phase streaming or caught up); returns that status. */
    static JsonNode awaitStreaming(Path work, long seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        JsonNode status = null;
        while (System.currentTimeMillis() < deadline) {
            if (RunInfo.active(new WorkDir(work)).isPresent()) {
                status = status(work);
                if (!status.get("phase").asText().equals("snapshot")) {
                    return status;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the snapshot did not load within " + seconds + " s; last status: " + status);
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
        try (Connection sqlite = new SqliteSource(source).open(true); Connection postgres = target.connect()) {
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
