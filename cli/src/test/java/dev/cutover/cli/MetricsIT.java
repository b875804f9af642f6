package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a live SQLite run, scraped while the snapshot loads and once it is in: the text parses as
 * Prometheus text, the run's counters equal what {@code status} and PostgreSQL say, and the HikariCP, Kafka client and
 * JVM binders are there. Without the token the endpoint answers 401. A live change PostgreSQL takes over 1 s for is
 * warned about and timed. The scrape is kept in
 * {@code target/metrics-sample.txt} for review.
 */
@ExtendWith(PipelineServices.class)
class MetricsIT {
    private static final String[] TABLES = {"customer", "purchase", "line"};
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void shouldServeTheRunsCountersAsPrometheusText(PipelineServices.Services services) throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 3_000);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + source), target, services.kafka(),
                new WorkDir(work), false, 2, 1, 1, 512, 64 << 20);
        ListAppender<ILoggingEvent> sinkLog = new ListAppender<>();
        sinkLog.start();
        Logger sinkWorker = (Logger) LoggerFactory.getLogger("dev.cutover.sink.SinkWorker");
        sinkWorker.addAppender(sinkLog);
        MigrationRun run = new MigrationRun(options, System.out);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> running = thread.submit(run::execute);
        try {
            RunInfo info = LiveMigrationSupport.awaitServer(work, running);
            Map<String, PrometheusText.Family> during = PrometheusText.parse(scrape(info, true).body());
            for (String table : TABLES) {
                double ratio = during.get("cutover_snapshot_progress_ratio").sample("", Map.of("table", table)).value();
                assertThat(ratio).isBetween(0.0, 1.0);
            }
            assertThat(scrape(info, false).statusCode()).isEqualTo(401);

            JsonNode status = LiveMigrationSupport.awaitCaughtUp(work, 120);
            HttpResponse<String> after = scrapeOnceLagIsZero(info);
            assertThat(after.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(after.body()).doesNotContain(info.token());
            Files.writeString(Path.of("target", "metrics-sample.txt"), after.body());
            Map<String, PrometheusText.Family> metrics = PrometheusText.parse(after.body());
            assertCountersEqualTheRun(metrics, status, target);
            assertThat(metrics.get("cutover_lag_events").samples().get(0).value()).isZero();
            assertThat(metrics.get("cutover_change_latency_seconds").type()).isEqualTo("histogram");
            assertThat(metrics.get("cutover_sink_statements_seconds").sample("_count", Map.of()).value()).isPositive();
            assertThat(metrics.get("hikaricp_connections").sample("", Map.of("pool", "cutover-sink")).value())
                    .isPositive();
            assertThat(metrics.keySet()).anyMatch(name -> name.startsWith("kafka_"));
            assertThat(metrics).containsKeys("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total");

            assertSlowTransactionIsWarnedAndTimed(source, target, info, sinkLog);
        } finally {
            sinkWorker.detachAppender(sinkLog);
            run.requestStop();
            running.get(120, TimeUnit.SECONDS);
            thread.shutdown();
        }
    }

    /**
     * A live change whose PostgreSQL transaction takes over 1 s (a trigger that sleeps): the sink warns, naming the
     * statements' time, and the statements histogram's maximum holds it.
     */
    private void assertSlowTransactionIsWarnedAndTimed(Path source, PgTarget target, RunInfo info,
                                                       ListAppender<ILoggingEvent> sinkLog) throws Exception {
        try (Connection pg = target.connect(); Statement s = pg.createStatement()) {
            s.execute("CREATE FUNCTION slow_write() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$BEGIN PERFORM pg_sleep(1.2); RETURN NEW; END$$");
            s.execute("CREATE TRIGGER slow_write BEFORE INSERT OR UPDATE ON customer FOR EACH ROW "
                    + "EXECUTE FUNCTION slow_write()");
        }
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + source);
             Statement s = sqlite.createStatement()) {
            s.execute("UPDATE customer SET name = 'slow' WHERE id = 1");
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"slow".equals(name(target))) {
            assertThat(System.currentTimeMillis()).as("the slow update reaches PostgreSQL").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(sinkLog.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).startsWith("sink: slow PostgreSQL transaction on partitions")
                    .contains("over 1000 ms");
        });
        Map<String, PrometheusText.Family> metrics = PrometheusText.parse(scrape(info, true).body());
        assertThat(metrics.get("cutover_sink_statements_seconds_max").samples().get(0).value())
                .isGreaterThanOrEqualTo(1.2);
    }

    private static String name(PgTarget target) throws SQLException {
        try (Connection pg = target.connect(); Statement s = pg.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM customer WHERE id = 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void assertCountersEqualTheRun(Map<String, PrometheusText.Family> metrics, JsonNode status,
                                                  PgTarget target) {
        PrometheusText.Family written = metrics.get("cutover_rows_written_total");
        long all = 0;
        for (JsonNode table : status.get("tables")) {
            String name = table.get("name").asText();
            double rows = written.samples().stream().filter(s -> s.labels().get("table").equals(name))
                    .mapToDouble(PrometheusText.Sample::value).sum();
            assertThat((long) rows).as("rows written into %s", name).isEqualTo(table.get("rows").asLong())
                    .isEqualTo(LiveMigrationSupport.count(target, name));
            assertThat(metrics.get("cutover_snapshot_progress_ratio").sample("", Map.of("table", name)).value())
                    .isEqualTo(1.0);
            assertThat(metrics.get("cutover_snapshot_rows").sample("", Map.of("table", name)).value())
                    .isEqualTo(table.get("total").asDouble());
            all += (long) rows;
        }
        assertThat(all).isEqualTo(status.get("rows").asLong());
        assertThat(metrics.get("cutover_rows_read_total").samples().get(0).value()).isGreaterThanOrEqualTo(all);
        assertThat(metrics.get("cutover_rows_converted_total").samples().get(0).value()).isGreaterThanOrEqualTo(all);
        assertThat(metrics.get("cutover_rows_dead_lettered_total").samples()).allSatisfy(s ->
                assertThat(s.value()).isEqualTo(status.get("errors").asDouble()));
    }

    /** The lag gauges read the lag at most once a second: a scrape just after status said "caught up" may be older. */
    private HttpResponse<String> scrapeOnceLagIsZero(RunInfo info) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            HttpResponse<String> response = scrape(info, true);
            double lag = PrometheusText.parse(response.body()).get("cutover_lag_events").samples().get(0).value();
            if (lag == 0 || System.currentTimeMillis() > deadline) {
                return response;
            }
            Thread.sleep(200);
        }
    }

    private HttpResponse<String> scrape(RunInfo info, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port() + "/metrics"));
        if (withToken) {
            request.header(StatusServer.TOKEN_HEADER, info.token());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
