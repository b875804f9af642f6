package dev.cutover.capture.mongodb;

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
        BsonValue time = database.runCommand(PING, BsonDocument.class).get("operationTime");
        if (time != null && time.isTimestamp()) {
            long t = time.asTimestamp().getValue();
            return new Reading(t, t + 1);
        }
        long seconds = System.currentTimeMillis() / 1000;
        return new Reading(new BsonTimestamp((int) seconds, -1).getValue(), new BsonTimestamp((int) seconds, 0).getValue());
    }

    /** A cluster time as ms since the epoch (its seconds), for lag figures. */
    static long millis(long clusterTime) {
        return new BsonTimestamp(clusterTime).getTime() * 1000L;
    }
}
