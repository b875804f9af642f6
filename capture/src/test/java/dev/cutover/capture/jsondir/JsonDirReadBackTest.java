package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.capture.document.DocumentCollections;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a directory back for the validator and the planner: counts, samples, rows by key, key order, cursors. */
class JsonDirReadBackTest {
    @TempDir
    Path root;

    private TablePlan table(String collection, List<String> key) {
        Plan plan = JsonDirCaptureDriver.plan(root, Map.of(collection, key));
        return plan.tables().get(0);
    }

    private static String key(SourceRow row) {
        return JsonDirCaptureDriver.json((ByteBuffer) row.key().get(0));
    }

    private static List<String> keys(ReadBack.Cursor cursor) {
        List<String> keys = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(row -> keys.add(key(row)));
        }
        return keys;
    }

    private static List<Object> rawKey(BsonDocument key) {
        return List.of(ByteBuffer.wrap(DocumentKeyEncoder.encode(key)));
    }

    @Test
    void shouldStreamDocumentsInMongoKeyOrderWithinARange() {
        new TestDirectory(root).lines("mixed.jsonl", "{\"_id\": \"b\"}", "{\"_id\": 10}", "{\"_id\": 2.5}",
                "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}}", "{\"_id\": null}", "{\"_id\": \"a\"}",
                "{\"_id\": {\"$numberLong\": \"3\"}}", "{\"_id\": true}", "{\"_id\": {\"x\": 1}}", "{\"_id\": 2}");
        TablePlan mixed = table("mixed", List.of("_id"));
        ReadBack back = new JsonDirReadBack(new JsonDirectory(root), 1 << 20);

        assertThat(keys(back.stream(mixed, KeyRange.ALL))).containsExactly("{\"_id\": null}", "{\"_id\": 2}",
                "{\"_id\": 2.5}", "{\"_id\": 3}", "{\"_id\": 10}", "{\"_id\": \"a\"}", "{\"_id\": \"b\"}",
                "{\"_id\": {\"x\": 1}}", "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}}", "{\"_id\": true}");
        KeyRange range = new KeyRange(rawKey(new BsonDocument("_id", new BsonInt32(2))),
                rawKey(new BsonDocument("_id", new org.bson.BsonString("a"))));
        assertThat(keys(back.stream(mixed, range))).containsExactly("{\"_id\": 2.5}", "{\"_id\": 3}",
                "{\"_id\": 10}", "{\"_id\": \"a\"}");
    }

    @Test
    void shouldSortMoreDocumentsThanOneRunHoldsThroughTemporaryFilesAndRemoveThem() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 999; i >= 0; i--) {
            lines.append("{\"_id\": ").append(i * 7 % 1000).append(", \"pad\": \"").append("x".repeat(100)).append("\"}\n");
        }
        new TestDirectory(root).write("big.jsonl", lines.toString());
        TablePlan big = table("big", List.of("_id"));
        long tempFiles = countTemporaryDirectories();

        ReadBack.Cursor cursor = new JsonDirReadBack(new JsonDirectory(root), 1 << 20, 20_000).stream(big, KeyRange.ALL);
        assertThat(countTemporaryDirectories()).isEqualTo(tempFiles + 1);
        List<String> keys = keys(cursor);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add("{\"_id\": " + i + "}");
        }
        assertThat(keys).isEqualTo(expected);
        assertThat(countTemporaryDirectories()).isEqualTo(tempFiles);
    }

    private static long countTemporaryDirectories() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("cutover-jsondir-sort")).count();
        }
    }

    @Test
    void shouldCountSampleAndReadDocumentsByKey() {
        new TestDirectory(root).write("conversations/c1.json", "{\"_id\": \"c1\", \"n\": 1}")
                .write("conversations/c2.json", "{\"_id\": \"c2\", \"n\": 2}")
                .write("conversations/bad.json", "{\"_id\": ")
                .write("conversations/noid.json", "{\"n\": 3}");
        TablePlan conversations = table("conversations", List.of("_id"));
        ReadBack back = new JsonDirReadBack(new JsonDirectory(root), 1 << 20);

        assertThat(back.count(conversations)).isEqualTo(2);
        assertThat(back.sample(conversations, 5)).extracting(JsonDirReadBackTest::key)
                .containsExactlyInAnyOrder("{\"_id\": \"c1\"}", "{\"_id\": \"c2\"}");
        assertThat(back.sample(conversations, 1)).hasSize(1);
        List<SourceRow> rows = back.read(conversations, List.of(
                rawKey(new BsonDocument("_id", new org.bson.BsonString("c2"))),
                rawKey(new BsonDocument("_id", new org.bson.BsonString("zz")))));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(key(row)).isEqualTo("{\"_id\": \"c2\"}");
            assertThat(JsonDirCaptureDriver.json(((dev.cutover.schemas.avro.Document) row.values().get(0)).getBson()))
                    .isEqualTo("{\"_id\": \"c2\", \"n\": 2}");
        });
    }

    @Test
    void shouldReadDocumentsKeyedByFileName() {
        new TestDirectory(root).write("usage/ann.json", "{\"daily\": 1}").write("usage/bob.json", "{\"daily\": 2}");
        TablePlan usage = table("usage", List.of("$file"));

        assertThat(keys(new JsonDirReadBack(new JsonDirectory(root), 1 << 20).stream(usage, KeyRange.ALL)))
                .containsExactly("{\"$file\": \"ann\"}", "{\"$file\": \"bob\"}");
    }

    @Test
    void shouldRefuseAnOwnedTable() {
        TablePlan owned = new TablePlan("c.tags[]", "c_tags", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY,
                List.of(DocumentPlan.OWNER, DocumentPlan.ELEMENT), List.of("c_id", "tags_id")), List.of(), List.of(),
                List.of(), List.of(), 0, List.of(), DocumentPlan.owned("c", "tags", null));

        assertThatThrownBy(() -> new JsonDirReadBack(new JsonDirectory(root), 1 << 20).count(owned))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("through their collection");
    }

    @Test
    void shouldGiveThePlannerEveryCollectionItsDocumentsAndWhatDidNotRead() {
        new TestDirectory(root).lines("users.jsonl", "{\"_id\": 1}", "{\"_id\": }", "{\"_id\": 3}")
                .write("orders.json", "[{\"_id\": 1}]")
                .write("usage/ann.json", "{\"daily\": 1}");
        DocumentCollections collections = new JsonDirCollections(new JsonDirectory(root), 1 << 20);

        assertThat(collections.collections()).containsExactlyInAnyOrder("users", "orders", "usage");
        assertThat(collections.filePerDocument("usage")).isTrue();
        assertThat(collections.filePerDocument("users")).isFalse();
        assertThat(collections.count("users")).isEqualTo(2);
        try (DocumentCollections.Cursor cursor = collections.documents("users")) {
            List<BsonDocument> documents = new ArrayList<>();
            cursor.forEachRemaining(documents::add);
            assertThat(documents).extracting(d -> d.getInt32("_id").getValue()).containsExactly(1, 3);
            assertThat(cursor.unreadable()).singleElement().asString().startsWith("users.jsonl line 2: invalid JSON");
            assertThat(cursor.unreadableCount()).isEqualTo(1);
        }
    }
}
