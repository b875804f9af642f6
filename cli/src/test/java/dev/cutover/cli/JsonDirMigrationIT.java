package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory of JSON files into PostgreSQL through the whole pipeline (real Kafka, real PostgreSQL): MongoDB's sample
 * collections, a store shaped like seed 003's (a folder per collection, a file per document), declared references
 * and child tables; each load then checked by {@code validate --full}, which compares every document with its rows.
 */
@ExtendWith(PipelineServices.class)
class JsonDirMigrationIT {
    private static final Path SAMPLES = Path.of("../capture/src/test/resources/documents");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldMigrateMongoDbsSampleCollectionsAndFindEveryDocumentEqual(PipelineServices.Services services)
            throws Exception {
        Path data = copy(SAMPLES.resolve("sample_analytics"), dir.resolve("analytics"));
        copy(SAMPLES.resolve("sample_mflix"), data);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");

        CommandOutput run = run(services, target, data, work);
        CommandOutput validate = validate(services, target, data, work);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).contains("EVERYTHING MATCHES (every row compared)");
        assertThat(count(target, "customers")).isEqualTo(500);
        assertThat(count(target, "accounts")).isEqualTo(1746);
        assertThat(columnType(target, "customers", "tier_and_details")).isEqualTo("jsonb");
        assertThat(columnType(target, "customers", "_id")).isEqualTo("uuid");
        assertThat(query(target, "SELECT _id::text FROM customers WHERE username = 'fmiller'"))
                .isEqualTo(CommandOutput.run("id", "5ca4bbcea2dd94ee58162a68").out().trim());
    }

    @Test
    void shouldSplitADeclaredArrayOfReferencesIntoAJunctionTable(PipelineServices.Services services) throws Exception {
        Path data = copy(SAMPLES.resolve("sample_analytics"), dir.resolve("analytics"));
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        planWith(services, target, data, work, "{\"references\": [{\"collection\": \"customers\", \"field\": \"accounts\","
                + " \"to\": \"accounts\", \"toField\": \"account_id\"}]}");

        CommandOutput run = run(services, target, data, work);
        CommandOutput validate = validate(services, target, data, work);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).containsPattern("customers\\.accounts\\[\\]\\s+1746\\s+1746\\s+equal");
        assertThat(count(target, "customers_accounts")).isEqualTo(1746);
        assertThat(query(target, "SELECT count(*) FROM customers_accounts j JOIN customers c ON c._id = j.customers_id"
                + " WHERE c.username = 'fmiller'")).isEqualTo("6");
    }

    @Test
    void shouldImportAConversationStoreIdempotentlyAndReplaceAnEditedConversationsMessages(
            PipelineServices.Services services) throws Exception {
        Path data = dir.resolve("store");
        ConversationStore.write(data, 30);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        planWith(services, target, data, work,
                "{\"children\": [{\"collection\": \"conversations\", \"field\": \"messages\"}]}");

        CommandOutput first = run(services, target, data, work);
        String before = tableDigest(target);
        CommandOutput again = run(services, target, data, work);
        String unchanged = tableDigest(target);
        ConversationStore.edit(data, "conv-7", List.of("only this one now"));
        CommandOutput afterEdit = run(services, target, data, work);
        CommandOutput validate = validate(services, target, data, work);

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(count(target, "conversations")).isEqualTo(30);
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(unchanged).as("running the import again over the same files changes nothing").isEqualTo(before);
        assertThat(afterEdit.exitCode()).as(afterEdit.out() + afterEdit.err()).isZero();
        assertThat(query(target, "SELECT string_agg(content, '|' ORDER BY _index) FROM conversations_messages"
                + " WHERE conversations_id = 'conv-7'")).isEqualTo("only this one now");
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).contains("conversations.messages[]").contains("EVERYTHING MATCHES");
    }

    @Test
    void shouldLandHostileDocumentsFaithfullyOrLogThemByFileAndLine(PipelineServices.Services services)
            throws Exception {
        Path data = Files.createDirectories(dir.resolve("hostile"));
        StringBuilder deep = new StringBuilder("{\"_id\": 3, \"deep\": ");
        deep.append("{\"a\": ".repeat(200)).append("1").append("}".repeat(200)).append("}");
        Files.writeString(data.resolve("things.jsonl"), String.join("\n",
                "{\"_id\": 1, \"$weird\": \"dollar\", \"dotted.key\": \"dot\", \"n\": 1}",
                "{\"_id\": 2, \"n\": 2, \"n\": 3}",
                deep.toString(),
                "{\"_id\": 4, \"when\": {\"$date\": \"not a date\"}}",
                "{\"_id\": \"five\", \"n\": 5}",
                "{\"_id\": 6, \"empty\": [], \"nested\": {\"list\": [1, \"two\", {\"three\": 3}]}}") + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(data.resolve("blank.json"), "", StandardCharsets.UTF_8);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");

        CommandOutput run = run(services, target, data, work);
        CommandOutput validate = validate(services, target, data, work);

        assertThat(run.exitCode()).as("errors are reported by the exit code: " + run.out() + run.err()).isEqualTo(1);
        List<JsonNode> errors = errorLog(work);
        assertThat(errors).as("the error log names the bad lines").isNotEmpty();
        assertThat(errors.toString()).contains("things.jsonl");
        assertThat(count(target, "things")).as("the readable documents landed").isGreaterThanOrEqualTo(4);
        assertThat(errors).extracting(e -> e.get("key").get("$line").asInt()).as("duplicate key, invalid date")
                .containsExactlyInAnyOrder(2, 4);
        assertThat(query(target, "SELECT \"$weird\" || ' ' || \"dotted.key\" FROM things WHERE \"$weird\" IS NOT NULL"))
                .as("$-prefixed and dotted field names are columns of their own").isEqualTo("dollar dot");
        assertThat(query(target, "SELECT deep #>> '{a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a}' IS NOT NULL"
                + " FROM things WHERE deep IS NOT NULL")).as("200 levels of nesting kept").isEqualTo("t");
        assertThat(validate.out()).as(validate.out()).containsPattern("things\\s+4\\s+4\\s+equal");
    }

    @Test
    void shouldLandADanglingReferenceAndNameTheForeignKeyItBreaks(PipelineServices.Services services)
            throws Exception {
        Path data = Files.createDirectories(dir.resolve("dangling"));
        List<String> accounts = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        for (int a = 0; a < 20; a++) {
            accounts.add("{\"_id\": {\"$oid\": \"" + String.format("aaaaaa%018x", a) + "\"}, \"n\": " + a + "}");
        }
        for (int c = 0; c < 40; c++) {
            String account = String.format(c == 7 ? "bbbbbb%018x" : "aaaaaa%018x", c % 20);
            customers.add("{\"_id\": {\"$oid\": \"" + String.format("cccccc%018x", c) + "\"}, \"owner\": "
                    + "{\"$oid\": \"" + account + "\"}, \"accounts\": [{\"$oid\": \"" + account + "\"}]}");
        }
        Files.write(data.resolve("accounts.jsonl"), accounts, StandardCharsets.UTF_8);
        Files.write(data.resolve("customers.jsonl"), customers, StandardCharsets.UTF_8);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");

        CommandOutput plan = CommandOutput.run("plan", "--source", "jsondir:" + data, "--target", target.toString(),
                "--work", work.toString());
        CommandOutput run = run(services, target, data, work);
        CommandOutput validate = validate(services, target, data, work);

        assertThat(plan.out()).contains("customers.owner: 1 of 40 values not in accounts")
                .contains("customers.accounts: 1 of 40 values not in accounts");
        assertThat(count(target, "customers")).as("the row lands with its reference").isEqualTo(40);
        assertThat(count(target, "customers_accounts")).isEqualTo(40);
        assertThat(run.out()).as(run.out() + run.err())
                .contains("constraint violated: foreign key customers_owner_fkey")
                .contains("constraint violated: foreign key customers_accounts_accounts_id_fkey")
                .as("the document and its reference as the source holds them")
                .contains("{\"_id\":{\"$oid\":\"cccccc000000000000000007\"},\"owner\":{\"$oid\":\"bbbbbb000000000000000007\"}}")
                .contains("{\"customers_id\":{\"$oid\":\"cccccc000000000000000007\"},"
                        + "\"accounts_id\":{\"$oid\":\"bbbbbb000000000000000007\"}}");
        assertThat(validate.exitCode()).as(validate.out()).isEqualTo(1);
        assertThat(validate.out()).contains("foreign-key customers_owner_fkey: 1 rows break it")
                .contains("foreign-key customers_accounts_accounts_id_fkey: 1 rows break it")
                .contains("{\"_id\":{\"$oid\":\"cccccc000000000000000007\"},\"owner\":{\"$oid\":\"bbbbbb000000000000000007\"}}");
    }

    @Test
    void shouldFlattenADeclaredEmbeddedDocumentIntoColumnsAndFindEveryDocumentEqual(PipelineServices.Services services)
            throws Exception {
        Path data = Files.createDirectories(dir.resolve("flatten"));
        Files.writeString(data.resolve("theaters.jsonl"), String.join("\n",
                "{\"_id\": 1, \"name\": \"Rex\", \"address\": {\"city\": \"Paris\", \"zip\": 75002}}",
                "{\"_id\": 2, \"name\": \"Odeon\", \"address\": {\"city\": \"Lyon\", \"geo\": {\"lat\": 45.76}}}",
                "{\"_id\": 3, \"name\": \"Roxy\", \"address\": {}}",
                "{\"_id\": 4, \"name\": \"Lux\", \"address\": null}",
                "{\"_id\": 5, \"name\": \"Star\", \"address\": \"12 rue Haute\"}",
                "{\"_id\": 6, \"name\": \"Vox\"}") + "\n", StandardCharsets.UTF_8);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        planWith(services, target, data, work, "{\"flatten\": [{\"collection\": \"theaters\", \"field\": \"address\"}]}");

        CommandOutput run = run(services, target, data, work);
        CommandOutput validate = validate(services, target, data, work);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(query(target, "SELECT string_agg(concat_ws(':', _id, coalesce(address_city, '-'), "
                + "coalesce(address_zip::text, '-'), coalesce(address_geo::text, '-'), coalesce(_extra::text, '-')), ' ' "
                + "ORDER BY _id) FROM theaters")).isEqualTo("1:Paris:75002:-:- 2:Lyon:-:{\"lat\": 45.76}:- "
                + "3:-:-:-:{\"address\": {}} 4:-:-:-:{\"address\": null} 5:-:-:-:{\"address\": \"12 rue Haute\"} "
                + "6:-:-:-:-");
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).containsPattern("theaters\\s+6\\s+6\\s+equal");

        Files.writeString(data.resolve("theaters.jsonl"), "{\"_id\": 7, \"name\": \"Ciel\", \"address\": "
                + "{\"city\": \"Metz\", \"floor\": 3}}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        CommandOutput again = run(services, target, data, work);
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(query(target, "SELECT address_city || ' ' || _extra::text FROM theaters WHERE _id = 7"))
                .as("a field first seen after the plan").isEqualTo("Metz {\"address\": {\"floor\": 3}}");
        CommandOutput revalidate = validate(services, target, data, work);
        assertThat(revalidate.exitCode()).as(revalidate.out() + revalidate.err()).isZero();

        Files.writeString(data.resolve("theaters.jsonl"), Files.readString(data.resolve("theaters.jsonl"))
                .replace("\"Paris\"", "\"Nice\""), StandardCharsets.UTF_8);
        CommandOutput changed = validate(services, target, data, work);
        assertThat(changed.exitCode()).as("a changed embedded field is a difference: " + changed.out()).isEqualTo(1);
    }

    private CommandOutput run(PipelineServices.Services services, PgTarget target, Path data, Path work) {
        return CommandOutput.run("run", "--once", "--source", "jsondir:" + data, "--target", target.toString(),
                "--kafka", services.kafka(), "--work", work.toString());
    }

    private CommandOutput validate(PipelineServices.Services services, PgTarget target, Path data, Path work) {
        return CommandOutput.run("validate", "--full", "--source", "jsondir:" + data, "--target", target.toString(),
                "--kafka", services.kafka(), "--work", work.toString());
    }

    /** Plans the directory, adds the declarations to plan.json, and plans again (which keeps and applies them). */
    private void planWith(PipelineServices.Services services, PgTarget target, Path data, Path work,
                          String declarations) throws IOException {
        String[] plan = {"plan", "--source", "jsondir:" + data, "--target", target.toString(), "--work",
                work.toString()};
        assertThat(CommandOutput.run(plan).exitCode()).isZero();
        ObjectNode json = (ObjectNode) JSON.readTree(work.resolve("plan.json").toFile());
        json.set("declarations", JSON.readTree(declarations));
        JSON.writeValue(work.resolve("plan.json").toFile(), json);
        CommandOutput again = CommandOutput.run(plan);
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static List<JsonNode> errorLog(Path work) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        Path log = work.resolve("errors.jsonl");
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(JSON.readTree(line));
                }
            }
        }
        return entries;
    }

    private static long count(PgTarget target, String table) throws SQLException {
        return Long.parseLong(query(target, "SELECT count(*) FROM public.\"" + table + "\""));
    }

    private static String columnType(PgTarget target, String table, String column) throws SQLException {
        return query(target, "SELECT data_type FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'");
    }

    /** Every table's rows, as one text: equal texts mean equal tables. */
    private static String tableDigest(PgTarget target) throws SQLException {
        return query(target, "SELECT string_agg(t, '|' ORDER BY t) FROM ("
                + " SELECT 'c' || md5(string_agg(to_jsonb(c)::text, ',' ORDER BY c.id)) AS t FROM conversations c"
                + " UNION ALL SELECT 'm' || md5(string_agg(to_jsonb(m)::text, ',' ORDER BY m.conversations_id, m._index))"
                + " FROM conversations_messages m"
                + " UNION ALL SELECT 'u' || md5(string_agg(to_jsonb(u)::text, ',' ORDER BY u._file)) FROM usage u) x");
    }

    private static String query(PgTarget target, String sql) throws SQLException {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
