package dev.cutover.cli;

import dev.cutover.capture.CaptureConfig;
import dev.cutover.capture.CaptureService;
import dev.cutover.cli.runtime.KafkaCluster;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.SinkConfig;
import dev.cutover.sink.SinkService;
import dev.cutover.transform.TransformConfig;
import dev.cutover.transform.TransformService;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stages of one migration, started downstream-first (error log, sink, transform, then capture) so
 * every consumer is ready before data flows, and stopped upstream-first so every stage finishes its batch.
 */
final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final long POLL_MS = 200;

    private final RunOptions options;
    private final WorkDir.Migration migration;
    private final KafkaCluster kafka;
    private final Progress progress;
    private final ErrorLog errorLog;
    private final SinkService sink;
    private final TransformService transform;
    private final CaptureService capture;

    Pipeline(RunOptions options, WorkDir.Migration migration, Plan plan, PgTarget target, KafkaCluster kafka) {
        this.options = options;
        this.migration = migration;
        this.kafka = kafka;
        Topics topics = migration.topics();
        String bootstrap = kafka.bootstrapServers();
        this.progress = new Progress(plan);
        this.errorLog = new ErrorLog(options.work(), bootstrap, topics);
        this.sink = new SinkService(new SinkConfig(bootstrap, topics, migration.id(), options.sinkWorkers(), 20_000,
                options.maxMessageBytes()), plan, target, progress);
        this.transform = new TransformService(new TransformConfig(bootstrap, topics, options.transformWorkers(),
                options.maxMessageBytes()), plan, progress);
        this.capture = new CaptureService(new CaptureConfig(bootstrap, topics, options.source().path(),
                options.work().plan(), options.batchRows(), options.maxMessageBytes(),
                options.kafka() == null ? (short) 1 : (short) -1), progress);
    }

    Progress progress() {
        return progress;
    }

    void start() {
        errorLog.start();
        sink.start();
        transform.start();
        capture.start();
    }

    /**
     * Waits until the snapshot is read and every stage has consumed everything before it: raw events transformed,
     * row changes committed in PostgreSQL, dead letters in errors.jsonl. Returns false when {@code stop} asked first.
     */
    boolean awaitSnapshotLoaded(BooleanSupplier stop, PrintStream out) throws InterruptedException {
        ProgressPrinter printer = new ProgressPrinter(progress, out);
        try {
            while (!progress.snapshotLoadedByCapture()) {
                if (!pause(stop, printer)) {
                    return false;
                }
            }
            while (!drained()) {
                if (!pause(stop, printer)) {
                    return false;
                }
            }
            return true;
        } finally {
            printer.finish();
        }
    }

    private boolean pause(BooleanSupplier stop, ProgressPrinter printer) throws InterruptedException {
        failIfStageFailed();
        if (stop.getAsBoolean()) {
            return false;
        }
        printer.tick();
        Thread.sleep(POLL_MS);
        return true;
    }

    private boolean drained() {
        Topics topics = migration.topics();
        Map<TopicPartition, Long> rawEnd = kafka.endOffsets(topics.raw());
        if (KafkaCluster.lag(rawEnd, kafka.committed(topics.prefix() + ".transform", topics.raw())) > 0) {
            return false;
        }
        Map<TopicPartition, Long> rowsEnd = kafka.endOffsets(topics.rows());
        Map<TopicPartition, Long> applied = new HashMap<>();
        progress.sinkOffsets().forEach((partition, offset) -> applied.put(new TopicPartition(topics.rows(), partition), offset));
        if (KafkaCluster.lag(rowsEnd, applied) > 0) {
            return false;
        }
        long deadLetters = kafka.endOffsets(topics.deadLetters()).values().stream().mapToLong(Long::longValue).sum();
        return errorLog.position() >= deadLetters;
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
        capture.close();
        transform.close();
        sink.close();
        errorLog.close();
    }
}
