package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.sink.PgTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover validate} after a correct migration reports everything equal; after each kind of difference is
 * planted in PostgreSQL, it names every one by table, key and column, sampled and in full.
 */
@ExtendWith(PipelineServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private Path source;
    private Path work;
    private PgTarget target;
    private String kafka;

    @BeforeAll
    void migrate(PipelineServices.Services services, @TempDir Path dir) throws Exception {
        this.dir = dir;
        source = dir.resolve("shop.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL, created DATETIME NOT NULL,"
                    + " score REAL, vip BOOLEAN, prefs JSON)");
            s.execute("CREATE TABLE \"order\" (code TEXT PRIMARY KEY, customer_id INTEGER REFERENCES customer(id),"
                    + " total NUMERIC(10,2) CHECK (total >= 0), starts DATE, ends DATE)");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                    + "INSERT INTO customer SELECT i, 'user' || i || '@example.com', "
                    + "datetime(1700000000 + i * 3600, 'unixepoch'), i / 7.0, i % 2, '{\"lang\":\"en\",\"n\":' || i || '}'"
                    + " FROM n");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                    + "INSERT INTO \"order\" SELECT 'Ö-' || printf('%05d', i), 1 + i % 3000, i * 1.25,"
                    + " date('2024-01-01', '+' || (i % 300) || ' days'), date('2024-01-01', '+' || (i % 300 + 5) || ' days')"
                    + " FROM n");
        }
        target = services.newDatabase();
        kafka = services.kafka();
        work = dir.resolve("work");
        CommandOutput run = CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--target",
                target.toString(), "--kafka", kafka, "--work", work.toString());
        assertThat(run.exitCode()).isEqualTo(0);
    }

    @Test
    @Order(4)
    void shouldReportEverythingEqualOnAnUntouchedMigrationAndNameEachPlantedDifference() throws Exception {
        CommandOutput clean = validate("--full", "--chunk-rows", "100", "--json");
        assertThat(clean.exitCode()).as(clean.out()).isEqualTo(0);
        JsonNode report = JSON.readTree(clean.out());
        for (JsonNode table : report.get("tables")) {
            assertThat(table.get("counts").asText()).isEqualTo("equal");
            assertThat(table.get("comparison").get("equal").asLong()).isEqualTo(table.get("sourceRows").asLong());
        }
        assertThat(report.get("findings")).allSatisfy(f -> assertThat(f.get("rows").asLong()).isZero());
        CommandOutput sampled = validate();
        assertThat(sampled.exitCode()).isEqualTo(0);
        assertThat(sampled.out()).contains("EVERYTHING MATCHES").containsPattern("customer\\s+3000\\s+3000\\s+equal");

        plant("UPDATE customer SET email = 'changed@example.com' WHERE id = 17",
                "DELETE FROM customer WHERE id = 2500",
                "INSERT INTO customer (id, email, created) VALUES (99999, 'ghost@example.com', now())",
                "UPDATE customer SET created = created + interval '1 hour' WHERE id = 19",
                "UPDATE customer SET score = score::real WHERE id = 20",
                "ALTER TABLE customer ALTER COLUMN email DROP NOT NULL",
                "UPDATE customer SET email = NULL WHERE id = 21",
                "SET session_replication_role = replica; UPDATE \"order\" SET customer_id = 77777 WHERE code = 'Ö-00005'");

        for (String[] mode : List.of(new String[] {"--full", "--chunk-rows", "100"}, new String[] {"--sample", "5000"})) {
            CommandOutput found = validate(Stream.concat(Stream.of(mode), Stream.of("--json")).toArray(String[]::new));
            assertThat(found.exitCode()).as(found.out()).isEqualTo(1);
            JsonNode differences = JSON.readTree(found.out());
            JsonNode customer = table(differences, "customer");
            assertThat(customer.get("counts").asText()).isEqualTo("equal"); // one row missing, one extra
            JsonNode comparison = customer.get("comparison");
            assertThat(comparison.get("missing").asLong()).isEqualTo(1);
            assertThat(texts(comparison.get("missingKeys"))).containsExactly("{\"id\":2500}");
            assertThat(comparison.get("extra").asLong()).isEqualTo(1);
            assertThat(texts(comparison.get("extraKeys"))).containsExactly("{\"id\":99999}");
            assertThat(comparison.get("different").asLong()).isEqualTo(4);
            List<String> named = new ArrayList<>();
            comparison.get("differences").forEach(d -> named.add(d.get("key").asText() + " " + d.get("column").asText()));
            assertThat(named).containsExactlyInAnyOrder("{\"id\":17} email", "{\"id\":19} created",
                    "{\"id\":20} score", "{\"id\":21} email");
            if (mode[0].equals("--full")) {
                assertThat(customer.get("comparison").get("chunks").asLong()).isEqualTo(31);
                assertThat(customer.get("comparison").get("differingChunks").asLong()).isBetween(2L, 5L);
            }
            JsonNode shifted = difference(comparison, "{\"id\":19}");
            assertThat(shifted.get("target").asText()).isEqualTo(plusOneHour(shifted.get("source").asText()));
            assertThat(finding(differences, "not-null").get("exampleKeys").get(0).asText()).isEqualTo("{\"id\":21}");
            JsonNode orphan = finding(differences, "foreign-key");
            assertThat(orphan.get("table").asText()).isEqualTo("order");
            assertThat(orphan.get("rows").asLong()).isEqualTo(1);
            assertThat(orphan.get("exampleKeys").get(0).asText()).isEqualTo("{\"code\":\"Ö-00005\"}");
        }
        CommandOutput human = validate("--full");
        assertThat(human.out()).contains("DIFFERENCES FOUND").contains("customer: missing in the target: 1 rows")
                .contains("{\"id\":19} created").containsPattern("order: foreign-key \\S+: 1 rows break it");
        try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
            assertThat(reports.filter(p -> p.getFileName().toString().matches("validate-\\d{8}T\\d{6}Z\\.json")))
                    .isNotEmpty();
        }
    }

    @Test
    @Order(1)
    void shouldCountADifferenceOnAKeyWithAChangeOnItsWayAsPending() throws Exception {
        plant("CREATE TABLE saved AS SELECT score FROM customer WHERE id = 1000",
                "UPDATE customer SET score = -1 WHERE id = 1000");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE _cutover_changes (seq INTEGER PRIMARY KEY, tbl TEXT, ts REAL, k1)");
            s.execute("INSERT INTO _cutover_changes (tbl, ts, k1) VALUES ('customer', 0, 1000)");
        }
        try {
            CommandOutput result = validate("--full", "--json");
            JsonNode comparison = table(JSON.readTree(result.out()), "customer").get("comparison");
            assertThat(comparison.get("pending").asLong()).isEqualTo(1);
            assertThat(texts(comparison.get("differences").findValues("key"))).doesNotContain("{\"id\":1000}");
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
                s.execute("DROP TABLE _cutover_changes");
            }
            plant("UPDATE customer SET score = (SELECT score FROM saved) WHERE id = 1000", "DROP TABLE saved");
        }
    }

    @Test
    @Order(2)
    void shouldCheckTheRulesThePlanDeclares() throws Exception {
        Path plan = work.resolve("plan.json");
        String original = Files.readString(plan);
        ObjectNode edited = (ObjectNode) JSON.readTree(original);
        edited.putArray("rules").addObject().put("table", "order").put("name", "ends after it starts")
                .put("check", "\"ends\" > \"starts\"");
        edited.withArray("rules").addObject().put("table", "customer").put("name", "broken rule")
                .put("check", "no_such_column > 1");
        Files.writeString(plan, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(edited));
        plant("UPDATE \"order\" SET ends = starts - 1 WHERE code = 'Ö-00009'");
        try {
            CommandOutput result = validate("--json");
            assertThat(result.exitCode()).isEqualTo(1);
            JsonNode findings = JSON.readTree(result.out()).get("findings");
            JsonNode rule = find(findings, "ends after it starts");
            assertThat(rule.get("rows").asLong()).isEqualTo(1);
            assertThat(rule.get("exampleKeys").get(0).asText()).isEqualTo("{\"code\":\"Ö-00009\"}");
            JsonNode broken = find(findings, "broken rule");
            assertThat(broken.get("error").asBoolean()).isTrue();
            assertThat(broken.get("detail").asText()).contains("no_such_column");
        } finally {
            Files.writeString(plan, original);
            plant("UPDATE \"order\" SET ends = starts + 5 WHERE code = 'Ö-00009'");
        }
    }

    @Test
    @Order(3)
    void shouldRejectBadOptionsAndUnreachableInputsClearly() {
        CommandOutput sample = validate("--sample", "0");
        assertThat(sample.exitCode()).isEqualTo(2);
        assertThat(sample.err()).contains("--sample 0").contains("use 1 or more");
        CommandOutput missing = CommandOutput.run("validate", "--source", "sqlite:" + dir.resolve("nope.db"),
                "--target", target.toString(), "--work", work.toString());
        assertThat(missing.exitCode()).isIn(2, 3);
        assertThat(missing.err()).contains("nope.db");
        CommandOutput noTarget = CommandOutput.run("validate", "--source", "sqlite:" + source, "--work",
                dir.resolve("empty-work").toString());
        assertThat(noTarget.exitCode()).isEqualTo(2);
        assertThat(noTarget.err()).contains("--target");
    }

    private CommandOutput validate(String... options) {
        List<String> args = new ArrayList<>(List.of("validate", "--source", "sqlite:" + source, "--target",
                target.toString(), "--kafka", kafka, "--work", work.toString()));
        args.addAll(List.of(options));
        return CommandOutput.run(args.toArray(String[]::new));
    }

    private void plant(String... statements) throws Exception {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static JsonNode table(JsonNode report, String name) {
        for (JsonNode table : report.get("tables")) {
            if (table.get("table").asText().equals(name)) {
                return table;
            }
        }
        throw new AssertionError("no table " + name + " in " + report);
    }

    private static JsonNode difference(JsonNode comparison, String key) {
        for (JsonNode d : comparison.get("differences")) {
            if (d.get("key").asText().equals(key)) {
                return d;
            }
        }
        throw new AssertionError("no difference for " + key);
    }

    private static JsonNode finding(JsonNode report, String kind) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("kind").asText().equals(kind) && f.get("rows").asLong() > 0) {
                return f;
            }
        }
        throw new AssertionError("no failed " + kind + " finding in " + report.get("findings"));
    }

    private static JsonNode find(JsonNode findings, String name) {
        for (JsonNode f : findings) {
            if (f.get("name").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + name + " in " + findings);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }

    private static String plusOneHour(String sqliteDatetime) {
        return java.time.LocalDateTime.parse(sqliteDatetime.replace(' ', 'T')).plusHours(1).toString();
    }
}
