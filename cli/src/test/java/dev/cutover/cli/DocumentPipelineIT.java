package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.plan.ObjectIdUuids;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.transform.document.Documents;
import dev.cutover.transform.document.GoldenDocuments;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.json.JsonReader;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents through the real transform and sink into PostgreSQL, under the golden plan (customers with a junction of
 * accounts, conversations with a child table of messages): the rows and the rows they own arrive, follow updates that
 * change the arrays, leave with deletes, stay the same when the events come again, and a rejected document reaches
 * the dead-letter topic as Extended JSON.
 */
@ExtendWith(PipelineServices.class)
class DocumentPipelineIT {
    private static final Plan PLAN = GoldenDocuments.plan();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String oid(int n) {
        return String.format("64b7f0c2a1b2c3d4e5f6%04x", n);
    }

    private static String uuid(int n) {
        return ObjectIdUuids.toUuid(oid(n)).toString();
    }

    private static ChangeEvent customer(Operation op, int n, String fields) {
        String document = "{\"_id\": {\"$oid\": \"" + oid(n) + "\"}" + (fields.isEmpty() ? "" : ", " + fields) + "}";
        return Documents.event("customers", op, key("{\"_id\": {\"$oid\": \"" + oid(n) + "\"}}"),
                op == Operation.DELETE ? null : Documents.bson(document));
    }

    private static ChangeEvent conversation(Operation op, String id, String fields) {
        String document = "{\"_id\": \"" + id + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}";
        return Documents.event("conversations", op, key("{\"_id\": \"" + id + "\"}"),
                op == Operation.DELETE ? null : Documents.bson(document));
    }

    private static ByteBuffer key(String json) {
        return Documents.bson(json);
    }

    private static List<ChangeEvent> snapshot() {
        return List.of(
                customer(Operation.SNAPSHOT, 1, "\"name\": \"Ann\", \"tier\": \"Gold\", \"accounts\": [1, 2, 2],"
                        + " \"since\": {\"$date\": \"2020-02-03T04:05:06.789Z\"}"),
                customer(Operation.SNAPSHOT, 2, "\"name\": \"Bob\", \"accounts\": [3]"),
                customer(Operation.SNAPSHOT, 3, "\"name\": \"Cy\", \"accounts\": []"),
                conversation(Operation.SNAPSHOT, "m1", "\"title\": \"hello\", \"messages\": [{\"role\": \"user\","
                        + " \"text\": \"hi\"}, {\"role\": \"assistant\", \"text\": \"hello!\", \"tokens\": 7}]"),
                conversation(Operation.SNAPSHOT, "m2", "\"messages\": [{\"role\": \"user\"}]"));
    }

    private static List<ChangeEvent> changes() {
        return List.of(
                customer(Operation.INSERT, 4, "\"name\": \"Di\", \"accounts\": [4]"),
                customer(Operation.UPDATE, 1, "\"name\": \"Ann\", \"tier\": \"Bronze\", \"accounts\": [2, 5]"),
                customer(Operation.DELETE, 2, ""),
                conversation(Operation.UPDATE, "m1", "\"title\": \"hello\", \"messages\": [{\"role\": \"user\","
                        + " \"text\": \"edited\"}]"),
                conversation(Operation.DELETE, "m2", ""));
    }

    @Test
    void shouldLoadUpdateAndDeleteDocumentsWithTheRowsTheyOwn(PipelineServices.Services services, @TempDir Path dir)
            throws Exception {
        try (DocumentPipeline pipeline = new DocumentPipeline(services, PLAN, dir)) {
            pipeline.send(snapshot());
            pipeline.awaitApplied();

            assertThat(rows(pipeline, "SELECT right(_id::text, 8), name, tier, _extra->'since'->>'$date'"
                    + " FROM customers"))
                    .containsExactly(tail(1) + " Ann Gold 2020-02-03T04:05:06.789Z", tail(2) + " Bob null null",
                            tail(3) + " Cy null null");
            assertThat(pairs(pipeline)).containsExactly(tail(1) + " 1", tail(1) + " 2", tail(2) + " 3");
            assertThat(rows(pipeline, "SELECT conversations_id, position, role, text, _extra"
                    + " FROM conversations_messages")).containsExactly("m1 0 user hi null",
                    "m1 1 assistant hello! {\"tokens\": 7}", "m2 0 user null null");

            pipeline.send(changes());
            pipeline.awaitApplied();

            assertThat(rows(pipeline, "SELECT right(_id::text, 8), name, tier FROM customers"))
                    .containsExactly(tail(1) + " Ann Bronze", tail(3) + " Cy null", tail(4) + " Di null");
            assertThat(pairs(pipeline)).as("pair 1 removed, 5 added, customer 2's gone with it")
                    .containsExactly(tail(1) + " 2", tail(1) + " 5", tail(4) + " 4");
            assertThat(rows(pipeline, "SELECT conversations_id, position, text FROM conversations_messages"))
                    .containsExactly("m1 0 edited");
            assertThat(rows(pipeline, "SELECT _id FROM conversations")).containsExactly("m1");
            assertThat(pipeline.deadLetters(0)).isEmpty();
        }
    }

    @Test
    void shouldChangeNothingWhenTheSameEventsArriveAgain(PipelineServices.Services services, @TempDir Path dir)
            throws Exception {
        try (DocumentPipeline pipeline = new DocumentPipeline(services, PLAN, dir)) {
            pipeline.send(snapshot());
            pipeline.send(changes());
            pipeline.awaitApplied();
            List<String> once = everything(pipeline);

            pipeline.send(changes());
            pipeline.awaitApplied();
            List<String> changesTwice = everything(pipeline);
            pipeline.send(snapshot());
            pipeline.send(changes());
            pipeline.awaitApplied();

            assertThat(once).hasSize(8);
            assertThat(changesTwice).isEqualTo(once);
            assertThat(everything(pipeline)).isEqualTo(once);
        }
    }

    @Test
    void shouldSendARejectedDocumentToTheDeadLetterTopicAsExtendedJson(PipelineServices.Services services,
                                                                       @TempDir Path dir) throws Exception {
        String silver = "{\"_id\": {\"$oid\": \"" + oid(5) + "\"}, \"name\": \"Eve\", \"tier\": \"Silver\","
                + " \"joined\": {\"$date\": \"2021-01-01T00:00:00Z\"}, \"balance\": {\"$numberDecimal\": \"1.50\"}}";
        String twice = "{\"_id\": {\"$oid\": \"" + oid(6) + "\"}, \"name\": \"a\", \"name\": \"b\"}";
        try (DocumentPipeline pipeline = new DocumentPipeline(services, PLAN, dir)) {
            pipeline.send(List.of(
                    Documents.event("customers", Operation.INSERT, key("{\"_id\": {\"$oid\": \"" + oid(5) + "\"}}"),
                            Documents.bson(silver)),
                    Documents.event("customers", Operation.INSERT, key("{\"_id\": {\"$oid\": \"" + oid(6) + "\"}}"),
                            Documents.bson(twice)),
                    customer(Operation.INSERT, 7, "\"name\": \"Fay\"")));
            pipeline.awaitApplied();

            List<DeadLetter> letters = pipeline.deadLetters(2);
            assertThat(letters).hasSize(2).allSatisfy(letter -> {
                assertThat(letter.getStage()).isEqualTo("transform");
                assertThat(letter.getTable()).isEqualTo("customers");
            });
            DeadLetter enumLetter = letter(letters, "tier");
            assertThat(enumLetter.getKey()).isEqualTo("{\"_id\": {\"$oid\": \"" + oid(5) + "\"}}");
            assertThat(enumLetter.getReason()).contains("\"Silver\"").contains("enum tier");
            assertThat(parse(enumLetter.getRow())).isEqualTo(parse(silver));
            assertThat(enumLetter.getRow()).contains("{\"$numberDecimal\": \"1.50\"}");
            DeadLetter twiceLetter = letter(letters, "name");
            assertThat(twiceLetter.getRow()).contains("\"name\": \"a\", \"name\": \"b\"");
            assertThat(twiceLetter.getReason()).contains("appears twice");
            assertThat(rows(pipeline, "SELECT name FROM customers")).containsExactly("Fay");
        }
    }

    @Test
    void shouldLandHostileDocumentsFaithfully(PipelineServices.Services services, @TempDir Path dir) throws Exception {
        String deep = IntStream.range(0, 199).mapToObj(i -> "{\"next\": ").collect(Collectors.joining())
                + "{\"level\": 200}" + "}".repeat(199);
        String big = "x".repeat(16 << 20);
        try (DocumentPipeline pipeline = new DocumentPipeline(services, PLAN, dir)) {
            pipeline.send(List.of(
                    customer(Operation.INSERT, 1, "\"name\": \"deep\", \"address\": " + deep),
                    Documents.event("customers", Operation.INSERT, key("{\"_id\": {\"$oid\": \"" + oid(2) + "\"}}"),
                            Documents.bson(new BsonDocument("_id", new BsonObjectId(new ObjectId(oid(2))))
                                    .append("name", new BsonString("big")).append("notes", new BsonString(big)))),
                    customer(Operation.INSERT, 3, "\"name\": \"keys\", \"$set\": {\"a.b\": 1}, \"x.y\": [],"
                            + " \"address\": {\"$weird\": true, \"dotted.key\": null}"),
                    conversation(Operation.INSERT, "text-id", ""),
                    Documents.event("conversations", Operation.INSERT, key("{\"_id\": 42}"),
                            Documents.bson("{\"_id\": 42}")),
                    Documents.event("conversations", Operation.INSERT, key("{\"_id\": {\"$oid\": \"" + oid(9) + "\"}}"),
                            Documents.bson("{\"_id\": {\"$oid\": \"" + oid(9) + "\"}}"))));
            pipeline.awaitApplied();

            JsonNode address = JSON.readTree(rows(pipeline, "SELECT address FROM customers WHERE name = 'deep'")
                    .get(0));
            int depth = 1;
            for (JsonNode node = address; node.has("next"); node = node.get("next")) {
                depth++;
            }
            assertThat(depth).isEqualTo(200);
            assertThat(rows(pipeline, "SELECT length(_extra->>'notes') FROM customers WHERE name = 'big'"))
                    .containsExactly(Integer.toString(16 << 20));
            assertThat(rows(pipeline, "SELECT _extra->'$set'->>'a.b', _extra->'x.y', address->'$weird',"
                    + " address ? 'dotted.key' FROM customers WHERE name = 'keys'")).containsExactly("1 [] true t");
            assertThat(rows(pipeline, "SELECT _id FROM conversations")).containsExactly("42", oid(9), "text-id");
            assertThat(pipeline.deadLetters(0)).isEmpty();
        }
    }

    private static DeadLetter letter(List<DeadLetter> letters, String column) {
        return letters.stream().filter(l -> column.equals(l.getColumn())).findFirst().orElseThrow();
    }

    private static BsonDocument parse(String extendedJson) {
        return new BsonDocumentCodec().decode(new JsonReader(extendedJson), DecoderContext.builder().build());
    }

    private static String tail(int n) {
        return uuid(n).substring(uuid(n).length() - 8);
    }

    private static List<String> pairs(DocumentPipeline pipeline) throws SQLException {
        return rows(pipeline, "SELECT right(customers_id::text, 8), accounts_account_id FROM customers_accounts");
    }

    /** Every row of every table, as text, sorted. */
    private static List<String> everything(DocumentPipeline pipeline) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("customers", "customers_accounts", "conversations", "conversations_messages")) {
            rows.addAll(rows(pipeline, "SELECT '" + table + "', t::text FROM " + table + " t"));
        }
        return rows;
    }

    /** The query's rows, each as its values' text joined by spaces, sorted. */
    static List<String> rows(DocumentPipeline pipeline, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = pipeline.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    values.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join(" ", values));
            }
        }
        rows.sort(null);
        return rows;
    }
}
