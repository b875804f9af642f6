package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.avro.RowSet;
import dev.cutover.schemas.codec.RecordKeyCodec;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Set replacements against a real PostgreSQL: a document's junction pairs and child rows change in the same
 * transaction as its row, by the last change of the row in a batch, converge on a replay, and stay as they were when
 * the row is refused.
 */
class SetReplacementIT {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger OFFSETS = new AtomicInteger();
    private static final Plan PLAN = plan();

    private BatchWriter writer;

    private static ColumnPlan column(String source, String target, String type) {
        return new ColumnPlan(source, target, "", type, true, null, null, false, null, null, null);
    }

    /** customers (uuid) and accounts (bigint) list each other in one junction; conversations own messages. */
    private static Plan plan() {
        KeyPlan id = new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"), List.of("_id"));
        TablePlan customers = new TablePlan("customers", "customers", id,
                List.of(column("_id", "_id", "uuid"), column("name", "name", "text")), List.of(), List.of(), List.of(),
                0, List.of(), DocumentPlan.main("customers", null, List.of(new ArrayFeed("accounts",
                        ArrayFeed.Kind.JUNCTION, "pairs", List.of("customer"), "account"))));
        TablePlan accounts = new TablePlan("accounts", "accounts", id, List.of(column("_id", "_id", "bigint")),
                List.of(), List.of(), List.of(), 0, List.of(), DocumentPlan.main("accounts", null, List.of(
                        new ArrayFeed("customers", ArrayFeed.Kind.JUNCTION, "pairs", List.of("account"), "customer"))));
        TablePlan pairs = new TablePlan("customers.accounts[]", "pairs", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY,
                List.of(DocumentPlan.OWNER, DocumentPlan.ELEMENT), List.of("customer", "account")),
                List.of(column(DocumentPlan.OWNER, "customer", "uuid"),
                        column(DocumentPlan.ELEMENT, "account", "bigint")),
                List.of(), List.of(), List.of(), 0, List.of(), DocumentPlan.owned("customers", "accounts", null));
        TablePlan conversations = new TablePlan("conversations", "conversations", id,
                List.of(column("_id", "_id", "text"), column("title", "title", "text")), List.of(), List.of(),
                List.of(), 0, List.of(), DocumentPlan.main("conversations", null, List.of(new ArrayFeed("messages",
                        ArrayFeed.Kind.CHILDREN, "messages", List.of("conversation"), "position"))));
        TablePlan messages = new TablePlan("conversations.messages[]", "messages", new KeyPlan(
                KeyPlan.KeyKind.PRIMARY_KEY, List.of(DocumentPlan.OWNER, DocumentPlan.INDEX),
                List.of("conversation", "position")),
                List.of(column(DocumentPlan.OWNER, "conversation", "text"), column(DocumentPlan.INDEX, "position",
                        "integer"), column("text", "text", "text"), column("score", "score", "numeric(3,0)")),
                List.of(), List.of(), List.of(), 0, List.of(), DocumentPlan.owned("conversations", "messages", null));
        return new Plan(Plan.FORMAT_VERSION, "jsondir:/t", SchemaMode.GENERATE, "public",
                List.of(customers, accounts, pairs, conversations, messages), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void createTables() throws SQLException {
        execute("DROP TABLE IF EXISTS customers, accounts, pairs, conversations, messages",
                "CREATE TABLE customers (_id uuid PRIMARY KEY, name text NOT NULL CHECK (name <> 'refused'))",
                "CREATE TABLE accounts (_id bigint PRIMARY KEY)",
                "CREATE TABLE pairs (customer uuid, account bigint, PRIMARY KEY (customer, account))",
                "CREATE TABLE conversations (_id text PRIMARY KEY, title text)",
                "CREATE TABLE messages (conversation text, position integer, text text, score numeric(3,0),"
                        + " PRIMARY KEY (conversation, position))");
        writer = new BatchWriter(TableStatements.forPlan(PLAN));
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String uuid(int n) {
        return String.format("00000000-0000-8000-8000-%012d", n);
    }

    private static SinkRecord customer(RowOperation op, int n, String name, Integer... accounts) {
        List<List<Object>> pairs = new ArrayList<>();
        for (Integer account : accounts) {
            pairs.add(List.of(uuid(n), account.toString()));
        }
        RowSet set = new RowSet("pairs", List.of("customer"), List.of(uuid(n)), List.of("customer", "account"), pairs);
        return record("customers", op, List.of(uuid(n)), List.of("_id", "name"), Arrays.asList(uuid(n), name), set);
    }

    private static SinkRecord account(RowOperation op, int n, Integer... customers) {
        List<List<Object>> pairs = new ArrayList<>();
        for (Integer customer : customers) {
            pairs.add(List.of(Integer.toString(n), uuid(customer)));
        }
        RowSet set = new RowSet("pairs", List.of("account"), List.of(Integer.toString(n)),
                List.of("account", "customer"), pairs);
        return record("accounts", op, List.of(Integer.toString(n)), List.of("_id"), List.of(Integer.toString(n)), set);
    }

    /** A conversation whose messages have these texts; a text "overflow" gets a score numeric(3,0) cannot hold. */
    private static SinkRecord conversation(RowOperation op, String id, String... texts) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            rows.add(Arrays.asList(id, Integer.toString(i), texts[i], texts[i].equals("overflow") ? "12345" : "1"));
        }
        RowSet set = new RowSet("messages", List.of("conversation"), List.of(id),
                List.of("conversation", "position", "text", "score"), rows);
        return record("conversations", op, List.of(id), List.of("_id", "title"), Arrays.asList(id, "t"), set);
    }

    private static SinkRecord record(String table, RowOperation op, List<Object> key, List<String> columns,
                                     List<Object> values, RowSet set) {
        boolean delete = op == RowOperation.DELETE;
        RowSet sent = delete ? new RowSet(set.getTable(), set.getOwnerColumns(), set.getOwner(), set.getColumns(),
                List.of()) : set;
        RowChange row = new RowChange("jsondir:/t", table, table, op, List.of("_id"), key, "{\"_id\": \"" + key.get(0)
                + "\"}", delete ? List.of() : columns, delete ? List.of() : values, 1L, 2L, List.of(sent));
        return new SinkRecord("rows/0/" + OFFSETS.incrementAndGet(),
                ByteBuffer.wrap(RecordKeyCodec.encode(table, key)), row);
    }

    private BatchResult apply(SinkRecord... records) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.setAutoCommit(false);
            BatchResult result = writer.apply(c, List.of(records));
            c.commit();
            return result;
        }
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private static List<String> pairs() throws SQLException {
        return rows("SELECT right(customer::text, 2), account FROM pairs ORDER BY 1, 2");
    }

    private static List<String> messages() throws SQLException {
        return rows("SELECT conversation, position, text FROM messages ORDER BY 1, 2");
    }

    @Test
    void shouldLoadOwnedRowsWithTheirOwners() throws SQLException {
        BatchResult result = apply(customer(RowOperation.LOAD, 1, "a", 10, 11), customer(RowOperation.LOAD, 2, "b"),
                conversation(RowOperation.LOAD, "c1", "hello", "hi"));

        assertThat(result.deadLetters()).isEmpty();
        assertThat(pairs()).containsExactly("01 10", "01 11");
        assertThat(messages()).containsExactly("c1 0 hello", "c1 1 hi");
        assertThat(result.written().get("pairs")[0]).isEqualTo(2);
        assertThat(result.written().get("messages")[0]).isEqualTo(2);
    }

    @Test
    void shouldMakeTheOwnedRowsExactlyTheNewSetOnUpdate() throws SQLException {
        apply(customer(RowOperation.LOAD, 1, "a", 10, 11), conversation(RowOperation.LOAD, "c1", "a", "b", "c"),
                customer(RowOperation.LOAD, 2, "b", 10));

        apply(customer(RowOperation.UPSERT, 1, "a", 11, 12), conversation(RowOperation.UPSERT, "c1", "x"));

        assertThat(pairs()).containsExactly("01 11", "01 12", "02 10");
        assertThat(messages()).containsExactly("c1 0 x");
    }

    @Test
    void shouldRemoveOwnedRowsWithTheirOwner() throws SQLException {
        apply(customer(RowOperation.LOAD, 1, "a", 10, 11), customer(RowOperation.LOAD, 2, "b", 10),
                conversation(RowOperation.LOAD, "c1", "a"));

        apply(customer(RowOperation.DELETE, 1, null), conversation(RowOperation.DELETE, "c1"));

        assertThat(rows("SELECT right(_id::text, 2) FROM customers")).containsExactly("02");
        assertThat(pairs()).containsExactly("02 10");
        assertThat(messages()).isEmpty();
    }

    @Test
    void shouldConvergeWhenASnapshotIsReplayed() throws SQLException {
        apply(customer(RowOperation.LOAD, 1, "a", 10, 11), conversation(RowOperation.LOAD, "c1", "a", "b"));

        BatchResult replay = apply(customer(RowOperation.LOAD, 1, "a", 11, 12), customer(RowOperation.LOAD, 2, "b", 13),
                conversation(RowOperation.LOAD, "c1", "z"));
        apply(customer(RowOperation.LOAD, 1, "a", 11, 12), customer(RowOperation.LOAD, 2, "b", 13),
                conversation(RowOperation.LOAD, "c1", "z"));

        assertThat(replay.deadLetters()).isEmpty();
        assertThat(pairs()).containsExactly("01 11", "01 12", "02 13");
        assertThat(messages()).containsExactly("c1 0 z");
    }

    @Test
    void shouldApplyTheSetsOfTheLastChangeOfARowInABatch() throws SQLException {
        apply(customer(RowOperation.UPSERT, 1, "a", 10), customer(RowOperation.UPSERT, 1, "a", 11, 12),
                conversation(RowOperation.UPSERT, "c1", "first", "second"),
                conversation(RowOperation.UPSERT, "c1", "last"),
                customer(RowOperation.UPSERT, 2, "b", 20), customer(RowOperation.DELETE, 2, null));

        assertThat(pairs()).containsExactly("01 11", "01 12");
        assertThat(messages()).containsExactly("c1 0 last");
    }

    @Test
    void shouldKeepTheLastSetOfARowLoadedTwiceInOneBatch() throws SQLException {
        apply(customer(RowOperation.LOAD, 1, "a", 10), customer(RowOperation.LOAD, 2, "b", 20),
                customer(RowOperation.LOAD, 1, "a", 11));

        assertThat(pairs()).containsExactly("01 11", "02 20");
    }

    @Test
    void shouldLeaveARefusedRowAndItsOwnedRowsAsTheyWere() throws SQLException {
        apply(customer(RowOperation.LOAD, 1, "a", 10), conversation(RowOperation.LOAD, "c1", "a"));

        BatchResult result = apply(customer(RowOperation.UPSERT, 1, "refused", 11),
                conversation(RowOperation.UPSERT, "c1", "b", "overflow"), customer(RowOperation.UPSERT, 2, "b", 20),
                conversation(RowOperation.UPSERT, "c2", "fine"));

        assertThat(result.deadLetters()).extracting(DeadLetter::getTable).containsExactlyInAnyOrder("customers",
                "conversations");
        assertThat(result.deadLetters()).extracting(DeadLetter::getReason).anySatisfy(reason ->
                assertThat(reason).contains("numeric field overflow"));
        assertThat(pairs()).containsExactly("01 10", "02 20");
        assertThat(messages()).containsExactly("c1 0 a", "c2 0 fine");
        assertThat(rows("SELECT name FROM customers ORDER BY 1")).containsExactly("a", "b");
    }

    @Test
    void shouldHoldTheUnionOfAJunctionBothSidesList() throws SQLException {
        apply(customer(RowOperation.LOAD, 1, "a", 10, 11), customer(RowOperation.LOAD, 2, "b", 10));

        BatchResult result = apply(account(RowOperation.LOAD, 10, 1, 2), account(RowOperation.LOAD, 11, 1),
                account(RowOperation.LOAD, 12, 2));

        assertThat(result.deadLetters()).isEmpty();
        assertThat(pairs()).containsExactly("01 10", "01 11", "02 10", "02 12");
        apply(account(RowOperation.UPSERT, 10, 2));
        assertThat(pairs()).as("the side changed last decides for its own document")
                .containsExactly("01 11", "02 10", "02 12");
    }

    /** The progress line adds up the rows loaded: a pair both sides list is one row, loaded once. */
    @Test
    void shouldCountAPairBothSidesLoadOnce() throws SQLException {
        BatchResult customers = apply(customer(RowOperation.LOAD, 1, "a", 10, 11), customer(RowOperation.LOAD, 2, "b",
                10));
        BatchResult accounts = apply(account(RowOperation.LOAD, 10, 1, 2), account(RowOperation.LOAD, 11, 1),
                account(RowOperation.LOAD, 12, 2));

        assertThat(pairs()).hasSize(4);
        assertThat(customers.written().get("pairs")[0]).as("pairs the customers loaded").isEqualTo(3);
        assertThat(accounts.written().get("pairs")[0]).as("pairs only the accounts added").isEqualTo(1);
        assertThat(accounts.written().get("pairs")[2]).as("pairs the accounts replaced").isEqualTo(3);
    }

    @Test
    void shouldLetTheSideLoadedLastDecideForItsOwnDocument() throws SQLException {
        apply(customer(RowOperation.LOAD, 1, "a", 10), customer(RowOperation.LOAD, 2, "b", 10));

        apply(account(RowOperation.LOAD, 10, 1));

        assertThat(pairs()).containsExactly("01 10");
    }
}
