package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change in the error log keeps finalize from READY: a live update whose value does not fit its planned column is
 * named by finalize (NOT READY), by validate (whatever the sample) and by status; once the plan widens the column,
 * {@code run --replay-errors} lands it and finalize says READY; {@code --accept-errors} says READY and the report
 * records the accepted key. A finished one-shot migration replays its error log the same way.
 */
@ExtendWith(PipelineServices.class)
class ErrorLogReadinessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThread() {
        thread.shutdownNow();
    }

    private Path source() throws SQLException {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 1_000);
        sqlite(source, "CREATE TABLE item (id INTEGER PRIMARY KEY, code VARCHAR(20) NOT NULL, qty INTEGER)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                        + "INSERT INTO item SELECT i, 'c-' || i, i % 7 FROM n");
        return source;
    }

    private Future<Integer> run(Path source, PgTarget target, String kafka, boolean replayErrors) {
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + source), target, kafka,
                new WorkDir(dir.resolve("work")), false, 4, 2, 2, 2048, 64 << 20, replayErrors);
        return thread.submit(new MigrationRun(options, System.out)::execute);
    }

    @Test
    void shouldSayNotReadyForALoggedChangeUntilAReplayLandsItOrItIsAccepted(PipelineServices.Services services)
            throws Exception {
        Path source = source();
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        Future<Integer> first = run(source, target, services.kafka(), false);
        try (AppWriter writer = AppWriter.start(source, 100)) {
            awaitStreaming(work, first);
            sqlite(source, "UPDATE item SET code = '" + "x".repeat(40) + "' WHERE id = 4321");
            JsonNode status = awaitErrors(work, 1);
            assertThat(status.get("blockers").get(0).asText()).contains("--replay-errors").contains("--accept-errors");
        }
        LiveMigrationSupport.awaitCaughtUp(work, 60);
        assertThat(CommandOutput.run("status", "--work", work.toString()).out()).contains("NOT READY");

        CommandOutput validate = CommandOutput.run("validate", "--source", "sqlite:" + source, "--target",
                target.toString(), "--work", work.toString(), "--sample", "1");
        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(1);
        assertThat(validate.out()).contains("{\"id\":4321} code: source \"" + "x".repeat(40) + "\", target \"c-4321\"")
                .contains("1 change in").contains("did not reach PostgreSQL");

        CommandOutput notReady = CommandOutput.run("finalize", "--work", work.toString());
        assertThat(notReady.exitCode()).as(notReady.out()).isEqualTo(1);
        assertThat(notReady.out()).contains("NOT READY: 1 change in the error log did not reach PostgreSQL")
                .contains("item: 1 × transform, column code: ").contains("varchar(20) holds at most 20")
                .contains("keys: {\"id\":4321}").contains("`cutover run --replay-errors`")
                .contains("`cutover finalize --accept-errors`").doesNotContain("READY: PostgreSQL");
        stop(work, first, 1);

        widen(work.resolve("plan.json"), "item", "code", "varchar(64)");
        Future<Integer> second = run(source, target, services.kafka(), true);
        try (AppWriter writer = AppWriter.start(source, 100)) {
            awaitStreaming(work, second);
            awaitErrors(work, 0);
        }
        assertThat(lines(work.resolve("errors.jsonl"))).isEmpty();
        assertThat(lines(work.resolve("errors.replayed.jsonl"))).singleElement().asString().contains("\"id\":4321")
                .contains("\"replayed\"");
        assertThat(query(target, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + "'item'::regclass AND attname = 'code'")).isEqualTo("character varying(64)");
        assertThat(query(target, "SELECT code FROM item WHERE id = 4321")).isEqualTo("x".repeat(40));
        LiveMigrationSupport.awaitCaughtUp(work, 60);
        CommandOutput ready = CommandOutput.run("finalize", "--work", work.toString());
        assertThat(ready.exitCode()).as(ready.out()).isZero();
        assertThat(ready.out()).contains("READY: PostgreSQL has every change");

        sqlite(source, "UPDATE item SET code = '" + "y".repeat(80) + "' WHERE id = 17");
        awaitErrors(work, 1);
        CommandOutput accepted = CommandOutput.run("finalize", "--work", work.toString(), "--accept-errors");
        assertThat(accepted.exitCode()).as(accepted.out()).isZero();
        assertThat(accepted.out()).contains("accept: 1 change in the error log accepted")
                .contains("MATCHES, except 1 accepted row").contains("READY: PostgreSQL has every change")
                .contains("1 change in the error log was accepted instead");
        JsonNode report = JSON.readTree(latestReport(work).toFile());
        assertThat(report.get("verdict").asText()).isEqualTo("READY");
        assertThat(report.get("errorLog").get("acceptedEntries")).singleElement()
                .satisfies(e -> assertThat(e.get("key").toString()).isEqualTo("{\"id\":17}"))
                .satisfies(e -> assertThat(e.get("accepted").isTextual()).isTrue());
        CommandOutput again = CommandOutput.run("finalize", "--work", work.toString());
        assertThat(again.exitCode()).as("an accepted entry stays accepted: %s", again.out()).isZero();
        JsonNode status = LiveMigrationSupport.status(work);
        assertThat(status.get("errors").asLong()).isEqualTo(1);
        assertThat(status.get("acceptedErrors").asLong()).isEqualTo(1);
        assertThat(status.get("blockers")).isEmpty();

        sqlite(source, "UPDATE item SET code = '" + "z".repeat(80) + "' WHERE id = 18");
        awaitErrors(work, 2);
        sqlite(source, "UPDATE item SET code = 'fits now' WHERE id = 18");
        LiveMigrationSupport.awaitCaughtUp(work, 60);
        CommandOutput stale = CommandOutput.run("finalize", "--work", work.toString());
        assertThat(stale.exitCode()).as("a logged change blocks READY even once its row matches: %s", stale.out())
                .isEqualTo(1);
        assertThat(stale.out()).contains("MATCHES, except 1 accepted row")
                .contains("NOT READY: 1 change in the error log did not reach PostgreSQL").contains("{\"id\":18}")
                .doesNotContain("validation found differences");
        stop(work, second, 1);
    }

    @Test
    void shouldReplayTheErrorLogIntoAFinishedOneShotMigrationOnceThePlanIsFixed(PipelineServices.Services services)
            throws Exception {
        Path source = source();
        sqlite(source, "UPDATE item SET code = 'a longer code ' || id WHERE id % 1000 = 0");
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        String[] once = {"run", "--once", "--source", "sqlite:" + source, "--target", target.toString(), "--kafka",
                services.kafka(), "--work", work.toString()};
        assertThat(CommandOutput.run("plan", "--source", "sqlite:" + source, "--work", work.toString()).exitCode())
                .isZero();
        widen(work.resolve("plan.json"), "item", "code", "varchar(10)");

        CommandOutput failed = CommandOutput.run(once);
        assertThat(failed.exitCode()).as(failed.out()).isEqualTo(1);
        assertThat(lines(work.resolve("errors.jsonl"))).hasSize(5);

        CommandOutput nothingToDo = CommandOutput.run(once);
        assertThat(nothingToDo.exitCode()).as(nothingToDo.out()).isEqualTo(1);
        assertThat(nothingToDo.out()).contains("finished by `cutover run --once`").contains("--replay-errors");
        CommandOutput live = CommandOutput.run("run", "--source", "sqlite:" + source, "--target", target.toString(),
                "--kafka", services.kafka(), "--work", work.toString());
        assertThat(live.exitCode()).isEqualTo(2);
        assertThat(live.err()).contains("a live run would miss the changes made since");

        widen(work.resolve("plan.json"), "item", "code", "varchar(40)");
        sqlite(source, "UPDATE item SET qty = 99 WHERE id = 3001");
        CommandOutput replayed = CommandOutput.run(Stream.concat(Stream.of(once), Stream.of("--replay-errors"))
                .toArray(String[]::new));

        assertThat(replayed.exitCode()).as(replayed.out()).isZero();
        assertThat(replayed.out()).contains("column types changed: item.code character varying(10) → character "
                + "varying(40)").contains("replay: 5 changes from the error log sent again")
                .contains("replay: 5 of 5 keys landed");
        assertThat(lines(work.resolve("errors.jsonl"))).isEmpty();
        assertThat(lines(work.resolve("errors.replayed.jsonl"))).hasSize(5);
        assertThat(query(target, "SELECT string_agg(code, ',' ORDER BY id) FROM item WHERE id % 1000 = 0"))
                .isEqualTo("a longer code 1000,a longer code 2000,a longer code 3000,a longer code 4000,"
                        + "a longer code 5000");
        assertThat(query(target, "SELECT qty FROM item WHERE id = 3001"))
                .as("a change made after the one-shot run finished is not captured, only the replayed keys")
                .isEqualTo("5");
        assertThat(schemaObjects(source)).as("capture is removed again").noneMatch(name -> name.startsWith("_cutover"));
    }

    private static void awaitStreaming(Path work, Future<Integer> run) throws Exception {
        try {
            LiveMigrationSupport.awaitStreaming(work, 120);
        } catch (AssertionError e) {
            throw LiveMigrationSupport.withOutcome(e, run);
        }
    }

    /** Waits until the running migration's status counts this many changes in the error log; returns that status. */
    private static JsonNode awaitErrors(Path work, long errors) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode status = null;
        while (System.currentTimeMillis() < deadline) {
            status = LiveMigrationSupport.status(work);
            if (status.get("errors").asLong() == errors) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the error log never held " + errors + " changes; last status: " + status);
    }

    private static void stop(Path work, Future<Integer> run, int exitCode) throws Exception {
        CommandOutput stop = CommandOutput.run("stop", "--work", work.toString());
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(exitCode);
    }

    /** Edits plan.json as an operator would: one column's targetType. */
    private static void widen(Path plan, String table, String column, String type) throws IOException {
        JsonNode root = JSON.readTree(plan.toFile());
        for (JsonNode t : root.get("tables")) {
            if (t.get("source").asText().equals(table)) {
                for (JsonNode c : t.get("columns")) {
                    if (c.get("source").asText().equals(column)) {
                        ((ObjectNode) c).put("targetType", type);
                    }
                }
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(plan.toFile(), root);
    }

    private static Path latestReport(Path work) throws IOException {
        try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
            return reports.filter(p -> p.getFileName().toString().startsWith("finalize-"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static void sqlite(Path file, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> schemaObjects(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static String query(PgTarget target, String sql) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
