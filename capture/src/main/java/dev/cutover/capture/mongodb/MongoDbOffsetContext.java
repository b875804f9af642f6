package dev.cutover.capture.mongodb;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Where capture stands in a MongoDB database, stored as the Kafka Connect source offset of every record (in the
 * capture-offsets topic) and read back when the task starts. The database is one source partition, so a commit is one
 * atomic point for every collection. The map keys are {@code collections} (canonical Extended JSON of each collection's
 * {@link Position}) and, once the completed snapshot or streaming has covered anything, {@code seq}.
 *
 * @param collections each planned collection's position, in plan order
 * @param seq         a cluster time (see {@link ServerClock}) up to which every change of every streaming collection is
 *                    in Kafka once this record is; null before the completed snapshot or streaming covered anything
 */
record MongoDbOffsetContext(Map<String, Position> collections, Long seq) {
    static final String SEQ = "seq";
    private static final String COLLECTIONS = "collections";
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    MongoDbOffsetContext {
        collections = Collections.unmodifiableMap(new LinkedHashMap<>(collections));
    }

    /**
     * One collection's position.
     *
     * @param startAt      the cluster time its change stream starts at (inclusive) while it has no resume token: taken
     *                     before its snapshot read anything
     * @param token        the resume token after the last change sent (or the stream's newest one), or null
     * @param lastId       the {@code _id} of the last snapshot document sent, or null before the first
     * @param snapshotDone true once its snapshot read the whole collection
     * @param stopped      why capture stopped streaming it (dropped, renamed), or null
     */
    record Position(long startAt, BsonDocument token, BsonValue lastId, boolean snapshotDone, String stopped) {

        /** A collection to snapshot from its start, then stream from {@code startAt}. */
        static Position fresh(long startAt) {
            return new Position(startAt, null, null, false, null);
        }

        Position readUpTo(BsonValue id) {
            return new Position(startAt, token, id, snapshotDone, stopped);
        }

        Position snapshotted() {
            return new Position(startAt, token, null, true, stopped);
        }

        Position resumeAfter(BsonDocument newToken) {
            return new Position(startAt, newToken, lastId, snapshotDone, stopped);
        }

        Position stop(String reason) {
            return new Position(startAt, token, lastId, snapshotDone, reason);
        }

        boolean streaming() {
            return snapshotDone && stopped == null;
        }

        BsonDocument toBson() {
            BsonDocument bson = new BsonDocument("startAt", new BsonInt64(startAt))
                    .append("done", BsonBoolean.valueOf(snapshotDone));
            if (token != null) {
                bson.append("token", token);
            }
            if (lastId != null) {
                bson.append("lastId", lastId);
            }
            if (stopped != null) {
                bson.append("stopped", new BsonString(stopped));
            }
            return bson;
        }

        static Position fromBson(BsonDocument bson) {
            return new Position(bson.getInt64("startAt").getValue(),
                    bson.containsKey("token") ? bson.getDocument("token") : null, bson.get("lastId"),
                    bson.getBoolean("done").getValue(),
                    bson.containsKey("stopped") ? bson.getString("stopped").getValue() : null);
        }
    }

    static Map<String, String> partition(String sourceId) {
        return Map.of("source", sourceId);
    }

    /** True while some collection's snapshot has not read it whole. */
    boolean snapshotting() {
        return collections.values().stream().anyMatch(p -> !p.snapshotDone());
    }

    Position position(String collection) {
        return collections.get(collection);
    }

    MongoDbOffsetContext with(String collection, UnaryOperator<Position> change) {
        Map<String, Position> changed = new LinkedHashMap<>(collections);
        changed.put(collection, change.apply(collections.get(collection)));
        return new MongoDbOffsetContext(changed, seq);
    }

    MongoDbOffsetContext covering(long newSeq) {
        return new MongoDbOffsetContext(collections, newSeq);
    }

    Map<String, Object> toMap() {
        BsonDocument all = new BsonDocument();
        collections.forEach((name, position) -> all.append(name, position.toBson()));
        Map<String, Object> map = new HashMap<>();
        map.put(COLLECTIONS, all.toJson(CANONICAL));
        if (seq != null) {
            map.put(SEQ, seq);
        }
        return map;
    }

    /** Reads a stored offset; null when capture never committed one for this database. */
    static MongoDbOffsetContext fromMap(Map<String, ?> map) {
        if (map == null || !(map.get(COLLECTIONS) instanceof String json)) {
            return null;
        }
        Map<String, Position> collections = new LinkedHashMap<>();
        BsonDocument.parse(json).forEach((name, position) -> collections.put(name, Position.fromBson(position.asDocument())));
        Object seq = map.get(SEQ);
        return new MongoDbOffsetContext(collections, seq == null ? null : ((Number) seq).longValue());
    }
}
