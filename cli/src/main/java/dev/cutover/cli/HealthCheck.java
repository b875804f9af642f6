package dev.cutover.cli;

import dev.cutover.cli.runtime.KafkaCluster;
import dev.cutover.schemas.source.ChangeCapture;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.SinkService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Probes what a running migration depends on, each service on its own thread and within {@link #PROBE_SECONDS}, so a
 * service that hangs makes the answer degraded instead of late. Thread-safe.
 */
final class HealthCheck implements AutoCloseable {
    static final long PROBE_SECONDS = 5;

    /** What the check reads; the pipeline's own parts. */
    record Parts(PgTarget target, KafkaCluster kafka, String sourceId, ChangeCapture source, SinkService sink,
                 Progress progress, LagTrend lagTrend) {
    }

    private final Parts parts;
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cutover-health");
        thread.setDaemon(true);
        return thread;
    });

    HealthCheck(Parts parts) {
        this.parts = parts;
    }

    /** Probes the services in parallel and judges the run with the lag just read. */
    Health check(Lag lag, String phase) {
        Future<Health.PostgresHealth> postgres = probes.submit(this::postgres);
        Future<Health.KafkaHealth> kafka = probes.submit(this::kafka);
        Future<Health.SourceHealth> source = probes.submit(this::source);
        Health.PostgresHealth pg = await(postgres, e -> new Health.PostgresHealth(false, null,
                parts.sink().poolStatistics(), e));
        Health.KafkaHealth k = await(kafka, e -> new Health.KafkaHealth(false, null, null, e));
        Health.SourceHealth s = await(source, e -> new Health.SourceHealth(parts.sourceId(), false, null, e));
        Map<String, Health.StageHealth> stages = stages();
        Health.LagHealth lagHealth = new Health.LagHealth(lag.events(), lag.ms(),
                parts.lagTrend().notFallingMs(System.currentTimeMillis()));
        List<String> problems = problems(pg, k, s, stages, lagHealth);
        return new Health(problems.isEmpty() ? Health.HEALTHY : Health.DEGRADED, problems, phase, pg, k, s, stages,
                lagHealth);
    }

    private Health.PostgresHealth postgres() {
        try (Connection connection = parts.target().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('server_version')")) {
            rs.next();
            return new Health.PostgresHealth(true, rs.getString(1), parts.sink().poolStatistics(), null);
        } catch (SQLException | RuntimeException e) {
            return new Health.PostgresHealth(false, null, parts.sink().poolStatistics(), PgTarget.mask(message(e)));
        }
    }

    private Health.KafkaHealth kafka() {
        try {
            KafkaCluster.Description cluster = parts.kafka().describe();
            return new Health.KafkaHealth(true, cluster.clusterId(), cluster.brokers(), null);
        } catch (RuntimeException e) {
            return new Health.KafkaHealth(false, null, null, message(e));
        }
    }

    private Health.SourceHealth source() {
        try {
            return new Health.SourceHealth(parts.sourceId(), true, parts.source().health(), null);
        } catch (RuntimeException e) {
            return new Health.SourceHealth(parts.sourceId(), false, null, message(e));
        }
    }

    /**
     * Capture, transform and sink. A failure in any stage stops the whole pipeline (the run ends with it), so all three
     * show it; the sink retries while PostgreSQL is unavailable.
     */
    private Map<String, Health.StageHealth> stages() {
        Map<String, Health.StageHealth> stages = new LinkedHashMap<>();
        Throwable failure = parts.progress().failure();
        Health.StageHealth stopped = failure == null ? null : new Health.StageHealth("stopped", message(failure));
        String waiting = parts.progress().waitingReason();
        stages.put("capture", stopped != null ? stopped : Health.StageHealth.RUNNING);
        stages.put("transform", stopped != null ? stopped : Health.StageHealth.RUNNING);
        stages.put("sink", stopped != null ? stopped
                : waiting != null ? new Health.StageHealth("retrying", waiting) : Health.StageHealth.RUNNING);
        return stages;
    }

    private static List<String> problems(Health.PostgresHealth pg, Health.KafkaHealth kafka, Health.SourceHealth source,
                                         Map<String, Health.StageHealth> stages, Health.LagHealth lag) {
        List<String> problems = new ArrayList<>();
        if (!pg.reachable()) {
            problems.add("PostgreSQL is unreachable: " + pg.error());
        }
        if (pg.pool() != null && pg.pool().waiting() > 0) {
            problems.add("PostgreSQL pool: " + (pg.pool().waiting() == 1 ? "1 thread waits"
                    : pg.pool().waiting() + " threads wait") + " for a connection");
        }
        if (!kafka.reachable()) {
            problems.add("Kafka is unreachable: " + kafka.error());
        }
        if (!source.reachable()) {
            problems.add("the source is unreachable: " + source.error());
        }
        stages.forEach((stage, health) -> {
            if (!health.state().equals("running")) {
                problems.add(stage + " is " + health.state() + ": " + health.lastError());
            }
        });
        if (lag.notFallingMs() > LagTrend.THRESHOLD_MS) {
            problems.add(String.format("the lag (%,d events) has not come down for %,d s", lag.events(),
                    lag.notFallingMs() / 1000));
        }
        return problems;
    }

    private static <T> T await(Future<T> probe, Function<String, T> failed) {
        try {
            return probe.get(PROBE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            probe.cancel(true);
            return failed.apply("no answer within " + PROBE_SECONDS + " s");
        } catch (ExecutionException e) {
            return failed.apply(message(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed.apply("interrupted");
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
