package dev.cutover.capture.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import dev.cutover.schemas.source.Sources;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validator's read-back of a MongoDB collection, in the raw events' form and in _id order across id types. */
class MongoDbReadBackTest {
    @TempDir
    Path temp;
    private TestMongoServer server;
    private ReadBack readBack;
    private TablePlan users;

    @BeforeEach
    void start() {
        server = TestMongoServer.start(temp.resolve("mongo.mv"));
        List<BsonValue> ids = List.of(new BsonInt32(5), new BsonString("a"), new BsonInt64(2), new BsonObjectId(
                new ObjectId("5ca4bbc7a2dd94ee5816238c")), new BsonString("b"), new BsonInt32(9));
        for (BsonValue id : ids) {
            server.collection("app", "users").insertOne(new BsonDocument("_id", id).append("v", new BsonInt32(1)));
        }
        users = MongoCaptureDriver.plan("x", List.of("users")).tables().get(0);
        readBack = Sources.parse(server.uri("app")).readBack(false);
    }

    @AfterEach
    void stop() {
        readBack.close();
        server.close();
    }

    private static String id(SourceRow row) {
        return MongoCaptureDriver.key((ByteBuffer) row.key().get(0));
    }

    private static List<Object> key(BsonValue id) {
        return List.of(ByteBuffer.wrap(DocumentIds.key(id)));
    }

    private List<String> stream(KeyRange range) {
        List<String> ids = new ArrayList<>();
        try (ReadBack.Cursor cursor = readBack.stream(users, range)) {
            cursor.forEachRemaining(row -> ids.add(id(row)));
        }
        return ids;
    }

    @Test
    void shouldCountSampleAndReadByKey() {
        assertThat(readBack.count(users)).isEqualTo(6);
        assertThat(readBack.sample(users, 3)).hasSize(3).allSatisfy(row ->
                assertThat(((dev.cutover.schemas.avro.Document) row.values().get(0)).getBson()).isNotNull());
        List<SourceRow> rows = readBack.read(users, List.of(key(new BsonString("a")), key(new BsonInt32(9)),
                key(new BsonString("missing"))));
        assertThat(rows).extracting(MongoDbReadBackTest::id).containsExactlyInAnyOrder("{\"_id\": \"a\"}",
                "{\"_id\": {\"$numberInt\": \"9\"}}");
    }

    @Test
    void shouldStreamInIdOrderAcrossTypesAndByRanges() {
        assertThat(stream(KeyRange.ALL)).containsExactly("{\"_id\": {\"$numberLong\": \"2\"}}",
                "{\"_id\": {\"$numberInt\": \"5\"}}", "{\"_id\": {\"$numberInt\": \"9\"}}", "{\"_id\": \"a\"}",
                "{\"_id\": \"b\"}", "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}}");
        assertThat(stream(new KeyRange(key(new BsonInt32(5)), key(new BsonString("a"))))).containsExactly(
                "{\"_id\": {\"$numberInt\": \"9\"}}", "{\"_id\": \"a\"}");
        assertThat(stream(new KeyRange(key(new BsonString("a")), null))).containsExactly("{\"_id\": \"b\"}",
                "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}}");
        assertThat(stream(new KeyRange(null, key(new BsonInt32(5))))).hasSize(2);
    }
}
