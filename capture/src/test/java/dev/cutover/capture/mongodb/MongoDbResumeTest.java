package dev.cutover.capture.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture killed mid-snapshot and mid-stream, and the server restarted on its file: capture resumes where the committed
 * offset ends, sends again only what Kafka may hold without its offset, and misses nothing.
 */
class MongoDbResumeTest {
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

    private void insertUsers(int from, int to) {
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = from; i < to; i++) {
            documents.add(new BsonDocument("_id", new BsonInt32(i)).append("name", new BsonString("user " + i))
                    .append("tags", new BsonArray()));
        }
        users().insertMany(documents);
    }

    private static List<Integer> ids(List<ChangeEvent> events) {
        return events.stream().map(e -> MongoCaptureDriver.key((ByteBuffer) e.getKey().get(0)))
                .map(k -> Integer.parseInt(k.replaceAll("\\D", ""))).toList();
    }

    @Test
    void shouldResumeAKilledSnapshotInsideTheCollection() {
        insertUsers(0, 20);
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users"));
        capture.poll();
        capture.poll();
        capture.poll();
        capture.commit();
        List<Integer> committed = ids(capture.events(Operation.SNAPSHOT));
        users().updateOne(Filters.eq("_id", 1), Updates.set("name", new BsonString("changed while read")));
        users().deleteOne(Filters.eq("_id", 15));
        capture.poll();
        int before = capture.events().size();

        capture.restart();
        capture.assertConverged(server);

        assertThat(committed).containsExactly(0, 1, 2, 3, 4, 5);
        List<Integer> again = ids(capture.events().subList(before, capture.events().size()).stream()
                .filter(e -> e.getOp() == Operation.SNAPSHOT).toList());
        assertThat(again).first().isEqualTo(6);
        assertThat(again).doesNotContainAnyElementsOf(committed).doesNotContain(15);
    }

    @Test
    void shouldResumeAKilledStreamSendingAgainOnlyWhatWasNotCommitted() {
        insertUsers(0, 5);
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users"));
        capture.drain();
        capture.commit();
        insertUsers(5, 10);
        users().updateOne(Filters.eq("_id", 2), Updates.push("tags", new BsonString("a")));
        capture.drain();
        capture.commit();
        int committed = capture.events().size();
        users().deleteOne(Filters.eq("_id", 5));
        users().updateOne(Filters.eq("_id", 3), Updates.set("name", new BsonString("x")));
        capture.drain();
        int uncommitted = capture.events().size() - committed;
        users().replaceOne(Filters.eq("_id", 4), new BsonDocument("_id", new BsonInt32(4)).append("v", new BsonInt32(2)));

        capture.restart();
        capture.assertConverged(server);

        List<ChangeEvent> after = capture.events().subList(committed + uncommitted, capture.events().size());
        assertThat(after).extracting(ChangeEvent::getOp).doesNotContain(Operation.SNAPSHOT);
        assertThat(ids(after)).containsExactly(5, 3, 4);
    }

    @Test
    void shouldGoOnWhenTheServerRestartsOnItsFileMidSnapshotAndMidStream() throws InterruptedException {
        insertUsers(0, 12);
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users", "orders"));
        capture.poll();
        capture.poll();
        server.restart();
        insertUsers(12, 15);
        capture.drain();
        server.restart();
        insertUsers(15, 18);
        users().updateOne(Filters.eq("_id", 0), Updates.set("name", new BsonString("after restart")));
        server.collection(DB, "orders").insertOne(new BsonDocument("_id", new BsonInt32(1)));
        capture.assertConverged(server);

        assertThat(capture.replica().get("users")).hasSize(18);
    }

    @Test
    void shouldReadOneCollectionAgainOnResnapshotAndStreamTheOthersOn() {
        insertUsers(0, 4);
        server.collection(DB, "orders").insertOne(new BsonDocument("_id", new BsonInt32(1)));
        capture = MongoCaptureDriver.start(server.uri(DB), temp, List.of("users", "orders"));
        capture.drain();
        capture.commit();
        int before = capture.events().size();
        server.collection(DB, "orders").insertOne(new BsonDocument("_id", new BsonInt32(2)));

        capture.restart(Map.of(MongoDbConnectorConfig.RESNAPSHOT, "users"));
        insertUsers(4, 6);
        capture.assertConverged(server);

        List<ChangeEvent> after = capture.events().subList(before, capture.events().size());
        assertThat(after).filteredOn(e -> e.getOp() == Operation.SNAPSHOT).extracting(ChangeEvent::getTable)
                .containsOnly("users").hasSizeGreaterThanOrEqualTo(4);
        assertThat(after).filteredOn(e -> e.getTable().equals("orders")).extracting(ChangeEvent::getOp)
                .containsExactly(Operation.INSERT);
    }
}
