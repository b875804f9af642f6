package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.transform.document.Documents;
import dev.cutover.transform.document.GoldenDocuments;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every golden document scenario (transform's {@code src/test/resources/documents/}) through the real transform and
 * sink: PostgreSQL holds exactly the expected rows (each value compared by PostgreSQL itself, as the column's type),
 * and every rejected document is in the dead-letter topic for the expected field. Scenarios that share a key run in
 * separate rounds, each cleared by deleting its documents.
 */
@ExtendWith(PipelineServices.class)
class GoldenDocumentsIT {
    private static final Plan PLAN = GoldenDocuments.plan();

    private record Sent(GoldenDocuments.Case golden, ByteBuffer key) {
    }

    @Test
    void shouldLandEveryGoldenDocumentAsItsExpectedRows(PipelineServices.Services services, @TempDir Path dir)
            throws Exception {
        List<List<Sent>> rounds = rounds(GoldenDocuments.cases());
        int rejected = 0;
        try (DocumentPipeline pipeline = new DocumentPipeline(services, PLAN, dir)) {
            for (List<Sent> round : rounds) {
                pipeline.send(round.stream().map(s -> event(s, Operation.INSERT)).toList());
                pipeline.awaitApplied();
                for (Sent sent : round) {
                    if (sent.golden().rows() != null) {
                        assertRows(pipeline, sent.golden());
                    }
                }
                rejected += (int) round.stream().filter(s -> s.golden().rejected() != null).count();
                pipeline.send(round.stream().map(s -> event(s, Operation.DELETE)).toList());
                pipeline.awaitApplied();
            }
            assertRejections(pipeline.deadLetters(rejected), GoldenDocuments.cases());
            assertThat(DocumentPipelineIT.rows(pipeline, "SELECT count(*) FROM customers_accounts"))
                    .as("every owned row left with its owner").containsExactly("0");
        }
    }

    /** The cases in rounds where no two documents that make rows share a key. */
    private static List<List<Sent>> rounds(List<GoldenDocuments.Case> cases) {
        List<List<Sent>> rounds = new ArrayList<>();
        List<Set<String>> keys = new ArrayList<>();
        for (GoldenDocuments.Case golden : cases) {
            TablePlan main = PLAN.table(golden.collection()).orElseThrow();
            ByteBuffer key = golden.key() != null ? golden.key() : Documents.keyOf(golden.document(), main.key());
            String identity = golden.collection() + "/" + key;
            int round = 0;
            while (round < rounds.size() && golden.rows() != null && keys.get(round).contains(identity)) {
                round++;
            }
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
                keys.add(new HashSet<>());
            }
            rounds.get(round).add(new Sent(golden, key));
            if (golden.rows() != null) {
                keys.get(round).add(identity);
            }
        }
        return rounds;
    }

    private static ChangeEvent event(Sent sent, Operation op) {
        return Documents.event(sent.golden().collection(), op, sent.key().duplicate(),
                op == Operation.DELETE ? null : sent.golden().document().duplicate());
    }

    /**
     * Each expected table holds exactly the expected rows of this document: as many rows for its key (or owner) as
     * expected, and each expected row once, every value equal as the column's type.
     */
    private static void assertRows(DocumentPipeline pipeline, GoldenDocuments.Case golden) throws SQLException {
        TablePlan main = PLAN.table(golden.collection()).orElseThrow();
        JsonNode mainRow = golden.rows().get(main.target()).get(0);
        List<String> key = main.key().targetColumns();
        try (Connection connection = pipeline.connect()) {
            for (Iterator<Map.Entry<String, JsonNode>> tables = golden.rows().fields(); tables.hasNext(); ) {
                Map.Entry<String, JsonNode> table = tables.next();
                TablePlan plan = PLAN.targetTable(table.getKey()).orElseThrow();
                List<String> ownerColumns = plan == main ? key : ownerColumns(main, plan);
                assertThat(count(connection, plan, ownerColumns, key, mainRow, null))
                        .as("%s: rows of %s", golden.name(), table.getKey()).isEqualTo(table.getValue().size());
                for (JsonNode row : table.getValue()) {
                    assertThat(count(connection, plan, ownerColumns, key, mainRow, row))
                            .as("%s: %s holds %s", golden.name(), table.getKey(), row).isEqualTo(1);
                }
            }
        }
    }

    private static List<String> ownerColumns(TablePlan main, TablePlan owned) {
        return main.document().arrays().stream().filter(f -> f.table().equals(owned.target())).findFirst()
                .orElseThrow().ownerColumns();
    }

    /** Rows of the table whose owner columns hold the main row's key (and, given a row, that equal it). */
    private static int count(Connection connection, TablePlan table, List<String> ownerColumns, List<String> key,
                             JsonNode mainRow, JsonNode row) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < ownerColumns.size(); i++) {
            conditions.add(Identifiers.quote(ownerColumns.get(i)) + " = CAST(? AS " + type(table, ownerColumns.get(i))
                    + ")");
            values.add(mainRow.get(key.get(i)).asText());
        }
        if (row != null) {
            for (Iterator<Map.Entry<String, JsonNode>> columns = row.fields(); columns.hasNext(); ) {
                Map.Entry<String, JsonNode> column = columns.next();
                conditions.add(Identifiers.quote(column.getKey()) + " IS NOT DISTINCT FROM CAST(? AS "
                        + type(table, column.getKey()) + ")");
                JsonNode value = column.getValue();
                values.add(value.isNull() ? null : value.isTextual() && !type(table, column.getKey()).startsWith("json")
                        ? value.asText() : value.toString());
            }
        }
        String sql = "SELECT count(*) FROM " + Identifiers.qualified(PLAN.targetSchema(), table.target()) + " WHERE "
                + String.join(" AND ", conditions);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static String type(TablePlan table, String column) {
        return table.columns().stream().filter(c -> c.target().equals(column)).findFirst()
                .map(ColumnPlan::targetType).orElseThrow();
    }

    private static void assertRejections(List<DeadLetter> letters, List<GoldenDocuments.Case> cases) {
        for (GoldenDocuments.Case golden : cases) {
            if (golden.rejected() == null) {
                continue;
            }
            String field = golden.rejected().get("field").isNull() ? null : golden.rejected().get("field").asText();
            List<String> fragments = new ArrayList<>();
            golden.rejected().get("reason").forEach(fragment -> fragments.add(fragment.asText()));
            assertThat(letters).as("%s: its dead letter", golden.name()).anySatisfy(letter -> {
                assertThat(letter.getTable()).isEqualTo(golden.collection());
                assertThat(letter.getColumn()).isEqualTo(field);
                fragments.forEach(fragment -> assertThat(letter.getReason()).contains(fragment));
                assertThat(letter.getRow()).isNotBlank();
            });
        }
    }
}
