package dev.cutover.capture.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.Sources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The capture scenario against a real MongoDB 7 single-node replica set (Testcontainers), where the server sends what
 * mongo-java-server does not (ns, operationTime, post-batch resume tokens, invalidate after drop). Skipped, saying why,
 * where no Docker engine runs.
 */
class MongoDbReplicaSetIT {
    private static final String DB = "app";
    private static GenericContainer<?> mongo;
    private static String uri;

    @TempDir
    Path temp;
    private MongoClient client;
    private MongoCaptureDriver capture;

    @BeforeAll
    static void startReplicaSet() throws Exception {
        Assumptions.assumeTrue(dockerAvailable(), "no Docker engine here: the real MongoDB 7 replica set test is "
                + "skipped (mongo-java-server covers the scenario in MongoDbCaptureTest and MongoDbResumeTest)");
        mongo = new GenericContainer<>("mongo:7").withCommand("--replSet", "rs0", "--bind_ip_all")
                .withExposedPorts(27017).waitingFor(Wait.forLogMessage(".*Waiting for connections.*", 1))
                .withStartupTimeout(Duration.ofMinutes(3));
        mongo.start();
        mongo.execInContainer("mongosh", "--quiet", "--eval",
                "rs.initiate({_id: 'rs0', members: [{_id: 0, host: 'localhost:27017'}]})");
        uri = "mongodb://" + mongo.getHost() + ":" + mongo.getMappedPort(27017) + "/" + DB + "?directConnection=true";
        try (MongoClient probe = MongoClients.create(uri)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!probe.getDatabase("admin").runCommand(new BsonDocument("hello", new BsonInt32(1)))
                    .getBoolean("isWritablePrimary", false)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the replica set did not elect a primary within 60 s");
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @AfterAll
    static void stopReplicaSet() {
        if (mongo != null) {
            mongo.stop();
        }
    }

    @AfterEach
    void close() {
        if (capture != null) {
            capture.close();
        }
        if (client != null) {
            client.getDatabase(DB).drop();
            client.close();
        }
    }

    private MongoDatabase database() {
        if (client == null) {
            client = MongoClients.create(uri);
        }
        return client.getDatabase(DB);
    }

    private MongoCollection<BsonDocument> users() {
        return database().getCollection("users", BsonDocument.class);
    }

    private void insertUsers(int from, int to) {
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = from; i < to; i++) {
            documents.add(new BsonDocument("_id", new BsonInt32(i)).append("tags", new BsonArray()));
        }
        users().insertMany(documents);
    }

    @Test
    void shouldSnapshotStreamAndResumeAfterKills() {
        insertUsers(0, 20);
        Sources.parse(uri).check(Access.LIVE);
        capture = MongoCaptureDriver.start(uri, temp, List.of("users", "orders"));
        capture.poll();
        capture.poll();
        capture.commit();
        users().updateOne(Filters.eq("_id", 1), Updates.set("name", new BsonString("changed while read")));
        capture.restart();
        capture.assertConverged(database());
        capture.commit();

        insertUsers(20, 25);
        users().updateOne(Filters.eq("_id", 2), Updates.push("tags", new BsonString("a")));
        users().updateOne(Filters.eq("_id", 2), Updates.pull("tags", new BsonString("a")));
        users().replaceOne(Filters.eq("_id", 3), new BsonDocument("_id", new BsonInt32(3)).append("v", new BsonInt32(1)));
        users().deleteOne(Filters.eq("_id", 4));
        capture.drain();
        capture.restart();
        users().updateOne(Filters.eq("_id", 5), Updates.set("name", new BsonString("after kill")));
        capture.assertConverged(database());

        database().getCollection("orders").insertOne(new org.bson.Document("_id", 1));
        database().getCollection("orders").drop();
        users().insertOne(new BsonDocument("_id", new BsonInt32(99)));
        capture.assertConverged(database());
        assertThat(capture.letters()).extracting(l -> l.getTable()).containsOnly("orders");
        assertThat(capture.events(Operation.DELETE)).isNotEmpty();
    }

    @Test
    void shouldNameTheCollectionWhenTheOplogNoLongerHoldsItsPosition() {
        insertUsers(0, 2);
        capture = MongoCaptureDriver.start(uri, temp, List.of("users"));
        capture.drain();
        capture.commit();
        MongoDbOffsetContext stored = MongoDbOffsetContext.fromMap(capture.committedOffset());
        MongoDbOffsetContext ancient = new MongoDbOffsetContext(Map.of("users", new MongoDbOffsetContext.Position(
                new BsonTimestamp(1, 0).getValue(), null, null, true, null)), stored.seq());
        capture.commitOffset(ancient.toMap());

        capture.restart();

        assertThatThrownBy(capture::drain).isInstanceOf(CutoverException.class)
                .hasMessageContaining("collection users").hasMessageContaining("--resnapshot users");
    }
}
