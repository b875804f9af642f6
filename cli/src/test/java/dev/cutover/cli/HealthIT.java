package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.cli.runtime.EmbeddedPostgres;
import dev.cutover.schemas.source.Sources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /health} and {@code cutover health} on a live SQLite run whose PostgreSQL (a server of this test's own, so
 * stopping it touches no other test) is stopped and started again while the application writes.
 */
@ExtendWith(PipelineServices.class)
class HealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void shouldReportDegradedWhilePostgresIsDownAndHealthyWhenItIsBack(PipelineServices.Services services)
            throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 500);
        Path work = dir.resolve("work");
        EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres"));
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + source), postgres.target(), services.kafka(),
                new WorkDir(work), false, 2, 1, 1, 2048, 64 << 20);
        MigrationRun run = new MigrationRun(options, System.out);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> running = thread.submit(run::execute);
        try (AppWriter writer = AppWriter.start(source, 50)) {
            try {
                LiveMigrationSupport.awaitStreaming(work, 120);
            } catch (AssertionError e) {
                throw LiveMigrationSupport.withOutcome(e, running);
            }
            JsonNode healthy = awaitHealth(work, 200, 60);
            assertThat(healthy.at("/postgresql/version").asText()).isEqualTo(serverVersion(postgres));
            assertThat(healthy.at("/postgresql/pool/total").asInt()).isBetween(1, 2);
            assertThat(healthy.at("/postgresql/pool/waiting").asInt()).isZero();
            assertThat(healthy.at("/kafka/brokers").asInt()).isEqualTo(1);
            assertThat(healthy.at("/kafka/clusterId").asText()).isNotBlank();
            assertThat(healthy.at("/source/details/journalMode").asText()).isEqualToIgnoringCase("wal");
            assertThat(healthy.at("/source/details/changeLogEntries").isNumber()).isTrue();
            assertThat(healthy.at("/stages/sink/state").asText()).isEqualTo("running");
            CommandOutput healthyCommand = CommandOutput.run("health", "--work", work.toString());
            assertThat(healthyCommand.exitCode()).as(healthyCommand.err()).isEqualTo(HealthCommand.HEALTHY);
            assertThat(healthyCommand.out()).startsWith("HEALTHY").contains("PostgreSQL " + serverVersion(postgres));

            postgres.close();
            JsonNode degraded = awaitHealth(work, 503, 60);
            assertThat(degraded.get("status").asText()).isEqualTo("degraded");
            assertThat(degraded.get("problems").toString()).contains("PostgreSQL is unreachable");
            assertThat(degraded.at("/postgresql/reachable").asBoolean()).isFalse();
            CommandOutput degradedCommand = CommandOutput.run("health", "--work", work.toString());
            assertThat(degradedCommand.exitCode()).isEqualTo(HealthCommand.DEGRADED);
            assertThat(degradedCommand.out()).startsWith("DEGRADED").contains("PostgreSQL is unreachable");

            postgres = EmbeddedPostgres.start(dir.resolve("postgres"));
            awaitHealth(work, 200, 120);
        } finally {
            run.requestStop();
            running.get(120, TimeUnit.SECONDS);
            thread.shutdown();
            postgres.close();
        }
        CommandOutput unreachable = CommandOutput.run("health", "--work", work.toString());
        assertThat(unreachable.exitCode()).isEqualTo(HealthCommand.UNREACHABLE);
        assertThat(unreachable.err()).contains("no `cutover run` is active");
    }

    /** Polls /health, without the token, until it answers with {@code code}; returns that answer. */
    private JsonNode awaitHealth(Path work, int code, long seconds) throws Exception {
        RunInfo info = RunInfo.active(new WorkDir(work)).orElseThrow();
        long deadline = System.currentTimeMillis() + seconds * 1000;
        HttpResponse<String> response;
        do {
            response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == code) {
                return JSON.readTree(response.body());
            }
            Thread.sleep(500);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("/health never answered " + code + " within " + seconds + " s; last: HTTP "
                + response.statusCode() + " " + response.body());
    }

    private static String serverVersion(EmbeddedPostgres postgres) throws Exception {
        try (Connection c = postgres.target().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
