package dev.cutover.capture.jsondir;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.plan.PlanJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JSON directory: brings the capture index back to the version the committed offset names (so what the engine
 * never committed is read and sent again), snapshots what is left of the planned collections, then streams the
 * directory's changes. After every offset commit it drops the index history the committed version no longer needs.
 */
public final class JsonDirConnectorTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(JsonDirConnectorTask.class);
    /** How long one poll runs steps that have nothing to send before it returns. */
    private static final long POLL_BUDGET_MS = 1000;
    private static final long IDLE_SLEEP_MS = 20;

    private JsonDirConnectorConfig config;
    private Map<String, String> partition;
    private JsonDirIndex index;
    private CaptureContext capture;
    private StepRunner runner;
    private JsonDirSnapshotChangeEventSource snapshot;
    private JsonDirStreamingChangeEventSource streaming;
    private SourceRecord pendingAnnouncement;
    private volatile boolean stopping;

    @Override
    public String version() {
        return JsonDirConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> properties) {
        config = new JsonDirConnectorConfig(properties);
        Path root = config.path().toAbsolutePath().normalize();
        DirectoryCheck.check(root);
        String sourceId = JsonDirectory.sourceId(root);
        partition = JsonDirOffsetContext.partition(sourceId);
        index = JsonDirIndex.open(config.indexPath());
        JsonDirOffsetContext offset = resume(JsonDirOffsetContext.fromMap(
                context.offsetStorageReader().offset(partition)));
        JsonDirRecords records = new JsonDirRecords(sourceId, config.topics(), config.rawPartitions(),
                config.batchMaxBytes());
        capture = new CaptureContext(new JsonDirectory(root), index, records, new CaptureProblems(sourceId),
                CaptureContext.collections(PlanJson.read(config.planPath())), new Settling(config.settleMs(), config.mtimeMarginMs()),
                config.batchRows(), Math.max(config.batchMaxBytes(), 16 << 20), config.documentMaxBytes());
        runner = new StepRunner(capture, offset);
        LOG.info("capture of {} starts in phase {} at index version {}", sourceId, offset.phase(), offset.version());
        if (offset.phase() == JsonDirOffsetContext.Phase.SNAPSHOT) {
            snapshot = new JsonDirSnapshotChangeEventSource(capture, runner, POLL_BUDGET_MS);
        } else {
            // The snapshot finished in an earlier run: say so again, so a restarted pipeline knows it is loaded.
            pendingAnnouncement = records.control(ControlType.SNAPSHOT_COMPLETED, List.of(), offset);
            streaming = newStreaming();
        }
    }

    /**
     * The offset to go on from, with the index brought back to it. Without a committed offset everything the index
     * holds was sent uncommitted (or to a Kafka that is gone): it is taken back to version 0 like any uncommitted step,
     * so what it touched is sent again.
     */
    private JsonDirOffsetContext resume(JsonDirOffsetContext stored) {
        if (stored == null) {
            if (index.captureId() == null) {
                index.reset();
            } else {
                index.rollBackTo(0);
            }
            return JsonDirOffsetContext.initial(index.captureId(), System.currentTimeMillis());
        }
        if (!stored.captureId().equals(index.captureId())) {
            throw CutoverException.config("the capture offsets Kafka holds for " + config.path() + " do not belong to "
                    + "the capture index " + config.indexPath() + " (it was deleted or replaced since), so what "
                    + "capture sent is unknown; start this migration again with a new --work directory and an empty "
                    + "target");
        }
        index.rollBackTo(stored.version());
        return stored.at(stored.version());
    }

    private JsonDirStreamingChangeEventSource newStreaming() {
        return new JsonDirStreamingChangeEventSource(capture, runner, config.scanIntervalMs(), POLL_BUDGET_MS);
    }

    /** The next records; null after a short wait when there is nothing new. */
    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        synchronized (this) {
            List<SourceRecord> batch = stopping ? null : next();
            if (batch != null) {
                return batch;
            }
        }
        Thread.sleep(IDLE_SLEEP_MS);
        return null;
    }

    /** Null when there is nothing to emit now. */
    private List<SourceRecord> next() {
        if (pendingAnnouncement != null) {
            SourceRecord announcement = pendingAnnouncement;
            pendingAnnouncement = null;
            return List.of(announcement);
        }
        if (snapshot != null) {
            List<SourceRecord> records = snapshot.poll();
            if (snapshot.done()) {
                snapshot.close();
                snapshot = null;
                streaming = newStreaming();
            }
            return records.isEmpty() ? null : records;
        }
        List<SourceRecord> changes = streaming.poll();
        return changes.isEmpty() ? null : changes;
    }

    /** After the engine flushed the offsets: drop the index history below the committed version. */
    @Override
    public void commit() {
        if (stopping || index == null) {
            return;
        }
        JsonDirOffsetContext committed = JsonDirOffsetContext.fromMap(context.offsetStorageReader().offset(partition));
        if (committed != null) {
            synchronized (this) {
                if (!stopping) {
                    index.prune(committed.version());
                }
            }
        }
    }

    /** Called from another thread; waits for a poll in progress, then closes the files and the index. */
    @Override
    public void stop() {
        stopping = true;
        synchronized (this) {
            if (snapshot != null) {
                snapshot.close();
            }
            if (streaming != null) {
                streaming.close();
            }
            if (index != null) {
                index.close();
            }
        }
    }
}
