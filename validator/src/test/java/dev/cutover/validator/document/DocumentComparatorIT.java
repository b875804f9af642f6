package dev.cutover.validator.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.Document;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import dev.cutover.validator.LoggedKeys;
import dev.cutover.validator.PendingKeys;
import dev.cutover.validator.TableReport;
import dev.cutover.validator.ValidationOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Documents compared with rows in a real PostgreSQL (embedded; a fresh schema per test) made by the plan's own
 * migration. The rows are written here by hand as a correct migration would write them; then changed, to see each
 * difference reported. The documents come from an in-memory source that answers the read-back as a source would.
 */
class DocumentComparatorIT {
    private static final String ALICE = "5ca4bbc7a2dd94ee5816238c";
    private static final String BOB = "5ca4bbc7a2dd94ee5816238d";
    private static final String ACCOUNT_1 = "65a000000000000000000001";
    private static final String ACCOUNT_2 = "65a000000000000000000002";

    private static EmbeddedPostgres postgres;
    private static int schemas;

    private Connection pg;
    private String schema;
    private Plan plan;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void createTables() throws SQLException {
        pg = postgres.getPostgresDatabase().getConnection();
        schema = "docs_" + (++schemas);
        plan = plan(schema);
        sql("CREATE SCHEMA " + schema);
        sql(MigrationWriter.migrations(plan).get(0).sql());
        sql("INSERT INTO " + schema + ".customers VALUES "
                + "('" + uuid(ALICE) + "', 'Alice', '1977-03-02 02:20:31.123', 12.50, '{gold,early}',"
                + " '{\"city\": \"Oslo\", \"since\": {\"$date\": \"2020-01-01T00:00:00Z\"}}', '{\"note\": \"vip\"}'),"
                + "('" + uuid(BOB) + "', 'Bob', NULL, 0, '{}', NULL, NULL)");
        sql("INSERT INTO " + schema + ".customers_accounts VALUES ('" + uuid(ALICE) + "', '" + uuid(ACCOUNT_1) + "'),"
                + " ('" + uuid(ALICE) + "', '" + uuid(ACCOUNT_2) + "'), ('" + uuid(BOB) + "', '" + uuid(ACCOUNT_1) + "')");
        sql("INSERT INTO " + schema + ".customers_messages VALUES ('" + uuid(ALICE) + "', 0, 'hi', NULL),"
                + " ('" + uuid(ALICE) + "', 1, 'bye', '{\"mood\": \"sad\"}')");
    }

    @AfterEach
    void close() throws SQLException {
        pg.close();
    }

    private static List<BsonDocument> documents() {
        return List.of(BsonDocument.parse("{\"_id\": {\"$oid\": \"" + ALICE + "\"}, \"name\": \"Alice\","
                        + " \"since\": {\"$date\": {\"$numberLong\": \"226117231123\"}},"
                        + " \"balance\": {\"$numberDecimal\": \"12.50\"}, \"tags\": [\"gold\", \"early\"],"
                        + " \"address\": {\"city\": \"Oslo\", \"since\": {\"$date\": \"2020-01-01T00:00:00Z\"}},"
                        + " \"accounts\": [{\"$oid\": \"" + ACCOUNT_1 + "\"}, {\"$oid\": \"" + ACCOUNT_2 + "\"},"
                        + " {\"$oid\": \"" + ACCOUNT_1 + "\"}],"
                        + " \"messages\": [{\"text\": \"hi\"}, {\"text\": \"bye\", \"mood\": \"sad\"}], \"note\": \"vip\"}"),
                BsonDocument.parse("{\"_id\": {\"$oid\": \"" + BOB + "\"}, \"name\": \"Bob\", \"since\": null,"
                        + " \"balance\": 0, \"tags\": [], \"accounts\": [{\"$oid\": \"" + ACCOUNT_1 + "\"}]}"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldFindEveryTableEqualWhenTheRowsAreFaithful(boolean full) throws SQLException {
        List<TableReport> reports = compare(documents(), full);

        assertThat(reports).extracting(TableReport::table)
                .containsExactly("customers", "customers.accounts[]", "customers.messages[]");
        assertThat(reports).allSatisfy(report -> assertThat(report.matches()).as(report.toString()).isTrue());
        assertThat(reports).extracting(TableReport::sourceRows).containsExactly(2L, 3L, 2L);
        assertThat(reports.get(0).comparison().equal()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldReportAChangedValueByKeyAndField(boolean full) throws SQLException {
        sql("UPDATE " + schema + ".customers SET since = since + interval '1 millisecond' WHERE name = 'Alice'");
        sql("UPDATE " + schema + ".customers SET address = jsonb_set(address, '{city}', '\"Bergen\"') WHERE name = 'Alice'");

        TableReport customers = compare(documents(), full).get(0);

        assertThat(customers.comparison().different()).isEqualTo(1);
        assertThat(customers.comparison().differences()).extracting(d -> d.column())
                .containsExactlyInAnyOrder("since", "address");
        assertThat(customers.comparison().differences().get(0).key()).contains(ALICE);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldReportMissingAndExtraRows(boolean full) throws SQLException {
        sql("DELETE FROM " + schema + ".customers WHERE name = 'Bob'");
        sql("INSERT INTO " + schema + ".customers (_id, name, balance) VALUES ('" + uuid("65b000000000000000000009")
                + "', 'Eve', 1)");

        TableReport customers = compare(documents(), full).get(0);

        assertThat(customers.comparison().missing()).isEqualTo(1);
        assertThat(customers.comparison().missingKeys()).singleElement().asString().contains(BOB);
        assertThat(customers.comparison().extra()).isEqualTo(1);
        assertThat(customers.comparison().extraKeys()).singleElement().asString().contains("65b000000000000000000009");
        assertThat(customers.matches()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldReportJunctionPairsMissingOrExtraFromTheDocumentsSide(boolean full) throws SQLException {
        sql("DELETE FROM " + schema + ".customers_accounts WHERE customers_id = '" + uuid(ALICE) + "' AND accounts_id = '"
                + uuid(ACCOUNT_2) + "'");
        sql("INSERT INTO " + schema + ".customers_accounts VALUES ('" + uuid(BOB) + "', '" + uuid(ACCOUNT_2) + "')");

        TableReport accounts = compare(documents(), full).get(1);

        assertThat(accounts.comparison().missing()).isEqualTo(1);
        assertThat(accounts.comparison().missingKeys()).singleElement().asString().contains(ALICE).contains(ACCOUNT_2);
        assertThat(accounts.comparison().extra()).isEqualTo(1);
        assertThat(accounts.counts()).isEqualTo("equal");
        assertThat(accounts.matches()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldReportChildRowsThatDifferOrAreMissing(boolean full) throws SQLException {
        sql("UPDATE " + schema + ".customers_messages SET _extra = NULL WHERE position = 1");
        List<BsonDocument> documents = new ArrayList<>(documents());
        documents.set(1, BsonDocument.parse(documents.get(1).toJson().replace("\"accounts\"",
                "\"messages\": [{\"text\": \"new\"}], \"accounts\"")));

        TableReport messages = compare(documents, full).get(2);

        assertThat(messages.comparison().different()).isEqualTo(1);
        assertThat(messages.comparison().differences()).singleElement().satisfies(d -> {
            assertThat(d.column()).isEqualTo("_extra");
            assertThat(d.key()).contains(ALICE).endsWith("[1]");
        });
        assertThat(messages.comparison().missing()).isEqualTo(1);
        assertThat(messages.counts()).isEqualTo("differ");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldCompareFieldsWithoutAColumnWithTheExtraColumn(boolean full) throws SQLException {
        sql("UPDATE " + schema + ".customers SET _extra = '{\"note\": \"VIP\"}' WHERE name = 'Alice'");

        TableReport customers = compare(documents(), full).get(0);

        assertThat(customers.comparison().differences()).singleElement()
                .satisfies(d -> assertThat(d.column()).isEqualTo("_extra"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldCountADifferenceOnAKeyWithAChangeOnItsWayAsPending(boolean full) throws SQLException {
        sql("UPDATE " + schema + ".customers SET name = 'Robert' WHERE name = 'Bob'");
        String bobKey = "{\"_id\": {\"$oid\": \"" + BOB + "\"}}";
        PendingKeys pending = (table, key) -> table.equals("customers") && key.equals(bobKey);

        TableReport customers = compare(documents(), full, pending).get(0);

        assertThat(customers.comparison().pending()).isEqualTo(1);
        assertThat(customers.comparison().different()).isZero();
        assertThat(customers.matches()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldCountADifferenceOnAnAcceptedLoggedKeyAsAccepted(boolean full) throws SQLException {
        sql("UPDATE " + schema + ".customers SET name = 'Robert' WHERE name = 'Bob'");
        String bobKey = "{\"_id\": {\"$oid\": \"" + BOB + "\"}}";
        LoggedKeys logged = new LoggedKeys(Map.of("customers", Set.of(bobKey)), Map.of("customers", Set.of(bobKey)));

        TableReport customers = compare(documents(), full, PendingKeys.NONE, logged).get(0);

        assertThat(customers.comparison().accepted()).isEqualTo(1);
        assertThat(customers.comparison().acceptedKeys()).containsExactly(bobKey);
        assertThat(customers.matches()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void shouldCompareADocumentTheErrorLogNamesEvenWhenTheSampleMissesIt() throws SQLException {
        sql("UPDATE " + schema + ".customers SET name = 'Robert' WHERE name = 'Bob'");
        String bobKey = "{\"$file\": \"customers.json\", \"$line\": 2, \"_id\": {\"$oid\": \"" + BOB + "\"}}";
        LoggedKeys logged = new LoggedKeys(Map.of("customers", Set.of(bobKey)), Map.of());
        ValidationOptions sampleOfOne = new ValidationOptions(false, 1, 1, 20, false);
        TablePlan customers = plan.table("customers").orElseThrow();
        Documents samplingNothing = new Documents(documents()) {
            @Override
            public List<SourceRow> sample(TablePlan table, int n) {
                return List.of();
            }
        };

        TableReport report = new DocumentComparator(plan, customers, sampleOfOne)
                .compare(samplingNothing, pg, PendingKeys.NONE, logged).get(0);

        assertThat(report.comparison().different()).isEqualTo(1);
        assertThat(report.comparison().differences()).singleElement()
                .satisfies(d -> assertThat(d.key()).contains(BOB));
    }

    private List<TableReport> compare(List<BsonDocument> documents, boolean full) throws SQLException {
        return compare(documents, full, PendingKeys.NONE);
    }

    private List<TableReport> compare(List<BsonDocument> documents, boolean full, PendingKeys pending)
            throws SQLException {
        return compare(documents, full, pending, LoggedKeys.NONE);
    }

    private List<TableReport> compare(List<BsonDocument> documents, boolean full, PendingKeys pending, LoggedKeys logged)
            throws SQLException {
        ValidationOptions options = new ValidationOptions(full, 1000, 1, 20, false);
        TablePlan customers = plan.table("customers").orElseThrow();
        return new DocumentComparator(plan, customers, options).compare(new Documents(documents), pg, pending, logged);
    }

    private void sql(String statements) throws SQLException {
        try (Statement statement = pg.createStatement()) {
            statement.execute(statements);
        }
    }

    private static String uuid(String objectId) {
        return dev.cutover.schemas.plan.ObjectIdUuids.toUuid(objectId).toString();
    }

    static Plan plan(String schema) {
        KeyPlan id = new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"), List.of("_id"));
        List<ColumnPlan> columns = List.of(column("_id", "_id", "uuid", true), column("name", "name", "text", false),
                column("since", "since", "timestamp(3)", false), column("balance", "balance", "numeric", false),
                column("tags", "tags", "text[]", false), column("address", "address", "jsonb", false),
                column("_extra", "_extra", "jsonb", false));
        ArrayFeed accounts = new ArrayFeed("accounts", ArrayFeed.Kind.JUNCTION, "customers_accounts",
                List.of("customers_id"), "accounts_id");
        ArrayFeed messages = new ArrayFeed("messages", ArrayFeed.Kind.CHILDREN, "customers_messages",
                List.of("customers_id"), "position");
        TablePlan customers = new TablePlan("customers", "customers", id, columns, List.of(), List.of(), List.of(), 2,
                List.of(), DocumentPlan.main("customers", "_extra", List.of(accounts, messages)));
        TablePlan junction = new TablePlan("customers.accounts[]", "customers_accounts",
                new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of(DocumentPlan.OWNER, DocumentPlan.ELEMENT),
                        List.of("customers_id", "accounts_id")),
                List.of(column(DocumentPlan.OWNER, "customers_id", "uuid", true),
                        column(DocumentPlan.ELEMENT, "accounts_id", "uuid", true)),
                List.of(), List.of(), List.of(), 3, List.of(), DocumentPlan.owned("customers", "accounts", null));
        TablePlan children = new TablePlan("customers.messages[]", "customers_messages",
                new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of(DocumentPlan.OWNER, DocumentPlan.INDEX),
                        List.of("customers_id", "position")),
                List.of(column(DocumentPlan.OWNER, "customers_id", "uuid", true),
                        column(DocumentPlan.INDEX, "position", "integer", true), column("text", "text", "text", false),
                        column("_extra", "_extra", "jsonb", false)),
                List.of(), List.of(), List.of(), 2, List.of(), DocumentPlan.owned("customers", "messages", "_extra"));
        return new Plan(Plan.FORMAT_VERSION, "jsondir:/test", SchemaMode.GENERATE, schema,
                List.of(customers, junction, children), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static ColumnPlan column(String source, String target, String type, boolean notNull) {
        return new ColumnPlan(source, target, "", type, notNull, null, null, false, null, null, null);
    }

    /** An in-memory document source: keys are {@code {"_id": ...}}, read back in _id order. */
    private static class Documents implements ReadBack {
        private final List<SourceRow> rows = new ArrayList<>();

        Documents(List<BsonDocument> documents) {
            for (BsonDocument document : documents) {
                rows.add(new SourceRow(List.of(bytes(new BsonDocument("_id", document.get("_id")))),
                        List.of(new Document(bytes(document)))));
            }
        }

        private static ByteBuffer bytes(BsonDocument document) {
            return new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().asNIO();
        }

        @Override
        public long count(TablePlan table) {
            return rows.size();
        }

        @Override
        public List<SourceRow> sample(TablePlan table, int n) {
            List<SourceRow> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, new Random(n));
            return shuffled.subList(0, Math.min(n, shuffled.size()));
        }

        @Override
        public List<SourceRow> read(TablePlan table, List<List<Object>> keys) {
            List<SourceRow> found = new ArrayList<>();
            for (SourceRow row : rows) {
                for (List<Object> key : keys) {
                    if (key.get(0).equals(row.key().get(0))) {
                        found.add(row);
                    }
                }
            }
            return found;
        }

        @Override
        public Cursor stream(TablePlan table, KeyRange range) {
            Iterator<SourceRow> sorted = rows.stream().sorted(Comparator.comparing(r -> r.key().get(0).toString()))
                    .iterator();
            return new Cursor() {
                @Override
                public boolean hasNext() {
                    return sorted.hasNext();
                }

                @Override
                public SourceRow next() {
                    return sorted.next();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
