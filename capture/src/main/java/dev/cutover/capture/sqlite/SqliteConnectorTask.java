package dev.cutover.capture.sqlite;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a SQLite source: installs change capture (before the snapshot's read transaction begins, so no change falls
 * between the two), resumes from the stored source offset, snapshots what is left, then streams the change log.
 * After every offset commit it prunes the log below the committed position.
 *
 * <p>A source this process cannot write is captured without a change log: snapshot only, then idle, with a warning
 * that live changes are not captured.
 */
public final class SqliteConnectorTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteConnectorTask.class);

    private SqliteConnectorConfig config;
    private SqliteSource source;
    private Plan plan;
    private ChangeRecords records;
    private Map<String, String> partition;
    private SqliteSnapshotChangeEventSource snapshot;
    private SqliteStreamingChangeEventSource streaming;
    private volatile SqliteChangeLogPruner pruner;
    private SourceRecord pendingAnnouncement;
    private boolean live;
    private volatile boolean stopping;

    @Override
    public String version() {
        return CaptureVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> properties) {
        config = new SqliteConnectorConfig(properties);
        source = new SqliteSource(config.path());
        source.check();
        plan = PlanJson.read(config.planPath());
        partition = SqliteOffsetContext.partition(source.id());
        records = new ChangeRecords(source.id(), config.topics(), config.rawPartitions(), config.batchMaxBytes());
        SqliteOffsetContext stored = SqliteOffsetContext.fromMap(context.offsetStorageReader().offset(partition));
        live = source.writable();
        SqliteOffsetContext offset = live ? startCapture(stored) : startWithoutCapture(stored);
        LOG.info("capture of {} starts in phase {}{}", source.id(), offset.phase(),
                offset.seq() == null ? "" : " at change-log seq " + offset.seq());
        if (offset.phase() == SqliteOffsetContext.Phase.SNAPSHOT) {
            snapshot = new SqliteSnapshotChangeEventSource(source, plan.tables(), records, offset, config.batchRows());
        } else {
            // The snapshot finished in an earlier run: say so again, so a restarted pipeline knows it is loaded.
            pendingAnnouncement = records.control(ControlType.SNAPSHOT_COMPLETED, List.of(), offset);
            if (live) {
                streaming = newStreaming(offset);
            }
        }
    }

    private SqliteOffsetContext startCapture(SqliteOffsetContext stored) {
        SqliteChangeLog.Installed log = SqliteChangeLog.apply(source, plan);
        log.warnings().forEach(LOG::warn);
        pruner = new SqliteChangeLogPruner(source, log.captureId(), config.pruneIntervalMs());
        if (stored == null) {
            return SqliteOffsetContext.initial(System.currentTimeMillis(), log.originalJournalMode(), log.captureId(),
                    SqliteChangeLog.snapshotFloor(source));
        }
        if (!log.captureId().equals(stored.captureId())) {
            if (config.resumeAfterRemoval() && stored.phase() == SqliteOffsetContext.Phase.STREAMING) {
                LOG.info("capture: the change log of {} was removed after the snapshot completed; streaming the one "
                        + "installed now from its first entry", source.path());
                return stored.inNewLog(log.captureId());
            }
            throw CutoverException.config("the stored capture offsets of " + source.path() + " do not belong to the "
                    + "change log now in the file (capture was removed, or not installed, after they were written), so "
                    + "the changes made in between are unknown; start this migration again with a new --work directory "
                    + "and an empty target");
        }
        return stored;
    }

    private SqliteOffsetContext startWithoutCapture(SqliteOffsetContext stored) {
        LOG.warn("capture: source {} is read-only for this process, so no change capture is installed: the snapshot "
                + "is copied, but live changes are not captured", source.path());
        return stored != null ? stored : SqliteOffsetContext.initial(System.currentTimeMillis(), null);
    }

    private SqliteStreamingChangeEventSource newStreaming(SqliteOffsetContext offset) {
        return new SqliteStreamingChangeEventSource(source, plan, records, offset, config.streamingBatchRows());
    }

    /** The next records; null after waiting {@code streaming.poll.interval.ms} when there is nothing new. */
    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        synchronized (this) {
            List<SourceRecord> batch = stopping ? null : next();
            if (batch != null) {
                return batch;
            }
        }
        Thread.sleep(config.pollIntervalMs());
        return null;
    }

    /** Null when there is nothing to emit now. */
    private List<SourceRecord> next() {
        if (pendingAnnouncement != null) {
            SourceRecord announcement = pendingAnnouncement;
            pendingAnnouncement = null;
            return List.of(announcement);
        }
        if (snapshot != null && !snapshot.done()) {
            return snapshot.poll();
        }
        if (snapshot != null) {
            SqliteOffsetContext completed = snapshot.offset();
            closeSources();
            if (live) {
                streaming = newStreaming(completed);
            }
        }
        if (streaming != null) {
            List<SourceRecord> changes = streaming.poll();
            return changes.isEmpty() ? null : changes;
        }
        return null;
    }

    /** After the engine flushed the offsets: prune the change log below the durably committed position. */
    @Override
    public void commit() {
        SqliteChangeLogPruner current = pruner;
        if (current != null && !stopping) {
            current.committed(context.offsetStorageReader().offset(partition));
        }
    }

    private synchronized void closeSources() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
        if (streaming != null) {
            streaming.close();
            streaming = null;
        }
    }

    /** Called from another thread; waits for a poll in progress (polls are short), then closes the source. */
    @Override
    public void stop() {
        stopping = true;
        closeSources();
        if (pruner != null) {
            pruner.close();
        }
    }
}
