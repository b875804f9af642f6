package dev.cutover.capture.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import dev.cutover.capture.mongodb.MongoDbContext.Polled;
import dev.cutover.capture.mongodb.MongoDbOffsetContext.Position;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.plan.PlanJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a MongoDB database: takes the change-stream position of every collection that has none before reading
 * anything, snapshots the collections not yet read whole, then streams their changes. A server that goes away (a
 * restart, an election) is waited for: what the failed poll had gathered is dropped, and capture goes on from the last
 * position it handed to the engine. A position the server no longer holds stops capture with the fix.
 */
public final class MongoDbConnectorTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(MongoDbConnectorTask.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private MongoDbConnectorConfig config;
    private String sourceId;
    private MongoClient client;
    private MongoDbContext context;
    private MongoDbOffsetContext offset;
    private MongoDbSnapshotChangeEventSource snapshot;
    private MongoDbStreamingChangeEventSource streaming;
    private boolean announceCompleted;
    private long backoffMs;
    private volatile boolean stopping;

    @Override
    public String version() {
        return MongoDbConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> properties) {
        config = new MongoDbConnectorConfig(properties);
        MongoEndpoint endpoint = MongoEndpoint.of(config.connectionString(), config.password(), config.database());
        sourceId = endpoint.id();
        List<String> collections = MongoDbSource.collections(PlanJson.read(config.planPath()));
        client = endpoint.client(config.serverSelectionTimeoutMs());
        context = new MongoDbContext(sourceId, client.getDatabase(endpoint.database()), collections,
                new MongoDbRecords(sourceId, config.topics(), config.rawPartitions(), config.batchMaxBytes()),
                config.batchRows(), Math.max(config.batchMaxBytes(), 16 << 20));
        MongoDbOffsetContext stored = MongoDbOffsetContext.fromMap(
                super.context.offsetStorageReader().offset(MongoDbOffsetContext.partition(sourceId)));
        try {
            offset = resume(stored, collections);
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "take the change-stream position", e);
        }
        if (offset.snapshotting()) {
            snapshot = new MongoDbSnapshotChangeEventSource(context);
        } else {
            // The snapshot finished in an earlier run: say so again, so a restarted pipeline knows it is loaded.
            announceCompleted = true;
            streaming = new MongoDbStreamingChangeEventSource(context);
        }
        LOG.info("capture of {} starts: {} collections, {}", sourceId, collections.size(),
                offset.snapshotting() ? "snapshot first" : "streaming");
    }

    /**
     * Where to go on from: the stored positions, every planned collection without one (new, or never committed) and
     * every collection to read again given a position taken now, before anything is read.
     */
    private MongoDbOffsetContext resume(MongoDbOffsetContext stored, List<String> collections) {
        Map<String, Position> positions = new LinkedHashMap<>();
        Long startAt = null;
        for (String collection : collections) {
            Position position = stored == null ? null : stored.position(collection);
            boolean again = config.resnapshot().contains(collection) && (position == null || position.snapshotDone());
            if (position == null || again) {
                if (startAt == null) {
                    startAt = ServerClock.read(context.database()).next();
                }
                position = Position.fresh(startAt);
                if (again) {
                    LOG.info("capture of {}: collection {} is read again from its start (--resnapshot)", sourceId,
                            collection);
                }
            }
            positions.put(collection, position);
        }
        return new MongoDbOffsetContext(positions, stored == null ? null : stored.seq());
    }

    /** The next records; null after a wait when there is nothing new. */
    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Polled polled;
        synchronized (this) {
            if (stopping) {
                return null;
            }
            polled = pollSafely();
            if (polled != null) {
                offset = polled.after();
                backoffMs = 0;
                if (!polled.records().isEmpty()) {
                    return polled.records();
                }
            }
        }
        pause(polled == null ? backoff() : polled.idle() ? config.pollIntervalMs() : 0);
        return null;
    }

    /** Null when the poll failed in a way that may pass (the server went away): everything it gathered is dropped. */
    private Polled pollSafely() {
        try {
            return next();
        } catch (RuntimeException e) {
            if (stopping) {
                return null;
            }
            if (!MongoDbErrorHandler.retriable(e)) {
                throw e;
            }
            LOG.warn("capture of {}: the server did not answer ({}); going on from the last position in a moment",
                    sourceId, MongoEndpoint.mask(e.getMessage()));
            context.records().discard();
            closeSources();
            return null;
        }
    }

    private Polled next() {
        if (announceCompleted) {
            announceCompleted = false;
            context.records().addControl(ControlType.SNAPSHOT_COMPLETED, List.of());
            return new Polled(context.records().take(offset, offset), offset, false);
        }
        if (snapshot != null) {
            Polled polled = snapshot.poll(offset);
            if (snapshot.done()) {
                snapshot.close();
                snapshot = null;
                streaming = new MongoDbStreamingChangeEventSource(context);
            }
            return polled;
        }
        return streaming.poll(offset);
    }

    private long backoff() {
        backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(200, backoffMs * 2));
        return backoffMs;
    }

    private void pause(long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!stopping && System.currentTimeMillis() < deadline) {
            Thread.sleep(Math.min(50, Math.max(1, deadline - System.currentTimeMillis())));
        }
    }

    private void closeSources() {
        if (snapshot != null) {
            snapshot.close();
        }
        if (streaming != null) {
            streaming.close();
        }
    }

    /** Called from another thread: closing the client ends a read in progress, then the poll's cursors are closed. */
    @Override
    public void stop() {
        stopping = true;
        if (client != null) {
            client.close();
        }
        synchronized (this) {
            closeSources();
        }
    }
}
