package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.cli.runtime.EmbeddedKafka;
import dev.cutover.cli.runtime.EmbeddedPostgres;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Sources;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services around the pipeline restarting while the application writes. PostgreSQL going away: the pipeline
 * waits, says so in its status, and catches up when it is back. An external Kafka broker going away: the run stops
 * with exit code 3, and once the broker is back, running again converges.
 */
class RestartIT {
    @TempDir
    Path dir;

    private RunOptions options(Path source, dev.cutover.sink.PgTarget target, String kafka) {
        return new RunOptions(Sources.parse("sqlite:" + source), target, kafka, new WorkDir(dir.resolve("work")), false,
                4, 2, 2, 1000, 64 << 20);
    }

    @Test
    void shouldWaitForPostgresqlToComeBackAndLoseNothing() throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 5_000);
        Path pgDir = dir.resolve("pg");
        EmbeddedPostgres postgres = EmbeddedPostgres.start(pgDir);
        Path work = dir.resolve("work");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 64 << 20);
             AppWriter writer = AppWriter.start(source, 200)) {
            MigrationRun run = new MigrationRun(options(source, postgres.target(), kafka.bootstrapServers()), System.out);
            Future<Integer> running = thread.submit(run::execute);
            LiveMigrationSupport.awaitStreaming(work, 120);

            postgres.close();
            JsonNode waiting = awaitWaiting(work);
            assertThat(waiting.get("waiting").asText()).contains("PostgreSQL unavailable");
            Thread.sleep(3000);
            postgres = EmbeddedPostgres.start(pgDir);

            Thread.sleep(2000);
            writer.close();
            JsonNode status = LiveMigrationSupport.awaitCaughtUp(work, 120);
            assertThat(status.get("waiting").isNull()).isTrue();
            LiveMigrationSupport.assertEqual(source, work, postgres.target());
            run.requestStop();
            assertThat(running.get(60, TimeUnit.SECONDS)).isZero();
        } finally {
            thread.shutdownNow();
            postgres.close();
        }
    }

    private static JsonNode awaitWaiting(Path work) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode status = null;
        while (System.currentTimeMillis() < deadline) {
            status = LiveMigrationSupport.status(work);
            if (!status.get("waiting").isNull()) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("status never said the pipeline waits for PostgreSQL; last: " + status);
    }

    @Test
    void shouldConvergeWhenRunAgainAfterAnExternalKafkaBrokerRestarted() throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 5_000);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path kafkaDir = dir.resolve("kafka");
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, 64 << 20, port);
        Path work = dir.resolve("work");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("pg"));
             AppWriter writer = AppWriter.start(source, 200)) {
            RunOptions options = options(source, postgres.target(), kafka.bootstrapServers());
            Future<Integer> first = thread.submit(new MigrationRun(options, System.out)::execute);
            LiveMigrationSupport.awaitStreaming(work, 120);

            kafka.close();
            assertThatThrownBy(() -> first.get(180, TimeUnit.SECONDS)).as("the run stops when Kafka is gone")
                    .hasCauseInstanceOf(CutoverException.class)
                    .satisfies(e -> assertThat(((CutoverException) e.getCause()).code().exitCode()).isEqualTo(3));
            kafka = EmbeddedKafka.start(kafkaDir, 64 << 20, port);

            Future<Integer> second = thread.submit(new MigrationRun(options, System.out)::execute);
            LiveMigrationSupport.awaitStreaming(work, 120);
            Thread.sleep(2000);
            writer.close();
            LiveMigrationSupport.awaitCaughtUp(work, 120);
            LiveMigrationSupport.assertEqual(source, work, postgres.target());
            CommandOutput stop = CommandOutput.run("stop", "--work", work.toString());
            assertThat(stop.exitCode()).isZero();
            assertThat(second.get(60, TimeUnit.SECONDS)).isZero();
        } finally {
            thread.shutdownNow();
            kafka.close();
        }
    }
}
