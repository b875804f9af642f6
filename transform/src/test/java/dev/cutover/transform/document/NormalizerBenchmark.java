package dev.cutover.transform.document;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.codec.RowChangeCodec;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.transform.RowTransformer;
import dev.cutover.transform.TransformResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Documents per second through the transform stage alone (no Kafka): decode the raw event, normalize it, encode the
 * row change with its sets, as a transform worker does for each record. Not part of the suite (its name matches no
 * test pattern); run it with
 * {@code ./mvnw -q -o -pl transform -am test -Dtest=NormalizerBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and {@code -Dcutover.benchmark.documents=N} (default 200000), {@code -Dcutover.benchmark.repeats=N} (default 5;
 * each figure is the median), or as a main class on the test class path (to choose the JVM's options, e.g.
 * {@code -XX:TieredStopAtLevel=1} as the {@code cutover} launcher runs).
 */
class NormalizerBenchmark {
    private static final int DOCUMENTS = Integer.getInteger("cutover.benchmark.documents", 200_000);
    private static final int REPEATS = Integer.getInteger("cutover.benchmark.repeats", 5);

    @Test
    void measure() {
        main(new String[0]);
    }

    public static void main(String[] args) {
        RowTransformer transformer = new RowTransformer(plan());
        System.out.printf(Locale.ROOT, "%d documents per run, median of %d runs, %s%n", DOCUMENTS, REPEATS,
                System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.println("shape                                        docs/s   MB/s (raw in)  rows/doc");
        run("customer: 9 fields, 6-account junction, jsonb", transformer, NormalizerBenchmark::customer);
        run("conversation: 10 messages as child rows", transformer, NormalizerBenchmark::conversation);
        run("flat: 12 scalar fields, 4 of them to _extra", transformer, NormalizerBenchmark::flat);
        run("SQLite row: the customer's 8 scalar columns", transformer, NormalizerBenchmark::tabular);
    }

    private static void run(String shape, RowTransformer transformer, IntFunction<ChangeEvent> events) {
        List<byte[]> raw = new ArrayList<>(DOCUMENTS);
        long bytes = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            byte[] record = ChangeEventCodec.encode(events.apply(i));
            raw.add(record);
            bytes += record.length;
        }
        long rows = 0;
        double[] seconds = new double[REPEATS];
        pass(transformer, raw.subList(0, Math.min(raw.size(), 50_000)));
        for (int r = 0; r < REPEATS; r++) {
            long start = System.nanoTime();
            rows = pass(transformer, raw);
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[REPEATS / 2];
        System.out.printf(Locale.ROOT, "%-44s %8.0f  %8.1f  %12.1f%n", shape, DOCUMENTS / median,
                bytes / median / (1 << 20), (double) rows / DOCUMENTS);
    }

    /** Transforms every record; returns the rows written (the document's own and the owned ones). */
    private static long pass(RowTransformer transformer, List<byte[]> raw) {
        long rows = 0;
        long size = 0;
        for (byte[] record : raw) {
            for (ChangeEvent event : ChangeEventCodec.decodeAll(record)) {
                TransformResult result = transformer.transform(event);
                if (result.row() == null) {
                    throw new IllegalStateException(result.rejection());
                }
                size += RowChangeCodec.encode(result.row()).length;
                rows += 1 + result.row().getSets().stream().mapToLong(s -> s.getRows().size()).sum();
            }
        }
        return size > 0 ? rows : 0;
    }

    private static String oid(int n) {
        return String.format("5ca4bbcea2dd94ee%08x", n);
    }

    private static ChangeEvent event(String collection, String id, String document) {
        return Documents.event(collection, Operation.SNAPSHOT, Documents.bson("{\"_id\": " + id + "}"),
                Documents.bson(document));
    }

    /** A customer of MongoDB's sample_analytics, with a different _id each. */
    private static ChangeEvent customer(int n) {
        String id = "{\"$oid\": \"" + oid(n) + "\"}";
        return event("customers", id, "{\"_id\": " + id + ", \"username\": \"fmiller" + n + "\", \"name\":"
                + " \"Elizabeth Ray\", \"address\": \"9286 Bethany Glens\\nVasqueztown, CO 22939\", \"birthdate\":"
                + " {\"$date\": \"1977-03-02T02:20:31Z\"}, \"email\": \"arroyocolton@gmail.com\", \"active\": true,"
                + " \"accounts\": [371138, 324287, 276528, 332179, 422649, " + (387979 + n % 1000) + "],"
                + " \"tier_and_details\": {\"0df078f33aa74a2e9696e0520c1a828a\": {\"tier\": \"Bronze\", \"id\":"
                + " \"0df078f33aa74a2e9696e0520c1a828a\", \"active\": true, \"benefits\": [\"sports tickets\"]},"
                + " \"699456451cc24f028d2aa99d7534c219\": {\"tier\": \"Bronze\", \"benefits\": [\"24 hour dedicated"
                + " line\", \"concierge services\"], \"active\": true,"
                + " \"id\": \"699456451cc24f028d2aa99d7534c219\"}}}");
    }

    private static ChangeEvent conversation(int n) {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            messages.append(i == 0 ? "" : ", ").append("{\"role\": \"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\", \"text\": \"").append("Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
                            .repeat(3)).append("\", \"sentAt\": {\"$date\": \"2024-03-01T10:0").append(i)
                    .append(":00.250Z\"}, \"tokens\": ").append(40 + i).append('}');
        }
        String id = "\"c" + n + "\"";
        return event("conversations", id, "{\"_id\": " + id + ", \"title\": \"Trip planning\", \"messages\": ["
                + messages + "], \"model\": \"gpt\"}");
    }

    private static ChangeEvent flat(int n) {
        String id = "{\"$oid\": \"" + oid(n) + "\"}";
        return event("flat", id, "{\"_id\": " + id + ", \"a\": " + n + ", \"b\": \"text " + n + "\", \"c\": 2.5,"
                + " \"d\": true, \"e\": {\"$date\": \"2024-01-02T03:04:05.678Z\"}, \"f\": {\"$numberDecimal\":"
                + " \"12.50\"}, \"g\": {\"$numberLong\": \"9007199254740993\"}, \"h\": \"more text\", \"x1\": 1,"
                + " \"x2\": \"extra\", \"x3\": {\"nested\": [1, 2]}, \"x4\": null}");
    }

    /** The customer's scalar fields as a SQLite row: what the tabular transformer does per row. */
    private static ChangeEvent tabular(int n) {
        return ChangeEvent.newBuilder().setSource("sqlite:/bench.db").setTable("tabular").setOp(Operation.SNAPSHOT)
                .setKeyColumns(List.of("id")).setKey(List.of((long) n))
                .setColumns(List.of("id", "username", "name", "address", "birthdate", "email", "active", "details"))
                .setValues(List.of((long) n, "fmiller" + n, "Elizabeth Ray",
                        "9286 Bethany Glens\nVasqueztown, CO 22939",
                        "1977-03-02T02:20:31.000Z", "arroyocolton@gmail.com", 1L,
                        "{\"tier\": \"Bronze\", \"active\": true, \"benefits\": [\"sports tickets\"]}"))
                .setSequence(0).setSourceTimeMs(1).setCaptureTimeMs(1).build();
    }

    private static ColumnPlan column(String name, String type) {
        return new ColumnPlan(name, name, "", type, false, null, null, false, null, null, null);
    }

    private static Plan plan() {
        KeyPlan id = new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"), List.of("_id"));
        TablePlan customers = new TablePlan("customers", "customers", id, List.of(column("_id", "uuid"),
                column("username", "text"), column("name", "text"), column("address", "text"),
                column("birthdate", "timestamp(3)"), column("email", "text"), column("active", "boolean"),
                column("tier_and_details", "jsonb"), column("_extra", "jsonb")), List.of(), List.of(), List.of(), 0,
                List.of(), DocumentPlan.main("customers", "_extra", List.of(new ArrayFeed("accounts",
                        ArrayFeed.Kind.JUNCTION, "customers_accounts", List.of("customers_id"), "accounts_id"))));
        TablePlan junction = new TablePlan("customers.accounts[]", "customers_accounts", new KeyPlan(
                KeyPlan.KeyKind.PRIMARY_KEY, List.of(DocumentPlan.OWNER, DocumentPlan.ELEMENT),
                List.of("customers_id", "accounts_id")), List.of(
                new ColumnPlan(DocumentPlan.OWNER, "customers_id", "", "uuid", true, null, null, false, null, null,
                        null),
                new ColumnPlan(DocumentPlan.ELEMENT, "accounts_id", "", "bigint", true, null, null, false, null, null,
                        null)), List.of(), List.of(), List.of(), 0, List.of(),
                DocumentPlan.owned("customers", "accounts", null));
        TablePlan conversations = new TablePlan("conversations", "conversations", id, List.of(column("_id", "text"),
                column("title", "text"), column("_extra", "jsonb")), List.of(), List.of(), List.of(), 0, List.of(),
                DocumentPlan.main("conversations", "_extra", List.of(new ArrayFeed("messages",
                        ArrayFeed.Kind.CHILDREN, "messages", List.of("conversations_id"), "position"))));
        TablePlan messages = new TablePlan("conversations.messages[]", "messages", new KeyPlan(
                KeyPlan.KeyKind.PRIMARY_KEY, List.of(DocumentPlan.OWNER, DocumentPlan.INDEX),
                List.of("conversations_id", "position")), List.of(
                new ColumnPlan(DocumentPlan.OWNER, "conversations_id", "", "text", true, null, null, false, null, null,
                        null),
                new ColumnPlan(DocumentPlan.INDEX, "position", "", "integer", true, null, null, false, null, null,
                        null),
                column("role", "text"), column("text", "text"), column("sentAt", "timestamp(3)"),
                column("_extra", "jsonb")), List.of(), List.of(), List.of(), 0, List.of(),
                DocumentPlan.owned("conversations", "messages", "_extra"));
        TablePlan flat = new TablePlan("flat", "flat", id, List.of(column("_id", "uuid"), column("a", "bigint"),
                column("b", "text"), column("c", "double precision"), column("d", "boolean"),
                column("e", "timestamp(3)"), column("f", "numeric"), column("g", "bigint"), column("h", "text"),
                column("_extra", "jsonb")), List.of(), List.of(), List.of(), 0, List.of(),
                DocumentPlan.main("flat", "_extra", List.of()));
        TablePlan tabular = new TablePlan("tabular", "tabular", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY,
                List.of("id"), List.of("id")), List.of(column("id", "bigint"), column("username", "text"),
                column("name", "text"), column("address", "text"), column("birthdate", "timestamp(3)"),
                column("email", "text"), column("active", "boolean"), column("details", "jsonb")), List.of(), List.of(),
                List.of(), 0, List.of());
        return new Plan(Plan.FORMAT_VERSION, "jsondir:/bench", SchemaMode.GENERATE, "public",
                List.of(customers, junction, conversations, messages, flat, tabular), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }
}
