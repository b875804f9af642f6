package dev.cutover.capture.mongodb;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Operation;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one change-stream event of a collection into the raw event it means, relying only on what every server sends:
 * the collection is the stream's own (events may carry no {@code ns}; a drop that names none is this collection's only
 * when it is gone); the key is {@code fullDocument._id}, else a
 * {@code documentKey._id} (a document key that is update operators is no key); a full document without {@code _id}
 * (or none, or an empty one) is not used: the document is read again by its key, and when it is gone nothing is sent,
 * since its delete follows in the stream. Thread-confined: the task's polling thread.
 */
final class ChangeInterpreter {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeInterpreter.class);

    /** What to do with one event. */
    sealed interface Outcome permits Send, Skip, Stop {
    }

    /** Send this raw event. */
    record Send(ChangeEvent event) implements Outcome {
    }

    /** Nothing to send (the document is gone, or the event is of no concern). */
    record Skip() implements Outcome {
    }

    /** The collection cannot be streamed any more; the letter says why and what to do. */
    record Stop(String reason, DeadLetter letter) implements Outcome {
    }

    private final MongoDbContext context;

    ChangeInterpreter(MongoDbContext context) {
        this.context = context;
    }

    Outcome interpret(String collection, ChangeStreamDocument<RawBsonDocument> change) {
        String type = change.getOperationTypeString();
        long sequence = change.getClusterTime() == null ? 0 : change.getClusterTime().getValue();
        long sourceMs = change.getWallTime() != null ? change.getWallTime().getValue() : ServerClock.millis(sequence);
        return switch (type == null ? "" : type) {
            case "insert", "update", "replace" -> written(collection, change, type, sequence, sourceMs);
            case "delete" -> deleted(collection, change, sequence, sourceMs);
            case "drop", "rename", "dropDatabase", "invalidate" -> concerns(collection, change, type)
                    ? stop(collection, change, type, sequence) : new Skip();
            default -> {
                LOG.debug("capture of {}: {} event on {} ignored", context.sourceId(), type, collection);
                yield new Skip();
            }
        };
    }

    private Outcome written(String collection, ChangeStreamDocument<RawBsonDocument> change, String type,
                            long sequence, long sourceMs) {
        RawBsonDocument full = change.getFullDocument();
        BsonValue id = full != null && full.containsKey(IdRange.ID) ? full.get(IdRange.ID) : keyOf(change.getDocumentKey());
        if (id == null) {
            LOG.debug("capture of {}: a {} of {} names no _id (deleted meanwhile); its delete follows",
                    context.sourceId(), type, collection);
            return new Skip();
        }
        RawBsonDocument document = full != null && full.containsKey(IdRange.ID) ? full : reread(collection, id);
        if (document == null) {
            return new Skip();
        }
        Operation op = type.equals("insert") ? Operation.INSERT : Operation.UPDATE;
        return new Send(context.records().document(collection, op, DocumentIds.key(id), DocumentIds.encode(document),
                sequence, sourceMs));
    }

    private Outcome deleted(String collection, ChangeStreamDocument<RawBsonDocument> change, long sequence,
                            long sourceMs) {
        BsonValue id = keyOf(change.getDocumentKey());
        if (id == null) {
            LOG.warn("capture of {}: a delete in {} names no _id; it is ignored", context.sourceId(), collection);
            return new Skip();
        }
        return new Send(context.records().delete(collection, DocumentIds.key(id), sequence, sourceMs));
    }

    /** The {@code _id} of a document key, or null when it has none or is something else (update operators). */
    private static BsonValue keyOf(BsonDocument documentKey) {
        if (documentKey == null || !documentKey.containsKey(IdRange.ID)) {
            return null;
        }
        for (String field : documentKey.keySet()) {
            if (field.startsWith("$")) {
                return null;
            }
        }
        return documentKey.get(IdRange.ID);
    }

    /**
     * True when a drop or rename is of this collection: the one its namespace names, or, for an event that names none
     * (some servers send a bare drop to every stream of the database), when the collection is gone.
     */
    private boolean concerns(String collection, ChangeStreamDocument<RawBsonDocument> change, String type) {
        if (type.equals("invalidate") || type.equals("dropDatabase")) {
            return true;
        }
        if (change.getNamespace() != null) {
            return collection.equals(change.getNamespace().getCollectionName());
        }
        return !context.database().listCollectionNames().into(new java.util.ArrayList<>()).contains(collection);
    }

    private RawBsonDocument reread(String collection, BsonValue id) {
        return context.collection(collection).find(Filters.eq(IdRange.ID, id)).first();
    }

    private Outcome stop(String collection, ChangeStreamDocument<RawBsonDocument> change, String type, long sequence) {
        String what = switch (type) {
            case "rename" -> "was renamed" + (change.getDestinationNamespace() == null ? ""
                    : " to " + change.getDestinationNamespace().getCollectionName());
            case "dropDatabase" -> "was dropped with its database";
            case "invalidate" -> "can no longer be followed (the server invalidated its change stream: it was dropped "
                    + "or renamed)";
            default -> "was dropped";
        };
        String reason = "collection " + collection + " " + what + " in the source, so capture stopped following it; "
                + "its rows stay in PostgreSQL as they were. If the application uses it again (recreated, or renamed "
                + "back), run `cutover run --resnapshot " + collection + "` to read it anew; if it lives on under "
                + "another name, run `cutover plan` again and migrate that collection";
        DeadLetter letter = DeadLetter.newBuilder()
                .setId(context.sourceId() + "/" + collection + "/stopped/" + sequence)
                .setStage("capture")
                .setSource(context.sourceId())
                .setTable(collection)
                .setKey("{}")
                .setReason(reason)
                .setTimeMs(System.currentTimeMillis())
                .build();
        return new Stop(reason, letter);
    }
}
