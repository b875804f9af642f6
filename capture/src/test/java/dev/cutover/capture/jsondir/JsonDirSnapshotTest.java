package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Document;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.TableCount;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot of a real directory: every layout, key and Extended JSON form, and hostile documents. */
class JsonDirSnapshotTest {
    private static final List<String> ID = List.of("_id");

    @TempDir
    Path root;
    @TempDir
    Path work;
    private TestDirectory dir;
    private JsonDirCaptureDriver capture;

    @BeforeEach
    void directory() {
        dir = new TestDirectory(root);
    }

    @AfterEach
    void close() {
        if (capture != null) {
            capture.close();
        }
    }

    private JsonDirCaptureDriver start(Map<String, List<String>> collections) {
        return start(collections, Map.of());
    }

    private JsonDirCaptureDriver start(Map<String, List<String>> collections, Map<String, String> settings) {
        capture = JsonDirCaptureDriver.start(root, work, collections, settings);
        return capture;
    }

    private static BsonDocument document(ChangeEvent event) {
        return new RawBsonDocument(JsonDirCaptureDriver.bytes(((Document) event.getValues().get(0)).getBson()));
    }

    private static String key(ChangeEvent event) {
        return JsonDirCaptureDriver.json((ByteBuffer) event.getKey().get(0));
    }

    /** A key as the replica names it. */
    private static String id(String canonicalValue) {
        return "{\"_id\": " + canonicalValue + "}";
    }

    private static Map<String, List<String>> collections(Object... nameAndKey) {
        Map<String, List<String>> collections = new LinkedHashMap<>();
        for (int i = 0; i < nameAndKey.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> key = (List<String>) nameAndKey[i + 1];
            collections.put((String) nameAndKey[i], key);
        }
        return collections;
    }

    @Test
    void shouldSnapshotBothLayouts() {
        dir.lines("users.jsonl", "{\"_id\": 1, \"name\": \"Ann\"}", "{\"_id\": 2, \"name\": \"Bob\"}")
                .write("orders.json", "[\n {\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}, \"total\": 3.5},\n"
                        + " {\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238d\"}, \"total\": 7}\n]\n")
                .write("conversations/c1.json", "{\"_id\": \"c1\", \"messages\": [{\"role\": \"user\"}]}")
                .write("conversations/c2.json", "{\n  \"_id\": \"c2\",\n  \"messages\": []\n}\n")
                .write("usage/alice.json", "{\"daily\": 3, \"monthly\": 40}")
                .settle();

        start(collections("users", ID, "orders", ID, "conversations", ID, "usage", List.of("$file")))
                .assertConverged();

        assertThat(capture.replica().get("usage")).containsOnlyKeys("{\"$file\": \"alice\"}");
        assertThat(capture.replica().get("orders")).containsKey(id("{\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}"));
        assertThat(capture.events()).hasSize(7).allSatisfy(e -> {
            assertThat(e.getOp()).isEqualTo(Operation.SNAPSHOT);
            assertThat(e.getSequence()).isZero();
            assertThat(e.getKeyColumns()).containsExactly("$key");
            assertThat(e.getColumns()).containsExactly("$document");
        });
        assertThat(capture.letters()).isEmpty();
    }

    @Test
    void shouldAnnounceTheDocumentsToReadThenCompletion() {
        dir.lines("users.jsonl", "{\"_id\": 1}", "{\"_id\": 2}", "{\"_id\": 3}")
                .write("conversations/c1.json", "{\"_id\": 1}")
                .write("conversations/c2.json", "{\"_id\": 2}")
                .settle();

        start(collections("users", ID, "conversations", ID, "absent", ID)).drain();

        assertThat(capture.controls().get(0).getType()).isEqualTo(ControlType.SNAPSHOT_STARTED);
        assertThat(capture.controls().get(0).getTables()).containsExactly(new TableCount("users", 3L),
                new TableCount("conversations", 2L), new TableCount("absent", 0L));
        assertThat(capture.controls().get(1).getType()).isEqualTo(ControlType.SNAPSHOT_COMPLETED);
    }

    @Test
    void shouldKeepEveryExtendedJsonTypeAndPlainJson() {
        dir.lines("things.jsonl",
                "{\"_id\": {\"$numberInt\": \"1\"}, \"oid\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}, "
                        + "\"date\": {\"$date\": {\"$numberLong\": \"1577836800000\"}}, \"long\": {\"$numberLong\": \"5\"}, "
                        + "\"double\": {\"$numberDouble\": \"1.5\"}, \"decimal\": {\"$numberDecimal\": \"1.10\"}, "
                        + "\"binary\": {\"$binary\": {\"base64\": \"AQI=\", \"subType\": \"05\"}}, "
                        + "\"uuid\": {\"$uuid\": \"00112233-4455-6677-8899-aabbccddeeff\"}, "
                        + "\"ts\": {\"$timestamp\": {\"t\": 1, \"i\": 2}}, "
                        + "\"regex\": {\"$regularExpression\": {\"pattern\": \"^a\", \"options\": \"i\"}}, "
                        + "\"min\": {\"$minKey\": 1}, \"max\": {\"$maxKey\": 1}}",
                "{\"_id\": 2, \"date\": {\"$date\": \"2020-01-01T00:00:00Z\"}, \"long\": 3000000000, \"double\": 2.5, "
                        + "\"text\": \"plain\", \"flag\": false, \"none\": null, \"list\": [1, \"a\", {\"b\": true}]}");

        start(collections("things", ID)).assertConverged();

        BsonDocument canonical = document(capture.events().get(0));
        assertThat(canonical.get("oid").getBsonType()).isEqualTo(BsonType.OBJECT_ID);
        assertThat(canonical.get("date").getBsonType()).isEqualTo(BsonType.DATE_TIME);
        assertThat(canonical.get("long").getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(canonical.get("decimal").getBsonType()).isEqualTo(BsonType.DECIMAL128);
        assertThat(canonical.getBinary("binary").getType()).isEqualTo((byte) 5);
        assertThat(canonical.getBinary("uuid").getType()).isEqualTo((byte) 4);
        assertThat(canonical.get("ts").getBsonType()).isEqualTo(BsonType.TIMESTAMP);
        assertThat(canonical.get("regex").getBsonType()).isEqualTo(BsonType.REGULAR_EXPRESSION);
        assertThat(canonical.get("min").getBsonType()).isEqualTo(BsonType.MIN_KEY);
        assertThat(canonical.get("max").getBsonType()).isEqualTo(BsonType.MAX_KEY);
        BsonDocument relaxed = document(capture.events().get(1));
        assertThat(relaxed.getDateTime("date").getValue()).isEqualTo(1577836800000L);
        assertThat(relaxed.get("long").getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(relaxed.get("_id").getBsonType()).isEqualTo(BsonType.INT32);
        assertThat(key(capture.events().get(0))).isEqualTo("{\"_id\": 1}");
    }

    @Test
    void shouldKeyDocumentsAsThePlanSays() {
        dir.lines("people.jsonl", "{\"id\": \"p1\", \"name\": \"Ann\"}")
                .lines("visits.jsonl", "{\"user\": \"ann\", \"day\": 3, \"n\": 1}")
                .lines("logs.jsonl", "{\"msg\": \"hello\"}")
                .lines("grades.jsonl", "{\"_id\": {\"student\": 7, \"term\": \"T1\"}, \"grade\": \"A\"}")
                .write("notes/today.json", "{\"text\": \"hi\"}");

        start(collections("people", List.of("id"), "visits", List.of("user", "day"), "logs", List.of("$hash"),
                "grades", List.of("_id.student", "_id.term"), "notes", List.of("$file"))).assertConverged();

        assertThat(capture.replica()).containsOnlyKeys("people", "visits", "logs", "grades", "notes");
        assertThat(capture.replica().get("people")).containsOnlyKeys("{\"id\": \"p1\"}");
        assertThat(capture.replica().get("visits")).containsOnlyKeys(
                "{\"user\": \"ann\", \"day\": {\"$numberInt\": \"3\"}}");
        assertThat(capture.replica().get("grades")).containsOnlyKeys(
                id("{\"student\": {\"$numberInt\": \"7\"}, \"term\": \"T1\"}"));
        assertThat(capture.replica().get("notes")).containsOnlyKeys("{\"$file\": \"today\"}");
        assertThat(capture.replica().get("logs").keySet().iterator().next())
                .matches("\\{\"\\$hash\": \"[0-9a-f]{64}\"}");
    }

    @Test
    void shouldKeepMixedIdTypesApart() {
        dir.lines("mixed.jsonl", "{\"_id\": 1, \"v\": \"int\"}", "{\"_id\": \"1\", \"v\": \"string\"}",
                "{\"_id\": {\"$numberLong\": \"1\"}, \"v\": \"long\"}", "{\"_id\": 1.5, \"v\": \"double\"}",
                "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}, \"v\": \"oid\"}", "{\"_id\": {\"a\": 1}, \"v\": \"doc\"}");

        start(collections("mixed", ID)).assertConverged();

        assertThat(capture.replica().get("mixed")).hasSize(6);
        assertThat(capture.letters()).isEmpty();
    }

    @Test
    void shouldLoadEmptyFilesAndEmptyArraysAsNoDocuments() {
        dir.write("empty.jsonl", "").write("blank.json", "\n\n").write("none.json", "[]").write("spaces.json", " [ \n ] ");

        start(collections("empty", ID, "blank", ID, "none", ID, "spaces", ID)).assertConverged();

        assertThat(capture.replica()).isEmpty();
        assertThat(capture.letters()).isEmpty();
    }

    @Test
    void shouldSendHostileDocumentsToTheErrorLogByFileAndLineAndGoOn() {
        dir.lines("hostile.jsonl",
                "{\"_id\": 1, \"$set\": {\"a.b\": 1}, \"x.y\": \"dotted\"}",
                "{\"_id\": 2, \"bad\": }",
                "{\"_id\": 3, \"when\": {\"$date\": \"yesterday\"}}",
                "{\"_id\": 4, \"oid\": {\"$oid\": \"xyz\"}}",
                "{\"_id\": 5, \"a\": 1, \"a\": 2}",
                "{\"_id\": 1, \"again\": true}",
                "{\"name\": \"no id\"}",
                "[1, 2]",
                "{\"_id\": 9, \"ok\": true}");

        start(collections("hostile", ID)).assertConverged();

        assertThat(capture.replica().get("hostile")).containsOnlyKeys(id("{\"$numberInt\": \"1\"}"),
                id("{\"$numberInt\": \"9\"}"));
        assertThat(capture.replica().get("hostile").get(id("{\"$numberInt\": \"1\"}"))).contains("\"$set\": {\"a.b\": 1}", "\"x.y\"");
        assertThat(capture.letters()).extracting(DeadLetter::getReason).satisfiesExactly(
                r -> assertThat(r).startsWith("file hostile.jsonl line 2: invalid JSON or Extended JSON"),
                r -> assertThat(r).startsWith("file hostile.jsonl line 3: invalid JSON or Extended JSON"),
                r -> assertThat(r).startsWith("file hostile.jsonl line 4: invalid JSON or Extended JSON"),
                r -> assertThat(r).isEqualTo("file hostile.jsonl line 5: key \"a\" appears twice in one object"),
                r -> assertThat(r).startsWith("file hostile.jsonl line 6: a document with this key is earlier in "
                        + "this file"),
                r -> assertThat(r).startsWith("file hostile.jsonl line 7: the document has no _id"),
                r -> assertThat(r).startsWith("file hostile.jsonl line 8: not a JSON object: [1, 2]"));
        DeadLetter duplicate = capture.letters().get(4);
        assertThat(duplicate.getTable()).isEqualTo("hostile");
        assertThat(duplicate.getKey()).isEqualTo("{\"_id\": 1, \"$file\": \"hostile.jsonl\", \"$line\": 6}");
        assertThat(duplicate.getRow()).isEqualTo("{\"_id\": 1, \"again\": true}");
        assertThat(capture.letters().get(0).getRow()).isEqualTo("{\"_id\": 2, \"bad\": }");
        assertThat(capture.letters()).allSatisfy(l -> assertThat(l.getStage()).isEqualTo("capture"));
    }

    @Test
    void shouldLoadDeepNestingAndRefuseItPastTheLimit() {
        dir.lines("deep.jsonl", "{\"_id\": 1, \"d\": " + nested(199) + "}", "{\"_id\": 2, \"d\": " + nested(1000) + "}");

        start(collections("deep", ID)).assertConverged();

        assertThat(capture.replica().get("deep")).containsOnlyKeys(id("{\"$numberInt\": \"1\"}"));
        assertThat(capture.letters()).singleElement().extracting(DeadLetter::getReason).asString()
                .endsWith("deeper than 1000 levels");
    }

    private static String nested(int depth) {
        return "{\"a\": ".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    @Test
    void shouldCarryASixteenMegabyteDocumentAndRefuseOneAboveTheLimit() {
        String big = "x".repeat(16 << 20);
        dir.lines("blobs.jsonl", "{\"_id\": 1, \"blob\": \"" + big + "\"}",
                "{\"_id\": 2, \"blob\": \"" + big + "x".repeat(100) + "\"}", "{\"_id\": 3}");

        start(collections("blobs", ID), Map.of(JsonDirConnectorConfig.DOCUMENT_MAX_BYTES,
                Integer.toString((16 << 20) + 30))).drain();

        assertThat(capture.events()).extracting(JsonDirSnapshotTest::key).containsExactly("{\"_id\": 1}",
                "{\"_id\": 3}");
        assertThat(document(capture.events().get(0)).getString("blob").getValue()).hasSize(16 << 20);
        assertThat(capture.letters()).singleElement().extracting(DeadLetter::getReason).asString()
                .startsWith("file blobs.jsonl line 2: the document is 16.0 MiB of JSON, more than the 16 MiB");
    }

    @Test
    void shouldReportAFolderFileThatIsNotOneDocument() {
        dir.write("conversations/c1.json", "{\"_id\": 1}")
                .write("conversations/empty.json", "")
                .write("conversations/two.json", "{\"_id\": 2}\n{\"_id\": 3}\n")
                .write("conversations/list.json", "[{\"_id\": 4}]")
                .write("conversations/half.json", "{\"_id\": 5, \"messages\": [");

        start(collections("conversations", ID)).assertConverged();

        assertThat(capture.replica().get("conversations")).containsOnlyKeys(id("{\"$numberInt\": \"1\"}"));
        assertThat(capture.letters()).extracting(DeadLetter::getReason).satisfiesExactlyInAnyOrder(
                r -> assertThat(r).startsWith("file conversations/empty.json line 1: the file is empty"),
                r -> assertThat(r).startsWith("file conversations/two.json line 1: the file holds more than one "
                        + "JSON value, but a .json file in a folder is one document of collection conversations"),
                r -> assertThat(r).contains("list.json", "something other than a JSON object"),
                r -> assertThat(r).startsWith("file conversations/half.json line 1: the file ends inside its document"));
    }

    @Test
    void shouldBatchSnapshotDocumentsByTheirKeysPartition() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            lines.append("{\"_id\": ").append(i).append(", \"n\": \"").append("v".repeat(i)).append("\"}\n");
        }
        dir.write("many.jsonl", lines.toString()).settle();

        List<SourceRecord> records = start(collections("many", ID), Map.of(JsonDirConnectorConfig.RAW_PARTITIONS, "4",
                JsonDirConnectorConfig.BATCH_ROWS, "20")).drain();

        List<SourceRecord> raw = records.stream().filter(r -> r.topic().equals(JsonDirCaptureDriver.TOPICS.raw()))
                .toList();
        assertThat(raw).hasSizeBetween(3, 12).allSatisfy(r -> assertThat(r.kafkaPartition()).isBetween(0, 3));
        assertThat(raw.stream().mapToInt(r -> (Integer) r.headers().lastWithName(JsonDirRecords.ROWS_HEADER).value())
                .sum()).isEqualTo(50);
        assertThat(capture.replica().get("many")).hasSize(50);
        assertThat(capture.replica()).isEqualTo(capture.directory());
    }
}
