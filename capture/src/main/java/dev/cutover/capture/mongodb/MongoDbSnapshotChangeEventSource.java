package dev.cutover.capture.mongodb;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import dev.cutover.capture.mongodb.MongoDbContext.Polled;
import dev.cutover.capture.mongodb.MongoDbOffsetContext.Position;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.TableCount;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot: each collection still to read, in plan order, read in {@code _id} order (MongoDB's order of BSON values)
 * through one cursor, a chunk of documents per poll. A chunk's offset holds its last {@code _id}, so capture restarted
 * after Kafka acknowledged it goes on with the next {@code _id} (the cursor is opened again after it) instead of reading
 * the collection again. The change-stream position each collection is streamed from was taken before its first read
 * ({@link Position#startAt}), so every change made while it is read is streamed afterwards, and the later state wins.
 *
 * <p>Announces SNAPSHOT_STARTED with each remaining collection's documents first, and SNAPSHOT_COMPLETED last. Not
 * thread-safe: used by the task's polling thread only.
 */
final class MongoDbSnapshotChangeEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MongoDbSnapshotChangeEventSource.class);

    private final MongoDbContext context;
    private boolean announced;
    private boolean done;
    private String reading;
    private MongoCursor<RawBsonDocument> cursor;

    MongoDbSnapshotChangeEventSource(MongoDbContext context) {
        this.context = context;
    }

    boolean done() {
        return done;
    }

    /** The next records: the start announcement, a chunk of one collection, or the completion announcement. */
    Polled poll(MongoDbOffsetContext offset) {
        if (!announced) {
            context.records().addControl(ControlType.SNAPSHOT_STARTED, remaining(offset));
            announced = true;
            return new Polled(context.records().take(offset, offset), offset, false);
        }
        String collection = next(offset);
        if (collection == null) {
            done = true;
            LOG.info("snapshot of {}: complete", context.sourceId());
            context.records().addControl(ControlType.SNAPSHOT_COMPLETED, List.of());
            MongoDbOffsetContext covered = covered(offset);
            return new Polled(context.records().take(offset, covered), covered, false);
        }
        MongoDbOffsetContext after = chunk(collection, offset);
        return new Polled(context.records().take(offset, after), after, false);
    }

    /**
     * The offset once every collection is read whole, its {@code seq} moved to what the snapshot alone covers: a
     * collection whose stream has sent nothing yet covers every change before its {@link Position#startAt} (made before
     * its first read, so in what was read); one with a resume token covers what the stored {@code seq} says. A drain
     * that waits for no later change then ends without reading any change stream.
     */
    private static MongoDbOffsetContext covered(MongoDbOffsetContext offset) {
        long seq = Long.MAX_VALUE;
        for (Position position : offset.collections().values()) {
            if (position.streaming()) {
                Long covers = position.token() == null ? Long.valueOf(position.startAt() - 1) : offset.seq();
                if (covers == null) {
                    return offset;
                }
                seq = Math.min(seq, covers);
            }
        }
        boolean moved = seq != Long.MAX_VALUE && (offset.seq() == null || seq > offset.seq());
        return moved ? offset.covering(seq) : offset;
    }

    private static String next(MongoDbOffsetContext offset) {
        for (var entry : offset.collections().entrySet()) {
            if (!entry.getValue().snapshotDone()) {
                return entry.getKey();
            }
        }
        return null;
    }

    private List<TableCount> remaining(MongoDbOffsetContext offset) {
        List<TableCount> tables = new ArrayList<>();
        offset.collections().forEach((collection, position) -> {
            if (!position.snapshotDone()) {
                long rows = context.collection(collection).countDocuments(IdRange.between(position.lastId(), null));
                tables.add(new TableCount(collection, rows));
            }
        });
        LOG.info("snapshot of {}: {} collections to read", context.sourceId(), tables.size());
        return tables;
    }

    /** Reads one chunk of {@code collection}; the offset after it names its last {@code _id}. */
    private MongoDbOffsetContext chunk(String collection, MongoDbOffsetContext offset) {
        MongoCursor<RawBsonDocument> documents = cursor(collection, offset.position(collection).lastId());
        List<ChangeEvent> events = new ArrayList<>();
        BsonValue last = null;
        long bytes = 0;
        long now = System.currentTimeMillis();
        while (events.size() < context.batchRows() && bytes < context.stepMaxBytes() && documents.hasNext()) {
            RawBsonDocument document = documents.next();
            last = document.get(IdRange.ID);
            byte[] bson = DocumentIds.encode(document);
            bytes += bson.length;
            events.add(context.records().document(collection, Operation.SNAPSHOT, DocumentIds.key(last), bson, 0, now));
        }
        if (!events.isEmpty()) {
            context.records().addSnapshot(events);
        }
        if (!documents.hasNext()) {
            close();
            LOG.info("snapshot of {}: collection {} read", context.sourceId(), collection);
            return offset.with(collection, Position::snapshotted);
        }
        BsonValue lastId = last;
        return offset.with(collection, p -> p.readUpTo(lastId));
    }

    private MongoCursor<RawBsonDocument> cursor(String collection, BsonValue after) {
        if (cursor == null || !collection.equals(reading)) {
            close();
            cursor = context.collection(collection).find(IdRange.between(after, null)).sort(Sorts.ascending(IdRange.ID))
                    .batchSize(Math.min(context.batchRows(), 10_000)).cursor();
            reading = collection;
        }
        return cursor;
    }

    /** Closes the open cursor; the next poll opens one after the offset's last {@code _id}. */
    @Override
    public void close() {
        if (cursor != null) {
            try {
                cursor.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a snapshot cursor failed: {}", e.getMessage());
            }
            cursor = null;
            reading = null;
        }
    }
}
