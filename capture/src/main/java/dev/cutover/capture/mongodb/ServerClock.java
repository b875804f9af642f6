package dev.cutover.capture.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * The server's cluster time, on the scale of the {@code clusterTime} every change event carries (a BSON timestamp as a
 * long: seconds in the high 32 bits, an ordinal in the low ones), which is also the scale of the connector's {@code seq}.
 *
 * <p>A replica set or mongos reports its {@code operationTime} in every reply: that is the reading. A server that
 * reports none (mongo-java-server, the test server, which runs on this machine) stamps its changes with its wall
 * clock's second and a counter: the reading is then the current second of this machine's clock, every change before it
 * at or below its last ordinal, every change after it at or above its first. Thread-safe.
 */
final class ServerClock {
    private static final BsonDocument PING = new BsonDocument("ping", new BsonInt32(1));

    /**
     * One reading.
     *
     * @param seen every change made before the reading has a cluster time at or below it
     * @param next every change made after the reading has a cluster time at or above it
     */
    record Reading(long seen, long next) {
        /** Every change below {@link #next} was made before the reading. */
        long before() {
            return next - 1;
        }
    }

    private ServerClock() {
    }

    static Reading read(MongoDatabase database) {
        BsonTimestamp time = operationTime(database);
        if (time != null) {
            return new Reading(time.getValue(), time.getValue() + 1);
        }
        return wallClock(System.currentTimeMillis() / 1000);
    }

    /**
     * A position that capture's {@code seq} reaches once capture has sent every change made before this call: the
     * server's {@code operationTime}. A server that reports none stamps its changes in its oplog as a replica set does:
     * the newest entry's time (the test server keeps {@code local.oplog.rs}). Without either, the end of the current
     * second, returned once that second is over: capture covers a second of such a server only after it ended.
     */
    static long position(MongoClient client, String database) {
        BsonTimestamp time = operationTime(client.getDatabase(database));
        if (time != null) {
            return time.getValue();
        }
        BsonTimestamp newest = newestOplogEntry(client);
        if (newest != null) {
            return newest.getValue();
        }
        long seconds = System.currentTimeMillis() / 1000;
        long wait = (seconds + 1) * 1000 - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return wallClock(seconds).seen();
    }

    /** The time of the newest entry of {@code local.oplog.rs}; null when there is none or it cannot be read. */
    private static BsonTimestamp newestOplogEntry(MongoClient client) {
        try {
            BsonDocument newest = client.getDatabase("local").getCollection("oplog.rs", BsonDocument.class).find()
                    .sort(new BsonDocument("ts", new BsonInt32(-1))).limit(1).first();
            BsonValue ts = newest == null ? null : newest.get("ts");
            return ts != null && ts.isTimestamp() ? ts.asTimestamp() : null;
        } catch (MongoException e) {
            return null;
        }
    }

    private static BsonTimestamp operationTime(MongoDatabase database) {
        BsonValue time = database.runCommand(PING, BsonDocument.class).get("operationTime");
        return time != null && time.isTimestamp() ? time.asTimestamp() : null;
    }

    private static Reading wallClock(long seconds) {
        return new Reading(new BsonTimestamp((int) seconds, -1).getValue(), new BsonTimestamp((int) seconds, 0).getValue());
    }

    /** A cluster time as ms since the epoch (its seconds), for lag figures. */
    static long millis(long clusterTime) {
        return new BsonTimestamp(clusterTime).getTime() * 1000L;
    }
}
