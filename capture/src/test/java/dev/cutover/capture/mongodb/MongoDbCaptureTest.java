package dev.cutover.capture.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.Operation;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot and live changes against the in-process test server, with the quirks of its change events. */
class MongoDbCaptureTest {
    private static final String DB = "app";

    @TempDir
    Path temp;
    private TestMongoServer server;
    private MongoCaptureDriver capture;

    @BeforeEach
    void startServer() {
        server = TestMongoServer.start(temp.resolve("mongo.mv"));
    }

    @AfterEach
    void stop() {
        if (capture != null) {
            capture.close();
        }
        server.close();
    }

    private MongoCollection<BsonDocument> users() {
        return server.collection(DB, "users");
    }

    private static BsonDocument user(Object id, String name) {
        BsonValue value = id instanceof Integer i ? new BsonInt32(i) : id instanceof Long l ? new BsonInt64(l)
                : id instanceof ObjectId o ? new BsonObjectId(o) : new BsonString(id.toString());
        return new BsonDocument("_id", value).append("name", new BsonString(name)).append("tags", new BsonArray());
    }

    @Test
    void shouldSnapshotEveryDocumentInIdOrderWhateverTheIdTypes() {
        users().insertMany(List.of(user(3, "c"), user("b", "string id"), user(1, "a"), user(new ObjectId(), "oid"),
                user(2L, "long"), user("a", "another string")));
        server.collection(DB, "orders").insertOne(new BsonDocument("_id", new BsonInt32(10)));
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users", "orders", "empty"));

        capture.drainSnapshot();

        List<String> ids = capture.events(Operation.SNAPSHOT).stream().filter(e -> e.getTable().equals("users"))
                .map(e -> MongoCaptureDriver.key((ByteBuffer) e.getKey().get(0))).toList();
        assertThat(ids).containsExactly("{\"_id\": {\"$numberInt\": \"1\"}}", "{\"_id\": {\"$numberLong\": \"2\"}}",
                "{\"_id\": {\"$numberInt\": \"3\"}}", "{\"_id\": \"a\"}", "{\"_id\": \"b\"}",
                ids.get(5));
        assertThat(ids.get(5)).contains("$oid");
        assertThat(capture.controls().get(0).getType()).isEqualTo(ControlType.SNAPSHOT_STARTED);
        assertThat(capture.controls().get(0).getTables()).extracting(t -> t.getTable() + "=" + t.getRows())
                .containsExactly("users=6", "orders=1", "empty=0");
        capture.assertConverged(server);
    }

    /**
     * The pipeline reads the position and compares it with what capture acknowledged at once, again and again: on the
     * test server (no operationTime) the position must stay put while nothing changes, or a run never reads caught up.
     */
    @Test
    void shouldReachThePositionReadAfterTheLastChangeWithoutFurtherPolling() throws InterruptedException {
        users().insertMany(List.of(user(1, "a"), user(2, "b")));
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users", "orders"));
        capture.drain();
        users().updateOne(Filters.eq("_id", 1), Updates.set("name", new BsonString("renamed")));
        long position = position();
        long deadline = System.currentTimeMillis() + 10_000;
        while (capture.acknowledgedSeq() < position && System.currentTimeMillis() < deadline) {
            capture.poll();
        }
        Thread.sleep(1100);

        assertThat(position()).as("the position while nothing changes").isEqualTo(position);
        assertThat(capture.acknowledgedSeq()).as("capture reached the position").isGreaterThanOrEqualTo(position);
    }

    /**
     * {@code run --once} drains up to the position read after the snapshot: when nothing changed since the snapshot
     * started, the snapshot's completion alone reaches it, without a change stream reading the oplog of the load.
     */
    @Test
    void shouldReachThePositionOfTheChangesBeforeTheSnapshotWhenTheSnapshotIsRead() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            users().insertOne(user(i, "u" + i));
        }
        users().updateOne(Filters.eq("_id", 3), Updates.set("name", new BsonString("renamed")));
        long loaded = position();
        awaitSecondAfter(loaded);
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users", "orders"));

        capture.drainSnapshot();

        assertThat(capture.acknowledgedSeq()).as("capture's position when the snapshot is read")
                .isGreaterThanOrEqualTo(loaded);
        assertThat(position()).as("the position, nothing changed since the load").isEqualTo(loaded);
    }

    /** A change made after the snapshot started is not covered by the snapshot's completion: the stream sends it. */
    @Test
    void shouldStillWaitForAChangeMadeWhileTheSnapshotWasRead() throws InterruptedException {
        users().insertMany(List.of(user(1, "a"), user(2, "b")));
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users", "orders"));
        capture.poll();
        users().updateOne(Filters.eq("_id", 1), Updates.set("name", new BsonString("changed while read")));
        long changed = position();
        awaitSecondAfter(changed);

        capture.drainSnapshot();

        assertThat(capture.acknowledgedSeq()).as("capture's position when the snapshot is read").isLessThan(changed);
        capture.assertConverged(server);
        assertThat(capture.replica().get("users").get("{\"_id\": {\"$numberInt\": \"1\"}}"))
                .contains("changed while read");
    }

    private long position() {
        try (MongoDbChangeCapture changes = new MongoDbChangeCapture(MongoEndpoint.parse(server.uri(DB)))) {
            return changes.position();
        }
    }

    /** The test server's clock reading has a second's grain: a reading in a later second comes after the change. */
    private static void awaitSecondAfter(long clusterTime) throws InterruptedException {
        while (System.currentTimeMillis() / 1000 <= new BsonTimestamp(clusterTime).getTime()) {
            Thread.sleep(20);
        }
    }

    @Test
    void shouldStreamInsertsUpdatesArrayChangesReplacementsAndDeletes() {
        users().insertMany(List.of(user(1, "a"), user(2, "b"), user(3, "c")));
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users", "orders"));
        capture.drain();
        int before = capture.events().size();

        users().insertOne(user(4, "d"));
        users().updateOne(Filters.eq("_id", 1), Updates.set("name", new BsonString("renamed")));
        users().updateOne(Filters.eq("_id", 2), Updates.push("tags", new BsonString("x")));
        users().updateOne(Filters.eq("_id", 2), Updates.push("tags", new BsonString("y")));
        users().updateOne(Filters.eq("_id", 2), Updates.pull("tags", new BsonString("x")));
        users().replaceOne(Filters.eq("_id", 3), new BsonDocument("_id", new BsonInt32(3)).append("replaced",
                new BsonInt32(1)));
        users().deleteOne(Filters.eq("_id", 4));
        server.collection(DB, "orders").insertOne(new BsonDocument("_id", new BsonString("o1")));
        capture.assertConverged(server);

        List<ChangeEvent> live = capture.events().subList(before, capture.events().size());
        assertThat(live).extracting(e -> e.getOp() + " " + e.getTable()).contains("INSERT users", "UPDATE users",
                "DELETE users", "INSERT orders");
        assertThat(live).allMatch(e -> e.getSequence() > 0);
        assertThat(capture.replica().get("users").get("{\"_id\": {\"$numberInt\": \"2\"}}"))
                .contains("\"tags\": [\"y\"]");
    }

    @Test
    void shouldSkipAnUpdateWhoseDocumentWasDeletedMeanwhileAndApplyTheDelete() {
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users"));
        capture.drain();
        users().insertOne(user("gone", "x"));
        users().updateOne(Filters.eq("_id", "gone"), Updates.set("name", new BsonString("y")));
        users().replaceOne(Filters.eq("_id", "gone"), user("gone", "replaced"));
        users().deleteOne(Filters.eq("_id", "gone"));
        users().insertOne(user("kept", "k"));

        capture.assertConverged(server);

        assertThat(capture.replica().get("users")).containsOnlyKeys("{\"_id\": \"kept\"}");
        assertThat(capture.events()).noneMatch(e -> e.getOp() == Operation.UPDATE
                && !MongoCaptureDriver.key((ByteBuffer) e.getKey().get(0)).contains("\"_id\""));
    }

    @Test
    void shouldStopADroppedCollectionWithTheReasonAndGoOnWithTheOthers() {
        users().insertOne(user(1, "a"));
        server.collection(DB, "orders").insertOne(new BsonDocument("_id", new BsonInt32(1)));
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users", "orders"));
        capture.drain();

        server.collection(DB, "orders").drop();
        users().insertOne(user(2, "b"));
        capture.drain();
        server.collection(DB, "orders").insertOne(new BsonDocument("_id", new BsonInt32(2)));
        users().insertOne(user(3, "c"));
        capture.drain();

        assertThat(capture.letters()).singleElement().satisfies(letter -> {
            assertThat(letter.getTable()).isEqualTo("orders");
            assertThat(letter.getReason()).contains("was dropped", "--resnapshot orders");
        });
        assertThat(capture.replica().get("users")).hasSize(3);
        assertThat(capture.replica().get("orders")).containsOnlyKeys("{\"_id\": {\"$numberInt\": \"1\"}}");
    }
}
