package dev.cutover.capture.sqlite;

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
 * Reads a SQLite source: resumes from the stored source offset, snapshots what is left, then idles (live change
 * capture follows the snapshot in a later stage of the design).
 */
public final class SqliteConnectorTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteConnectorTask.class);
    private static final long IDLE_POLL_MS = 200;

    private SqliteSnapshotChangeEventSource snapshot;
    private SourceRecord pendingAnnouncement;
    private volatile boolean stopping;

    @Override
    public String version() {
        return CaptureVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> properties) {
        SqliteConnectorConfig config = new SqliteConnectorConfig(properties);
        SqliteSource source = new SqliteSource(config.path());
        source.check();
        Plan plan = PlanJson.read(config.planPath());
        SqliteOffsetContext offset = SqliteOffsetContext.fromMap(
                context.offsetStorageReader().offset(SqliteOffsetContext.partition(source.id())));
        if (offset == null) {
            offset = SqliteOffsetContext.initial(System.currentTimeMillis(), source.ensureWal());
        } else if (offset.phase() == SqliteOffsetContext.Phase.SNAPSHOT) {
            source.ensureWal();
        }
        LOG.info("capture of {} starts in phase {}", source.id(), offset.phase());
        ChangeRecords records = new ChangeRecords(source.id(), config.topics());
        if (offset.phase() == SqliteOffsetContext.Phase.SNAPSHOT) {
            snapshot = new SqliteSnapshotChangeEventSource(source, plan.tables(), records, offset, config.batchRows());
        } else {
            // The snapshot finished in an earlier run: say so again, so a restarted pipeline knows it is loaded.
            pendingAnnouncement = records.control(ControlType.SNAPSHOT_COMPLETED, List.of(), offset);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        synchronized (this) {
            if (pendingAnnouncement != null) {
                SourceRecord announcement = pendingAnnouncement;
                pendingAnnouncement = null;
                return List.of(announcement);
            }
            if (!stopping && snapshot != null && !snapshot.done()) {
                return snapshot.poll();
            }
            closeSnapshot();
        }
        Thread.sleep(IDLE_POLL_MS);
        return null;
    }

    private synchronized void closeSnapshot() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
    }

    /** Called from another thread; waits for a poll in progress (polls are short), then closes the source. */
    @Override
    public void stop() {
        stopping = true;
        closeSnapshot();
    }
}
