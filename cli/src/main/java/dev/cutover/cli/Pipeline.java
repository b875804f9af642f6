package dev.cutover.cli;

import dev.cutover.capture.CaptureConfig;
import dev.cutover.capture.CaptureService;
import dev.cutover.cli.runtime.KafkaCluster;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.ChangeCapture;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.SinkConfig;
import dev.cutover.sink.SinkService;
import dev.cutover.sink.TargetFinisher;
import dev.cutover.sink.errorlog.ErrorLog;
import dev.cutover.transform.TransformConfig;
import dev.cutover.transform.TransformService;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stages of one migration, stopped upstream-first so every stage finishes its batch. Knows how far behind
 * the target is (lag) and can wait until it has caught up.
 *
 * <p>Capture starts first: its engine takes longest to start (offsets, change log, the first read), and it does so on
 * its own thread while the other stages start; what it sends meanwhile waits in Kafka, where every consumer starts
 * from its committed offsets (the sink from those stored in PostgreSQL). The target's row counts are taken before
 * any stage writes.
 */
final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** How often the waits look again: each wait in a finished run's chain costs up to this much. */
    private static final long POLL_MS = 50;

    private final RunOptions options;
    private final WorkDir.Migration migration;
    private final Plan plan;
    private final PgTarget target;
    private final KafkaCluster kafka;
    private final Progress progress;
    private final ErrorLog errorLog;
    private final SinkService sink;
    private final TransformService transform;
    private final CaptureService capture;
    /** The source's change position, read for the lag and the waits. */
    private final ChangeCapture changes;
    private final String startedAt = Instant.now().toString();
    private final LagTrend lagTrend = new LagTrend();
    private final RunMetrics metrics = new RunMetrics();
    private final HealthCheck healthCheck;
    private volatile long lastSourcePosition;

    Pipeline(RunOptions options, WorkDir.Migration migration, Plan plan, PgTarget target, KafkaCluster kafka) {
        this.options = options;
        this.migration = migration;
        this.plan = plan;
        this.target = target;
        this.kafka = kafka;
        Topics topics = migration.topics();
        String bootstrap = kafka.bootstrapServers();
        // The embedded broker is in this process: compressing for it would only spend CPU the stages need.
        String compression = options.kafka() == null ? "none" : "lz4";
        this.progress = new Progress(plan);
        this.errorLog = new ErrorLog(options.work().root(), bootstrap, topics, migration.id());
        this.sink = new SinkService(new SinkConfig(bootstrap, topics, migration.id(), options.sinkWorkers(), 20_000,
                options.maxMessageBytes()), plan, target, metrics.metered(progress));
        sink.bindMetrics(metrics.registry());
        this.transform = new TransformService(new TransformConfig(bootstrap, topics, options.transformWorkers(),
                options.maxMessageBytes(), compression), plan, progress);
        CaptureConfig captureConfig = new CaptureConfig(bootstrap, topics, options.work().plan(), options.batchRows(),
                options.maxMessageBytes(), options.kafka() == null ? (short) 1 : (short) -1,
                kafka.endOffsets(topics.raw()).size(), compression, resumeAfterRemoval(options, migration));
        this.changes = options.source().capture();
        this.capture = new CaptureService(captureConfig, options.source().connector(captureConfig.connectorSettings()
                .withResnapshot(options.resnapshot())),
                progress);
        metrics.bind(progress, this::lag, this::etaSeconds);
        metrics.bind(kafka.clientMetrics());
        metrics.bind(errorLog.clientMetrics(KafkaClientMetrics::new));
        this.healthCheck = new HealthCheck(new HealthCheck.Parts(target, kafka, options.source().id(), changes, sink,
                progress, lagTrend));
    }

    /**
     * A finished one-shot migration replaying its error log: capture streams the change log installed now (the one the
     * finished run used was removed with capture), which the replay fills.
     */
    private static boolean resumeAfterRemoval(RunOptions options, WorkDir.Migration migration) {
        return options.once() && options.replayErrors() && migration.finishedAt() != null;
    }

    Progress progress() {
        return progress;
    }

    /** The sink's connections are replaced, so each decides again whether it must mark its writes (the way back). */
    void renewSinkConnections() {
        sink.renewConnections();
    }

    ErrorLog errorLog() {
        return errorLog;
    }

    void start() {
        progress.baseline(new TargetFinisher(target, plan).rowCounts());
        capture.start();
        errorLog.start();
        sink.start();
        transform.start();
    }

    /**
     * Waits until the snapshot is read and every stage has applied it: everything Kafka held when capture announced
     * the snapshot complete is transformed, and everything the row topic held then is in PostgreSQL. Live changes
     * may keep arriving meanwhile; they are not waited for. Returns false when {@code stop} asked first.
     */
    boolean awaitSnapshotLoaded(BooleanSupplier stop, PrintStream out) throws InterruptedException {
        ProgressPrinter printer = new ProgressPrinter(out);
        boolean loaded = await(progress::snapshotLoadedByCapture, stop, printer) && awaitApplied(stop, printer);
        printer.finish(progress.line(lag()));
        if (loaded) {
            progress.snapshotLoaded();
        }
        return loaded;
    }

    /**
     * Waits until capture has forwarded the source's changes up to position {@code sequence} (0: nothing to wait for)
     * and every stage has applied them. Returns false when {@code stop} asked first.
     */
    boolean awaitCaughtUpTo(long sequence, BooleanSupplier stop, PrintStream out) throws InterruptedException {
        ProgressPrinter printer = new ProgressPrinter(out);
        boolean caughtUp = await(() -> sequence <= 0 || progress.acknowledgedSequence() >= sequence, stop, printer)
                && awaitApplied(stop, printer);
        printer.finish(progress.line(lag()));
        return caughtUp;
    }

    /**
     * Waits until what Kafka holds now has reached PostgreSQL: the raw topic's current end transformed, then the row
     * topic's end at that moment applied, then the dead letters up to then in errors.jsonl. The dead-letter topic's end
     * is read once the sink has applied the rows, since the sink sends a batch's dead letters before it commits.
     */
    private boolean awaitApplied(BooleanSupplier stop, ProgressPrinter printer) throws InterruptedException {
        Topics topics = migration.topics();
        Map<TopicPartition, Long> raw = kafka.endOffsets(topics.raw());
        if (!await(() -> reached(kafka.committed(topics.prefix() + ".transform", topics.raw()), raw), stop, printer)) {
            return false;
        }
        Map<TopicPartition, Long> rows = kafka.endOffsets(topics.rows());
        if (!await(() -> reached(sinkApplied(), rows), stop, printer)) {
            return false;
        }
        long deadLetters = kafka.endOffsets(topics.deadLetters()).values().stream().mapToLong(Long::longValue).sum();
        return await(() -> errorLog.position() >= deadLetters, stop, printer);
    }

    private static boolean reached(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            if (positions.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> sinkApplied() {
        Map<TopicPartition, Long> applied = new HashMap<>();
        String rows = migration.topics().rows();
        progress.sinkOffsets().forEach((partition, offset) -> applied.put(new TopicPartition(rows, partition), offset));
        return applied;
    }

    private boolean await(BooleanSupplier condition, BooleanSupplier stop, ProgressPrinter printer)
            throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (!pause(stop, printer)) {
                return false;
            }
        }
        return true;
    }

    /** Streams until {@code stop} asks, printing progress. */
    void streamUntil(BooleanSupplier stop, PrintStream out) throws InterruptedException {
        ProgressPrinter printer = new ProgressPrinter(out);
        try {
            while (pause(stop, printer)) {
                // streaming; the stages work on their own threads
            }
        } finally {
            printer.finish(progress.line(lag()));
        }
    }

    private boolean pause(BooleanSupplier stop, ProgressPrinter printer) throws InterruptedException {
        failIfStageFailed();
        if (stop.getAsBoolean()) {
            return false;
        }
        if (printer.due()) {
            printer.print(progress.line(lag()));
        }
        Thread.sleep(POLL_MS);
        return true;
    }

    private Lag kafkaLag() {
        Topics topics = migration.topics();
        long raw = KafkaCluster.lag(kafka.endOffsets(topics.raw()),
                kafka.committed(topics.prefix() + ".transform", topics.raw()));
        long rows = KafkaCluster.lag(kafka.endOffsets(topics.rows()), sinkApplied());
        return new Lag(0, raw, rows, 0);
    }

    /**
     * Lag across the whole pipeline, from the source's changes to PostgreSQL, read in the pipeline's order: the
     * source first, then each topic's end before its consumer's position. A change Kafka acknowledged after the topics
     * were read and before the source was would otherwise be counted nowhere, and the run would read caught up while
     * that change was still on its way (RestartIT saw the application's last two rows missing after "caught up").
     */
    Lag lag() {
        long acknowledged = progress.acknowledgedSequence();
        long source = acknowledged < 0 ? 0 : changes.changesBetween(acknowledged, sourcePosition());
        Lag kafkaLag = kafkaLag();
        long events = source + kafkaLag.raw() + kafkaLag.rows();
        long newest = progress.newestAppliedSourceMs();
        long now = System.currentTimeMillis();
        long ms = events == 0 ? 0 : now - (newest > 0 ? newest : progress.startedMs());
        if (progress.snapshotLoadedInTarget()) {
            lagTrend.observe(events, now);
        }
        return new Lag(source, kafkaLag.raw(), kafkaLag.rows(), ms);
    }

    /** The source's change position now (0: nothing to wait for). A transient read failure repeats the last value. */
    long sourcePosition() {
        try {
            lastSourcePosition = changes.position();
        } catch (CutoverException e) {
            LOG.warn("reading the source's change position failed, using the last one: {}", e.getMessage());
        }
        return lastSourcePosition;
    }

    RunStatus status() {
        Lag lag = lag();
        long rows = progress.tableStatuses().stream().mapToLong(RunStatus.TableStatus::rows).sum();
        long total = Math.max(rows, progress.tableStatuses().stream().mapToLong(RunStatus.TableStatus::total).sum());
        long rate = progress.rowsPerSecond();
        Long eta = etaSeconds(rows, total, rate);
        ErrorLog.ErrorCounts errors = errorLog.counts();
        return new RunStatus(progress.phase(lag), options.source().id(), target.toString(), startedAt,
                new RunStatus.LagStatus(lag.events(), lag.ms(), lag.source(), lag.raw(), lag.rows()),
                progress.tableStatuses(), rows, total, rate, eta, progress.latency(), errors.entries(),
                errors.accepted(), RunStatus.blockers(errors), progress.waitingReason(), progress.isFinalized());
    }

    /** Seconds to the end of the snapshot at this run's rate; null once it is loaded, or before any row. */
    private Long etaSeconds(long rows, long total, long rate) {
        return progress.snapshotLoadedInTarget() || rate == 0 ? null : Math.max(0, total - rows) / rate;
    }

    private Long etaSeconds() {
        long rows = progress.tableStatuses().stream().mapToLong(RunStatus.TableStatus::rows).sum();
        long total = Math.max(rows, progress.tableStatuses().stream().mapToLong(RunStatus.TableStatus::total).sum());
        return etaSeconds(rows, total, progress.rowsPerSecond());
    }

    /** The run's metrics in the Prometheus text format. */
    String metrics() {
        return metrics.scrape();
    }

    /** Probes PostgreSQL, Kafka and the source and judges the stages and the lag (see {@link Health}). */
    Health health() {
        Lag lag;
        try {
            lag = lag();
        } catch (RuntimeException e) {
            lag = new Lag(0, 0, 0, 0);
        }
        return healthCheck.check(lag, progress.phase(lag));
    }

    private void failIfStageFailed() {
        Throwable failure = progress.failure() != null ? progress.failure() : errorLog.failure();
        if (failure != null) {
            throw Failures.asCutoverException(failure);
        }
    }

    @Override
    public void close() {
        LOG.info("stopping the pipeline");
        // The metrics' Kafka binders read the clients' metrics on their own threads: they stop before the clients do.
        metrics.close();
        // Debezium's engine stops on its own thread while transform and sink stop (each stage resumes from its own
        // committed offsets, so the order they stop in does not matter).
        Thread captureStop = new Thread(capture::close, "cutover-capture-stop");
        captureStop.start();
        transform.close();
        sink.close();
        try {
            captureStop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        errorLog.close();
        healthCheck.close();
        changes.close();
    }
}
