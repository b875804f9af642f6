package dev.cutover.transform.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.avro.RowSet;
import dev.cutover.schemas.codec.ChangeEventBatchEncoder;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.EnumPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.ObjectIdUuids;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.transform.RowTransformer;
import dev.cutover.transform.TransformResult;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** The normalizer's behaviour beyond the golden scenarios: operations, deletes, hostile documents, plan errors. */
class DocumentTransformerTest {
    private static final Plan PLAN = GoldenDocuments.plan();
    private static final RowTransformer TRANSFORMER = new RowTransformer(PLAN);
    private static final String OID = "5f1a2b3c4d5e6f7081928374";
    private static final String UUID = "5f1a2b3c-4d5e-86f7-8081-928374000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ByteBuffer customerKey() {
        return Documents.bson(new BsonDocument("_id", new BsonObjectId(new ObjectId(OID))));
    }

    private static TransformResult customer(Operation op, BsonDocument document) {
        document.put("_id", new BsonObjectId(new ObjectId(OID)));
        return TRANSFORMER.transform(Documents.event("customers", op, customerKey(), Documents.bson(document)));
    }

    private static BsonDocument named(String name) {
        return new BsonDocument("name", new BsonString(name));
    }

    @Test
    void shouldLoadSnapshotDocumentsAndUpsertLiveOnes() {
        assertThat(customer(Operation.SNAPSHOT, named("a")).row().getOp()).isEqualTo(RowOperation.LOAD);
        assertThat(customer(Operation.INSERT, named("a")).row().getOp()).isEqualTo(RowOperation.UPSERT);
        assertThat(customer(Operation.UPDATE, named("a")).row().getOp()).isEqualTo(RowOperation.UPSERT);
    }

    @Test
    void shouldGiveEveryRowOfATableTheSameColumnList() {
        RowChange first = customer(Operation.SNAPSHOT, named("a")).row();
        RowChange second = customer(Operation.SNAPSHOT, named("b")).row();

        assertThat(second.getColumns()).isSameAs(first.getColumns());
        assertThat(first.getKeyColumns()).containsExactly("_id");
        assertThat(first.getKey()).containsExactly(UUID);
        assertThat(first.getSourceKey()).isEqualTo("{\"_id\": {\"$oid\": \"" + OID + "\"}}");
        assertThat(first.getSourceTable()).isEqualTo("customers");
        assertThat(first.getSourceTimeMs()).isEqualTo(10);
    }

    @Test
    void shouldTransformTheDocumentsOfASnapshotBatch() {
        ChangeEventBatchEncoder batch = new ChangeEventBatchEncoder();
        batch.start("jsondir:/golden", "conversations", Operation.SNAPSHOT, List.of(DocumentEvents.KEY_COLUMN),
                List.of(DocumentEvents.DOCUMENT_COLUMN), 0, 10, 20);
        for (int i = 1; i <= 3; i++) {
            BsonDocument document = new BsonDocument("_id", new BsonInt32(i)).append("topic", new BsonString("n" + i));
            batch.add(List.of(Documents.bson(new BsonDocument("_id", new BsonInt32(i)))),
                    List.of(new dev.cutover.schemas.avro.Document(Documents.bson(document))));
        }

        List<ChangeEvent> events = ChangeEventCodec.decodeAll(batch.finish());

        assertThat(events).hasSize(3);
        RowChange second = TRANSFORMER.transform(events.get(1)).row();
        assertThat(second.getOp()).isEqualTo(RowOperation.LOAD);
        assertThat(second.getKey()).containsExactly("2");
        assertThat(second.getValues().get(second.getColumns().indexOf("_extra"))).isEqualTo("{\"topic\": \"n2\"}");
    }

    /** accounts: an integer _id, an amount in numeric(12,2), products from an enum; lines as child rows. */
    private static Plan accounts() {
        KeyPlan id = new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"), List.of("_id"));
        TablePlan accounts = new TablePlan("accounts", "accounts", id, List.of(column("_id", "integer"),
                column("amount", "numeric(12,2)"), column("products", "\"public\".\"product\"[]")), List.of(),
                List.of(), List.of(), 0, List.of(), DocumentPlan.main("accounts", null, List.of(new ArrayFeed("lines",
                        ArrayFeed.Kind.CHILDREN, "lines", List.of("account"), "n"))));
        TablePlan lines = new TablePlan("accounts.lines[]", "lines", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY,
                List.of(DocumentPlan.OWNER, DocumentPlan.INDEX), List.of("account", "n")), List.of(
                new ColumnPlan(DocumentPlan.OWNER, "account", "", "integer", true, null, null, false, null, null, null),
                new ColumnPlan(DocumentPlan.INDEX, "n", "", "integer", true, null, null, false, null, null, null),
                column("price", "numeric(12,2)")), List.of(), List.of(), List.of(), 0, List.of(),
                DocumentPlan.owned("accounts", "lines", null));
        return new Plan(Plan.FORMAT_VERSION, "jsondir:/a", SchemaMode.GENERATE, "public", List.of(accounts, lines),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new EnumPlan("product", List.of("Brokerage", "Commodity"), "declared")), null);
    }

    /** theaters: address flattened into address_city and address_zip, every other field in _extra. */
    private static TransformResult theater(String json) {
        KeyPlan id = new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"), List.of("_id"));
        TablePlan theaters = new TablePlan("theaters", "theaters", id, List.of(column("_id", "integer"),
                new ColumnPlan("address.city", "address_city", "", "text", false, null, null, false, null, null, null),
                new ColumnPlan("address.zip", "address_zip", "", "integer", false, null, null, false, null, null, null),
                column("_extra", "jsonb")), List.of(), List.of(), List.of(), 0, List.of(),
                new DocumentPlan("theaters", null, "_extra", List.of(), List.of(), List.of(), java.util.Map.of(),
                        List.of("address")));
        Plan plan = new Plan(Plan.FORMAT_VERSION, "jsondir:/t", SchemaMode.GENERATE, "public", List.of(theaters),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
        return new RowTransformer(plan).transform(Documents.event("theaters", Operation.INSERT,
                Documents.bson("{\"_id\": 1}"), Documents.bson(json)));
    }

    @Test
    void shouldFillAFlattenedFieldsColumnsAndKeepTheRestOfItInTheExtraColumn() {
        assertThat(theater("{\"_id\": 1, \"address\": {\"city\": \"Paris\", \"zip\": 75002}, \"seats\": 9}")
                .row().getValues()).containsExactly("1", "Paris", 75002L, "{\"seats\": 9}");
        assertThat(theater("{\"_id\": 1, \"address\": {\"zip\": 1, \"geo\": {\"lat\": 2}}}").row().getValues())
                .containsExactly("1", null, 1L, "{\"address\": {\"geo\": {\"lat\": 2}}}");
        assertThat(theater("{\"_id\": 1, \"address\": {}}").row().getValues())
                .containsExactly("1", null, null, "{\"address\": {}}");
        assertThat(theater("{\"_id\": 1, \"address\": null}").row().getValues())
                .containsExactly("1", null, null, "{\"address\": null}");
        assertThat(theater("{\"_id\": 1, \"address\": \"12 rue X\"}").row().getValues())
                .containsExactly("1", null, null, "{\"address\": \"12 rue X\"}");
        assertThat(theater("{\"_id\": 1}").row().getValues()).containsExactly("1", null, null, null);
    }

    @Test
    void shouldSendAFlattenedFieldsValueOfTheWrongTypeToTheErrorLogNamingItsPath() {
        TransformResult result = theater("{\"_id\": 1, \"address\": {\"zip\": \"seventy\"}}");
        assertThat(result.row()).isNull();
        assertThat(result.column()).isEqualTo("address.zip");
        assertThat(result.rejection()).contains("address.zip");
    }

    private static ColumnPlan column(String name, String type) {
        return new ColumnPlan(name, name, "", type, false, null, null, false, null, null, null);
    }

    private static TransformResult account(String json) {
        return new RowTransformer(accounts()).transform(Documents.event("accounts", Operation.INSERT,
                Documents.bson("{\"_id\": 1}"), Documents.bson(json)));
    }

    @Test
    void shouldLandFloatNoiseRoundedAndCountIt() {
        TransformResult result = account("{\"_id\": 1, \"amount\": 1.8399999999999999, \"lines\": [{\"price\": 0.1},"
                + " {\"price\": 2.2800000000000002}]}");

        assertThat(result.row().getValues()).containsExactly("1", "1.84", null);
        assertThat(result.row().getSets().get(0).getRows()).containsExactly(List.of("1", "0", "0.1"),
                List.of("1", "1", "2.28"));
        assertThat(result.rounded()).containsExactly("amount", "lines.price");
        assertThat(account("{\"_id\": 1, \"amount\": 1.005}").rejection()).contains("numeric(12,2)");
    }

    @Test
    void shouldCheckEveryElementOfAnEnumArray() {
        assertThat(account("{\"_id\": 1, \"products\": [\"Brokerage\", \"Commodity\"]}").row().getValues())
                .containsExactly("1", null, "{\"Brokerage\",\"Commodity\"}");

        TransformResult result = account("{\"_id\": 1, \"products\": [\"Brokerage\", \"Crypto\"]}");

        assertThat(result.column()).isEqualTo("products");
        assertThat(result.rejection()).contains("\"Crypto\"").contains("enum product [Brokerage, Commodity]");
    }

    @Test
    void shouldDeleteTheRowAndEveryRowItOwns() {
        TransformResult result = TRANSFORMER.transform(Documents.event("customers", Operation.DELETE, customerKey(),
                null));

        RowChange delete = result.row();
        assertThat(delete.getOp()).isEqualTo(RowOperation.DELETE);
        assertThat(delete.getKey()).containsExactly(UUID);
        assertThat(delete.getColumns()).isEmpty();
        assertThat(delete.getSets()).hasSize(1);
        RowSet accounts = delete.getSets().get(0);
        assertThat(accounts.getTable()).isEqualTo("customers_accounts");
        assertThat(accounts.getOwnerColumns()).containsExactly("customers_id");
        assertThat(accounts.getOwner()).containsExactly(UUID);
        assertThat(accounts.getRows()).isEmpty();
    }

    @Test
    void shouldReplaceTheOwnedRowsWithTheArrayAsItIsNow() {
        BsonDocument document = named("a");
        document.put("accounts", new BsonArray(List.of(new BsonInt32(2), new BsonInt32(3))));

        RowSet accounts = customer(Operation.UPDATE, document).row().getSets().get(0);

        assertThat(accounts.getColumns()).containsExactly("customers_id", "accounts_account_id");
        assertThat(accounts.getRows()).containsExactly(List.of(UUID, "2"), List.of(UUID, "3"));
    }

    @Test
    void shouldKeepDeepNestingInJsonb() throws Exception {
        BsonDocument document = named("deep");
        document.put("address", nested(200));

        RowChange row = customer(Operation.INSERT, document).row();

        JsonNode address = JSON.readTree((String) row.getValues().get(row.getColumns().indexOf("address")));
        int depth = 0;
        for (JsonNode node = address; node.has("next"); node = node.get("next")) {
            depth++;
        }
        assertThat(depth).isEqualTo(199);
    }

    @Test
    void shouldRefuseNestingDeeperThanItReads() {
        BsonDocument document = named("too deep");
        document.put("address", nested(DocumentReader.MAX_DEPTH + 5));

        TransformResult result = customer(Operation.INSERT, document);

        assertThat(result.row()).isNull();
        assertThat(result.rejection()).contains("levels deep").contains("flatten");
        assertThat(result.column()).startsWith("address.next.next");
    }

    /** A document nested {@code levels} deep: {"next": {"next": ... {"level": n}}}. */
    private static BsonDocument nested(int levels) {
        BsonDocument inner = new BsonDocument("level", new BsonInt32(levels));
        for (int i = 1; i < levels; i++) {
            inner = new BsonDocument("next", inner);
        }
        return inner;
    }

    @Test
    void shouldTransformASixteenMegabyteDocument() {
        BsonDocument document = named("big");
        String chunk = "x".repeat(1 << 20);
        BsonArray chunks = new BsonArray();
        for (int i = 0; i < 15; i++) {
            chunks.add(new BsonString(chunk));
        }
        document.put("tags", chunks);
        document.put("notes", new BsonString("y".repeat((1 << 20) - 100)));
        assertThat(Documents.bson(document).remaining()).isGreaterThan(16_000_000);

        RowChange row = customer(Operation.INSERT, document).row();

        String tags = (String) row.getValues().get(row.getColumns().indexOf("tags"));
        assertThat(tags).hasSize(15 * ((1 << 20) + 3) + 1).startsWith("{\"xxx");
        assertThat((String) row.getValues().get(row.getColumns().indexOf("_extra"))).hasSize((1 << 20) - 100 + 13);
    }

    @Test
    void shouldTreatUndefinedAsNull() {
        BsonDocument document = named("a");
        document.put("rank", new org.bson.BsonUndefined());

        RowChange row = customer(Operation.INSERT, document).row();

        assertThat(row.getValues().get(row.getColumns().indexOf("rank"))).isNull();
    }

    @Test
    void shouldRejectAnEventThatIsNotADocumentEvent() {
        ChangeEvent tabular = ChangeEvent.newBuilder().setSource("sqlite:/x.db").setTable("customers")
                .setOp(Operation.INSERT).setKeyColumns(List.of("_id")).setKey(List.of("a")).setColumns(List.of("name"))
                .setValues(List.of("a")).setSequence(1).setSourceTimeMs(1).setCaptureTimeMs(1).build();

        TransformResult result = TRANSFORMER.transform(tabular);

        assertThat(result.row()).isNull();
        assertThat(result.rejection()).contains("not a document event").contains("bug in capture");
    }

    @Test
    void shouldRejectAKeyWithoutItsField() {
        ByteBuffer key = Documents.bson(new BsonDocument("id", new BsonInt32(1)));

        TransformResult result = TRANSFORMER.transform(Documents.event("customers", Operation.INSERT, key,
                Documents.bson(named("a"))));

        assertThat(result.column()).isEqualTo("_id");
        assertThat(result.rejection()).contains("key field \"_id\" is missing");
    }

    @Test
    void shouldRejectBytesThatAreNotBson() {
        ByteBuffer broken = ByteBuffer.wrap(new byte[] {42, 0, 0, 0, 2, 'a'});

        TransformResult result = TRANSFORMER.transform(Documents.event("customers", Operation.INSERT, customerKey(),
                broken));

        assertThat(result.rejection()).contains("the document is not valid BSON");
    }

    @Test
    void shouldRefuseAPlanWhoseFeedNamesATableItDoesNotHave() {
        TablePlan customers = PLAN.table("customers").orElseThrow();
        ArrayFeed lost = new ArrayFeed("accounts", ArrayFeed.Kind.JUNCTION, "nowhere", List.of("customers_id"), "x");
        TablePlan broken = new TablePlan(customers.source(), customers.target(), customers.key(), customers.columns(),
                List.of(), List.of(), List.of(), 0, List.of(), DocumentPlan.main("customers", "_extra", List.of(lost)));

        assertThatThrownBy(() -> new DocumentTransformer(broken, PLAN)).isInstanceOf(CutoverException.class)
                .hasMessageContaining("feeds table nowhere, which the plan does not have");
    }

    @Test
    void shouldNotCompileOwnedTablesAsTablesOfTheirOwn() {
        BsonValue pair = new BsonDocument("x", new BsonInt32(1));
        TransformResult result = TRANSFORMER.transform(Documents.event("customers.accounts[]", Operation.INSERT,
                customerKey(), Documents.bson(pair.asDocument())));

        assertThat(result.rejection()).contains("is not in the plan");
    }

    @Test
    void shouldFillAJunctionSharedByTwoCollectionsFromEitherSide() throws URISyntaxException {
        Plan shared = PlanJson.read(Path.of(getClass().getResource("/shared-junction/plan.json").toURI()));
        RowTransformer transformer = new RowTransformer(shared);
        String group = "6000000000000000000000a1";
        String user = "6000000000000000000000b2";
        BsonDocument groupDocument = new BsonDocument("_id", new BsonObjectId(new ObjectId(group)))
                .append("name", new BsonString("admins"))
                .append("memberIds", new BsonArray(List.of(new BsonObjectId(new ObjectId(user)))));
        BsonDocument userDocument = new BsonDocument("_id", new BsonObjectId(new ObjectId(user)))
                .append("name", new BsonString("ada")).append("email", new BsonString("ada@example.com"))
                .append("groupIds", new BsonArray(List.of(new BsonObjectId(new ObjectId(group)))));

        RowSet fromGroup = transformer.transform(Documents.event("groups", Operation.INSERT,
                Documents.bson(new BsonDocument("_id", groupDocument.get("_id"))), Documents.bson(groupDocument)))
                .row().getSets().get(0);
        RowSet fromUser = transformer.transform(Documents.event("users", Operation.INSERT,
                Documents.bson(new BsonDocument("_id", userDocument.get("_id"))), Documents.bson(userDocument)))
                .row().getSets().get(0);

        String groupId = ObjectIdUuids.toUuid(group).toString();
        String userId = ObjectIdUuids.toUuid(user).toString();
        assertThat(fromGroup.getTable()).isEqualTo("groups_users").isEqualTo(fromUser.getTable());
        assertThat(fromGroup.getOwnerColumns()).containsExactly("groups_id");
        assertThat(fromGroup.getOwner()).containsExactly(groupId);
        assertThat(fromUser.getOwnerColumns()).containsExactly("users_id");
        assertThat(fromUser.getOwner()).containsExactly(userId);
        assertThat(fromGroup.getColumns()).containsExactly("groups_id", "users_id");
        assertThat(fromGroup.getRows()).containsExactly(List.of(groupId, userId));
        assertThat(fromUser.getColumns()).as("the user's side names the same pair in the same columns")
                .containsExactly("groups_id", "users_id");
        assertThat(fromUser.getRows()).containsExactly(List.of(groupId, userId));
    }
}
