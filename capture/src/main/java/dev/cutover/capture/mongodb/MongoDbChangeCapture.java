package dev.cutover.capture.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ChangeCapture;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A MongoDB database's change position as the pipeline, {@code finalize} and {@code status} see it: the server's
 * cluster time now ({@link ServerClock#position}), the scale of the {@code seq} the connector's offsets carry.
 * Change streams need nothing installed in the database, so there is nothing to remove, and the server keeps no record
 * of which documents capture has yet to send. The first {@link #position()} opens a client that later ones share
 * (the pipeline asks every second for its lag) until {@link #close()}, after which each call opens its own;
 * thread-safe.
 */
final class MongoDbChangeCapture implements ChangeCapture {
    private final MongoEndpoint endpoint;
    private MongoClient client;
    private boolean closed;

    MongoDbChangeCapture(MongoEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Every change made before this call is in Kafka once capture's {@code seq} reaches it. */
    @Override
    public long position() {
        try {
            synchronized (this) {
                if (!closed) {
                    return ServerClock.position(client(), endpoint.database());
                }
            }
            try (MongoClient once = endpoint.client(MongoDbSource.CHECK_TIMEOUT_MS)) {
                return ServerClock.position(once, endpoint.database());
            }
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "read the server's cluster time", e);
        }
    }

    private MongoClient client() {
        if (client == null) {
            client = endpoint.client(MongoDbSource.CHECK_TIMEOUT_MS);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** The offsets alone say where to carry on: nothing of capture lives in the source. */
    @Override
    public boolean resumesWithoutCapture() {
        return true;
    }

    @Override
    public boolean installed() {
        return false;
    }

    @Override
    public Optional<String> remove() {
        return Optional.empty();
    }

    /**
     * Refused: a change stream sends a document only when it changes, and capture does not write to the application's
     * database to make it change.
     */
    @Override
    public Resent resend(TablePlan table, List<String> keys) {
        String collection = table.fromDocuments() ? table.document().collection() : table.source();
        throw CutoverException.config("a MongoDB source cannot send single documents of " + collection + " again; run "
                + "`cutover run --resnapshot " + collection + "` to read that collection again, or accept them with "
                + "`cutover finalize --accept-errors`");
    }

    /** None: a change stream tells what changed only by sending it. */
    @Override
    public Map<String, List<List<Object>>> pendingKeys(Plan plan) {
        return Map.of();
    }
}
