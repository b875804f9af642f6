package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.plan.ObjectIdUuids;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON directory migrated live: while {@code run} streams, documents are appended, a collection file is rewritten
 * with updates, deletes and changed arrays, a conversation file is added, edited and removed; cutover is killed with
 * SIGKILL in the middle of it and restarted; once it has caught up, every document, junction pair and child row in
 * PostgreSQL equals the files ({@code validate --full}).
 */
class JsonDirLiveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 200;
    private static final int ACCOUNTS = 50;

    @TempDir
    Path dir;

    @Test
    void shouldConvergeToTheFilesAfterLiveChangesAndAKill() throws Exception {
        Path data = dir.resolve("data");
        writeAccounts(data, ACCOUNTS, "");
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(customer(i, "customer " + i, List.of(i % ACCOUNTS, (i * 7) % ACCOUNTS)));
        }
        Files.write(data.resolve("customers.jsonl"), customers, StandardCharsets.UTF_8);
        ConversationStore.write(data, 10);
        Path work = dir.resolve("work");
        plan(data, work);
        String[] run = {"run", "--source", "jsondir:" + data, "--work", work.toString()};

        try (CutoverProcess first = CutoverProcess.start(dir.resolve("run1.log"), run)) {
            first.awaitOutput("streaming live changes", 180);
            appendCustomers(data, CUSTOMERS, 20);
            rewriteCustomers(data);
            writeAccounts(data, ACCOUNTS + 5, " (renamed)");
            ConversationStore.edit(data, "conv-3", List.of("edited while streaming"));
            Files.delete(data.resolve("conversations").resolve("conv-4.json"));
            Thread.sleep(1500);
            first.kill();
        }
        appendCustomers(data, CUSTOMERS + 20, 5);
        ConversationStore.edit(data, "conv-new", List.of("written while cutover was down", "second"));
        try (CutoverProcess second = CutoverProcess.start(dir.resolve("run2.log"), run)) {
            second.awaitOutput("streaming live changes", 180);
            LiveMigrationSupport.awaitCaughtUp(work, 120);
            // A directory's position is a file time: a file written within the poller's settling window is read by
            // its next poll, so the run can read caught up once before it has seen the last files.
            Thread.sleep(3000);
            LiveMigrationSupport.awaitCaughtUp(work, 120);

            CommandOutput validate = CommandOutput.run("validate", "--full", "--source", "jsondir:" + data, "--work",
                    work.toString());

            assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
            PgTarget target = LiveMigrationSupport.embeddedTarget(work);
            assertThat(LiveMigrationSupport.count(target, "customers")).isEqualTo(CUSTOMERS + 25 - 10);
            assertThat(pairs(target)).isEqualTo(expectedPairs(data));
            assertThat(LiveMigrationSupport.count(target, "conversations")).isEqualTo(10);
            CommandOutput stop = CommandOutput.run("stop", "--work", work.toString());
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            assertThat(second.awaitExit(60)).as(second.output()).isZero();
        }
    }

    private static void plan(Path data, Path work) throws IOException {
        String[] plan = {"plan", "--source", "jsondir:" + data, "--work", work.toString()};
        assertThat(CommandOutput.run(plan).exitCode()).isZero();
        ObjectNode json = (ObjectNode) JSON.readTree(work.resolve("plan.json").toFile());
        json.set("declarations", JSON.readTree("{\"children\": [{\"collection\": \"conversations\", \"field\":"
                + " \"messages\"}]}"));
        JSON.writeValue(work.resolve("plan.json").toFile(), json);
        CommandOutput again = CommandOutput.run(plan);
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(Files.readString(work.resolve("plan.json"))).contains("customers_accounts");
    }

    private static String oid(String prefix, int n) {
        return String.format("%s%018x", prefix, n);
    }

    private static String customer(int i, String name, List<Integer> accounts) {
        List<String> ids = accounts.stream().map(a -> "{\"$oid\": \"" + oid("aaaaaa", a) + "\"}").toList();
        return "{\"_id\": {\"$oid\": \"" + oid("cccccc", i) + "\"}, \"name\": \"" + name + "\", \"accounts\": ["
                + String.join(", ", ids) + "]}";
    }

    private static void writeAccounts(Path data, int count, String suffix) throws IOException {
        Files.createDirectories(data);
        List<String> accounts = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            accounts.add("{\"_id\": {\"$oid\": \"" + oid("aaaaaa", a) + "\"}, \"name\": \"account " + a + suffix
                    + "\"}");
        }
        replace(data.resolve("accounts.json"), "[" + String.join(",\n", accounts) + "]");
    }

    private static void appendCustomers(Path data, int from, int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            lines.append(customer(i, "appended " + i, List.of(i % ACCOUNTS))).append('\n');
        }
        Files.writeString(data.resolve("customers.jsonl"), lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Updates the first 30 (new name, changed accounts), deletes the next 10, keeps the rest and the appended. */
    private static void rewriteCustomers(Path data) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("customers.jsonl"), StandardCharsets.UTF_8);
        List<String> rewritten = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i < 30) {
                rewritten.add(customer(i, "updated " + i, List.of((i + 1) % ACCOUNTS, (i + 2) % ACCOUNTS, 49)));
            } else if (i >= 40) {
                rewritten.add(lines.get(i));
            }
        }
        replace(data.resolve("customers.jsonl"), String.join("\n", rewritten) + "\n");
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Set<String> expectedPairs(Path data) throws IOException {
        Set<String> pairs = new HashSet<>();
        for (String line : Files.readAllLines(data.resolve("customers.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            var document = JSON.readTree(line);
            UUID customer = ObjectIdUuids.toUuid(document.get("_id").get("$oid").asText());
            document.get("accounts")
                    .forEach(a -> pairs.add(customer + " " + ObjectIdUuids.toUuid(a.get("$oid").asText())));
        }
        return pairs;
    }

    private static Set<String> pairs(PgTarget target) throws Exception {
        Set<String> pairs = new HashSet<>();
        try (Connection connection = target.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT customers_id::text || ' ' || accounts_id::text"
                     + " FROM customers_accounts")) {
            while (rs.next()) {
                pairs.add(rs.getString(1));
            }
        }
        return pairs;
    }
}
