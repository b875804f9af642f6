package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.TableComparator;
import dev.cutover.validator.TableDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values at the edges of what SQLite can hold: each row lands equal in PostgreSQL or is in the error log with its
 * table, key and reason; the run goes on and exits 1 because there are errors.
 */
@ExtendWith(PipelineServices.class)
class EdgeValuesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldLandEveryRowEqualOrInTheErrorLog(PipelineServices.Services services, @TempDir Path dir) throws Exception {
        Path source = dir.resolve("edge.db");
        byte[] blob = new byte[5 << 20];
        new Random(7).nextBytes(blob);
        String text = "all work and no play ✓ ".repeat(140_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE edge (id INTEGER PRIMARY KEY, t TEXT, b BLOB, i INTEGER, r REAL)");
            s.execute("INSERT INTO edge (id, t) VALUES (1, CAST(x'61ff62' AS TEXT))");
            s.execute("INSERT INTO edge (id, t) VALUES (2, 'a' || char(0) || 'b')");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO edge (id, b, t) VALUES (3, ?, ?)")) {
                ps.setBytes(1, blob);
                ps.setString(2, text);
                ps.executeUpdate();
            }
            s.execute("INSERT INTO edge (id, i) VALUES (4, 9223372036854775807), (5, -9223372036854775808)");
            s.execute("INSERT INTO edge (id, r) VALUES (6, 1e999), (7, -1e999), (8, 4.9e-324), (9, 1.7976931348623157e308)");
            s.execute("INSERT INTO edge (id, t) VALUES (10, ''), (11, 'tab\tnewline\nbackslash\\ quote'' \\N')");
        }
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");

        CommandOutput result = CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--target",
                target.toString(), "--kafka", services.kafka(), "--work", work.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("2 rows could not be written").contains("errors.jsonl");
        List<JsonNode> errors = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("errors.jsonl"))) {
            errors.add(JSON.readTree(line));
        }
        assertThat(errors).hasSize(2);
        assertThat(errors).extracting(e -> e.get("table").asText()).containsOnly("edge");
        assertThat(errors).extracting(e -> e.get("key").get("id").asLong()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(errors).allSatisfy(e -> assertThat(e.get("reason").asText()).isNotBlank());
        assertThat(errors).allSatisfy(e -> assertThat(e.has("row")).isTrue());

        Plan plan = PlanJson.read(work.resolve("plan.json"));
        TableDiff diff;
        try (ReadBack sqlite = Sources.parse("sqlite:" + source).readBack(false); Connection postgres = target.connect()) {
            diff = new TableComparator(plan.targetSchema(), plan.tables().get(0)).compare(sqlite, postgres);
        }
        assertThat(diff.different()).isEmpty();
        assertThat(diff.extra()).isEmpty();
        assertThat(diff.missing()).containsExactlyInAnyOrder("[\"1\"]", "[\"2\"]");
        assertThat(diff.targetRows()).isEqualTo(9);
    }

    @Test
    void shouldSendARowLargerThanKafkaCarriesToTheErrorLogAndMoveTheRest(PipelineServices.Services services,
                                                                         @TempDir Path dir) throws Exception {
        Path source = dir.resolve("big-rows.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE doc (id INTEGER PRIMARY KEY, body BLOB)");
            s.execute("INSERT INTO doc VALUES (1, randomblob(1000)), (2, randomblob(3 * 1024 * 1024)), (3, randomblob(10))");
        }
        Path work = dir.resolve("work");

        CommandOutput result = CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--target",
                services.newDatabase().toString(), "--kafka", services.kafka(), "--work", work.toString(),
                "--max-message-mb", "1");

        assertThat(result.exitCode()).isEqualTo(1);
        List<String> lines = Files.readAllLines(work.resolve("errors.jsonl"));
        assertThat(lines).hasSize(1);
        JsonNode error = JSON.readTree(lines.get(0));
        assertThat(error.get("stage").asText()).isEqualTo("capture");
        assertThat(error.get("key").get("id").asLong()).isEqualTo(2);
        assertThat(error.get("reason").asText()).contains("--max-message-mb");
        assertThat(result.out()).containsPattern("doc\\s+3\\s+2\\s+1");
    }
}
