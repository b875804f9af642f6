package dev.cutover.cli;

import dev.cutover.sink.SinkListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The run's metrics in Micrometer's Prometheus registry, what {@code GET /metrics} serves: rows per stage and table,
 * dead letters, lag, snapshot progress and ETA, live-change latency and the sink's transaction times, besides what the
 * HikariCP and Kafka binders and the JVM binders register. Values are read from the run's {@link Progress} at each
 * scrape; no label carries a secret (tables, stages, operations only). Thread-safe.
 */
final class RunMetrics implements AutoCloseable {
    private static final String[] OPERATIONS = {"snapshot", "upsert", "delete"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Timer changeLatency;
    private final Timer statements;
    private final Timer commits;

    RunMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        changeLatency = histogram("cutover.change.latency", "Live changes from the source's commit to PostgreSQL's");
        statements = histogram("cutover.sink.statements", "A sink transaction's statements in PostgreSQL");
        commits = histogram("cutover.sink.commit", "A sink transaction's commit in PostgreSQL");
    }

    private Timer histogram(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /**
     * Registers the run's own meters, read from {@code progress} and the pipeline at each scrape. Gauges hold their
     * suppliers strongly (Micrometer's default is a weak reference, which would let a lambda go and read NaN).
     */
    void bind(Progress progress, Supplier<Lag> lag, Supplier<Long> etaSeconds) {
        FunctionCounter.builder("cutover.rows.read", progress, Progress::captured)
                .description("Rows and changes capture read from the source and Kafka acknowledged").register(registry);
        FunctionCounter.builder("cutover.rows.converted", progress, Progress::transformed)
                .description("Row changes the transformer converted and committed").register(registry);
        FunctionCounter.builder("cutover.rows.dead.lettered", progress, Progress::rejected).tag("stage", "transform")
                .description("Rows sent to the dead-letter topic (and the error log)").register(registry);
        FunctionCounter.builder("cutover.rows.dead.lettered", progress, Progress::refused).tag("stage", "sink")
                .description("Rows sent to the dead-letter topic (and the error log)").register(registry);
        for (String table : progress.tables()) {
            for (String operation : OPERATIONS) {
                written(table, operation);
            }
            Gauge.builder("cutover.snapshot.rows", progress, p -> total(p, table)).tag("table", table)
                    .description("Rows the snapshot holds for the table").register(registry);
            Gauge.builder("cutover.snapshot.progress", progress, p -> ratio(p, table)).tag("table", table)
                    .baseUnit("ratio").description("Share of the table's snapshot in PostgreSQL (1 when loaded)")
                    .register(registry);
        }
        Supplier<Lag> cached = cached(lag);
        Gauge.builder("cutover.lag.events", cached, l -> l.get().events())
                .description("Changes not yet in PostgreSQL").strongReference(true).register(registry);
        TimeGauge.builder("cutover.lag", cached, TimeUnit.MILLISECONDS, l -> l.get().ms())
                .description("Age of the oldest change not yet in PostgreSQL").strongReference(true).register(registry);
        TimeGauge.builder("cutover.snapshot.eta", etaSeconds, TimeUnit.SECONDS, e -> e.get() == null ? 0 : e.get())
                .description("Estimated time to the end of the snapshot (0 once loaded)").strongReference(true)
                .register(registry);
    }

    private static double total(Progress progress, String table) {
        return progress.tableStatuses().stream().filter(t -> t.name().equals(table)).mapToLong(RunStatus.TableStatus::total)
                .findFirst().orElse(0);
    }

    private static double ratio(Progress progress, String table) {
        return progress.tableStatuses().stream().filter(t -> t.name().equals(table))
                .mapToDouble(t -> t.percent() / 100.0).findFirst().orElse(0);
    }

    /** The lag read at most once a second, however many gauges and scrapers ask. */
    private static Supplier<Lag> cached(Supplier<Lag> lag) {
        return new Supplier<>() {
            private Lag last;
            private long readAt;

            @Override
            public synchronized Lag get() {
                long now = System.currentTimeMillis();
                if (last == null || now - readAt >= 1000) {
                    last = lag.get();
                    readAt = now;
                }
                return last;
            }
        };
    }

    /** Binds a Kafka client's own metrics; they go when the run's metrics are closed. */
    void bind(io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics kafkaClient) {
        kafkaClient.bindTo(registry);
        closeables.add(kafkaClient);
    }

    /** {@code listener} with the sink's rows per table and operation, latencies and transaction times counted. */
    SinkListener metered(SinkListener listener) {
        return new SinkListener() {
            @Override
            public void committed(Batch batch) {
                batch.written().forEach(RunMetrics.this::countWritten);
                for (long ms : batch.liveLatencyMs()) {
                    changeLatency.record(ms, TimeUnit.MILLISECONDS);
                }
                listener.committed(batch);
            }

            @Override
            public void transactionTimed(long statementsNanos, long commitNanos) {
                statements.record(statementsNanos, TimeUnit.NANOSECONDS);
                commits.record(commitNanos, TimeUnit.NANOSECONDS);
                listener.transactionTimed(statementsNanos, commitNanos);
            }

            @Override
            public void waiting(String reason) {
                listener.waiting(reason);
            }

            @Override
            public void failed(Throwable error) {
                listener.failed(error);
            }
        };
    }

    private void countWritten(String table, long[] counts) {
        for (int i = 0; i < OPERATIONS.length; i++) {
            if (counts[i] > 0) {
                written(table, OPERATIONS[i]).increment(counts[i]);
            }
        }
    }

    private Counter written(String table, String operation) {
        return Counter.builder("cutover.rows.written").tag("table", table).tag("operation", operation)
                .description("Rows the sink wrote into PostgreSQL").register(registry);
    }

    /** The Prometheus text format (version 0.0.4). */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                // a binder that cannot stop holds only a scheduler thread, which ends with the process
            }
        }
        registry.close();
    }
}
