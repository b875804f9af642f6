package dev.cutover.capture.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import dev.cutover.capture.mongodb.ChangeInterpreter.Outcome;
import dev.cutover.capture.mongodb.ChangeInterpreter.Send;
import dev.cutover.capture.mongodb.ChangeInterpreter.Stop;
import dev.cutover.capture.mongodb.MongoDbContext.Polled;
import dev.cutover.capture.mongodb.MongoDbOffsetContext.Position;
import dev.cutover.schemas.avro.ControlType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live changes: one change stream per collection ({@code fullDocument: updateLookup}), opened after the collection's
 * resume token, or at the cluster time its snapshot started from. A poll takes changes from the streams in turn (each
 * poll starts with the collection after the last one served), up to {@code batchRows}; a stream that has nothing
 * answers at once on some servers, so a round in which none had anything is reported idle and the task waits before the
 * next. Every change goes out keyed by its document's key; the offset after it holds its resume token. When a stream
 * has nothing, its newest resume token (a server's post-batch token) is kept too, so a quiet collection's position
 * stays within the oplog.
 *
 * <p><b>Position.</b> A stream that came back empty has sent every change made before the clock reading taken before
 * the round; one that sent a change has sent everything before that change's cluster time. The smallest of these over
 * the streaming collections is the {@code seq} every record's offset carries; when it moves without any change to send,
 * a SNAPSHOT_COMPLETED announcement carries it, so {@code finalize} and {@code run --once} see capture reach
 * {@link MongoDbChangeCapture#position()}. Not thread-safe: used by the task's polling thread only.
 */
final class MongoDbStreamingChangeEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MongoDbStreamingChangeEventSource.class);
    /** How long a getMore may wait on the server for a change; the task waits between idle rounds itself. */
    private static final long AWAIT_MS = 10;
    /** A clock reading older than this is read again before a round. */
    private static final long CLOCK_INTERVAL_MS = 200;

    private final MongoDbContext context;
    private final ChangeInterpreter interpreter;
    private final Map<String, MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>>> streams =
            new LinkedHashMap<>();
    private final Map<String, Long> covered = new HashMap<>();
    private ServerClock.Reading clock;
    private long clockReadMs;
    private int next;

    MongoDbStreamingChangeEventSource(MongoDbContext context) {
        this.context = context;
        this.interpreter = new ChangeInterpreter(context);
    }

    /** The changes of one round over the streams, and where capture stands after them. */
    Polled poll(MongoDbOffsetContext offset) {
        ServerClock.Reading reading = clock();
        List<String> names = context.collections();
        Round round = new Round(offset, context.batchRows());
        int start = next;
        for (int i = 0; i < names.size() && round.budget > 0; i++) {
            String collection = names.get((start + i) % names.size());
            Position position = round.offset.position(collection);
            if (position != null && position.streaming()) {
                drain(collection, round, reading);
                next = (start + i + 1) % names.size();
            }
        }
        MongoDbOffsetContext after = round.offset;
        Long seq = coverage(after, reading);
        boolean moved = seq != null && (offset.seq() == null || seq > offset.seq());
        if (moved) {
            after = after.covering(seq);
            if (context.records().isEmpty()) {
                context.records().addControl(ControlType.SNAPSHOT_COMPLETED, List.of());
            }
        }
        boolean idle = round.changes == 0 && round.drained;
        return new Polled(context.records().take(offset, after), after, idle);
    }

    /** Where one poll stands. */
    private static final class Round {
        MongoDbOffsetContext offset;
        int budget;
        int changes;
        boolean drained = true;

        Round(MongoDbOffsetContext offset, int budget) {
            this.offset = offset;
            this.budget = budget;
        }
    }

    /** Takes the collection's changes until its stream has nothing or the poll's budget is spent. */
    private void drain(String collection, Round round, ServerClock.Reading reading) {
        MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream = stream(collection, round.offset);
        while (round.budget > 0) {
            ChangeStreamDocument<RawBsonDocument> change = next(collection, stream);
            if (change == null) {
                covered.merge(collection, reading.before(), Math::max);
                BsonDocument token = stream.getResumeToken();
                if (token != null && !token.equals(round.offset.position(collection).token())) {
                    round.offset = round.offset.with(collection, p -> p.resumeAfter(token));
                }
                return;
            }
            round.budget--;
            round.changes++;
            if (!apply(collection, change, round)) {
                return;
            }
        }
        round.drained = false;
    }

    /** Sends what the change means; false when the collection stopped. */
    private boolean apply(String collection, ChangeStreamDocument<RawBsonDocument> change, Round round) {
        Outcome outcome = interpreter.interpret(collection, change);
        BsonDocument token = change.getResumeToken();
        if (outcome instanceof Stop stop) {
            LOG.error("capture of {}: {}", context.sourceId(), stop.reason());
            context.records().addLetter(stop.letter());
            round.offset = round.offset.with(collection, p -> p.resumeAfter(token).stop(stop.reason()));
            closeStream(collection);
            covered.remove(collection);
            return false;
        }
        if (outcome instanceof Send send) {
            context.records().addChange(send.event());
        }
        if (change.getClusterTime() != null) {
            covered.merge(collection, change.getClusterTime().getValue() - 1, Math::max);
        }
        round.offset = round.offset.with(collection, p -> p.resumeAfter(token));
        return true;
    }

    private ChangeStreamDocument<RawBsonDocument> next(String collection,
                                                      MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream) {
        try {
            return stream.tryNext();
        } catch (MongoException e) {
            if (MongoDbErrorHandler.historyLost(e)) {
                throw MongoDbErrorHandler.historyLost(context.sourceId(), collection, e);
            }
            throw e;
        }
    }

    private MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream(String collection,
                                                                               MongoDbOffsetContext offset) {
        MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> stream = streams.get(collection);
        if (stream == null) {
            stream = open(collection, offset.position(collection));
            streams.put(collection, stream);
        }
        return stream;
    }

    private MongoChangeStreamCursor<ChangeStreamDocument<RawBsonDocument>> open(String collection, Position position) {
        ChangeStreamIterable<RawBsonDocument> watch = context.collection(collection).watch()
                .fullDocument(FullDocument.UPDATE_LOOKUP)
                .batchSize(Math.min(context.batchRows(), 10_000))
                .maxAwaitTime(AWAIT_MS, TimeUnit.MILLISECONDS);
        watch = position.token() != null ? watch.resumeAfter(position.token())
                : watch.startAtOperationTime(new BsonTimestamp(position.startAt()));
        try {
            return watch.cursor();
        } catch (MongoException e) {
            if (MongoDbErrorHandler.historyLost(e)) {
                throw MongoDbErrorHandler.historyLost(context.sourceId(), collection, e);
            }
            throw e;
        }
    }

    /**
     * The smallest coverage over the streaming collections; null until each has some. With none streaming (every
     * collection stopped) nothing is left to wait for: the clock reading.
     */
    private Long coverage(MongoDbOffsetContext offset, ServerClock.Reading reading) {
        long min = reading.before();
        for (var entry : offset.collections().entrySet()) {
            if (entry.getValue().streaming()) {
                Long c = covered.get(entry.getKey());
                if (c == null) {
                    return null;
                }
                min = Math.min(min, c);
            }
        }
        return min;
    }

    private ServerClock.Reading clock() {
        long now = System.currentTimeMillis();
        if (clock == null || now - clockReadMs >= CLOCK_INTERVAL_MS) {
            clock = ServerClock.read(context.database());
            clockReadMs = now;
        }
        return clock;
    }

    private void closeStream(String collection) {
        MongoChangeStreamCursor<?> stream = streams.remove(collection);
        if (stream != null) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the change stream of {} failed: {}", collection, e.getMessage());
            }
        }
    }

    /** Closes every stream; the next poll opens them again from the offset it is given. */
    @Override
    public void close() {
        List.copyOf(streams.keySet()).forEach(this::closeStream);
        covered.clear();
    }
}
