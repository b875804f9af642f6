package dev.cutover.transform.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowSet;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.transform.RowTransformer;
import dev.cutover.transform.TransformResult;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden scenario: the document becomes exactly the expected rows, or is rejected for the expected reason. */
class DocumentGoldenTest {
    private static final Plan PLAN = GoldenDocuments.plan();
    private static final RowTransformer TRANSFORMER = new RowTransformer(PLAN);
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<GoldenDocuments.Case> cases() {
        return GoldenDocuments.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldTurnTheDocumentIntoTheExpectedRowsOrRejectIt(GoldenDocuments.Case golden) throws Exception {
        TablePlan main = PLAN.table(golden.collection()).orElseThrow();
        ByteBuffer key = golden.key() != null ? golden.key() : Documents.keyOf(golden.document(), main.key());

        TransformResult result = TRANSFORMER.transform(Documents.event(golden.collection(), Operation.INSERT, key,
                golden.document()));

        if (golden.rejected() != null) {
            assertThat(result.row()).as("rejected, not a row").isNull();
            assertThat(result.column()).isEqualTo(golden.rejected().get("field").isNull() ? null
                    : golden.rejected().get("field").asText());
            for (JsonNode fragment : golden.rejected().get("reason")) {
                assertThat(result.rejection()).contains(fragment.asText());
            }
            return;
        }
        assertThat(result.rejection()).as("rejection").isNull();
        assertThat(rows(result.row())).isEqualTo(golden.rows());
    }

    /** The row change and its sets as the golden files write rows: per table, a list of column-to-value objects. */
    private static ObjectNode rows(RowChange change) throws Exception {
        ObjectNode tables = JsonNodeFactory.instance.objectNode();
        tables.putArray(change.getTable()).add(row(change.getTable(), change.getColumns(), change.getValues()));
        for (RowSet set : change.getSets()) {
            assertThat(set.getOwner()).as("owner of %s", set.getTable()).isEqualTo(change.getKey());
            ArrayNode rows = tables.putArray(set.getTable());
            for (List<Object> values : set.getRows()) {
                for (String ownerColumn : set.getOwnerColumns()) {
                    assertThat(values.get(set.getColumns().indexOf(ownerColumn)))
                            .isEqualTo(set.getOwner().get(set.getOwnerColumns().indexOf(ownerColumn)));
                }
                rows.add(row(set.getTable(), set.getColumns(), values));
            }
        }
        return tables;
    }

    private static ObjectNode row(String table, List<String> columns, List<Object> values) throws Exception {
        TablePlan plan = PLAN.targetTable(table).orElseThrow();
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String type = plan.columns().stream().filter(c -> c.target().equals(column)).findFirst()
                    .map(ColumnPlan::targetType).orElseThrow();
            row.set(column, value(values.get(i), type.startsWith("json")));
        }
        return row;
    }

    private static JsonNode value(Object value, boolean json) throws Exception {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] array = new byte[bytes.remaining()];
            bytes.duplicate().get(array);
            return JsonNodeFactory.instance.textNode("\\x" + HexFormat.of().formatHex(array));
        }
        return json ? JSON.readTree(value.toString()) : JsonNodeFactory.instance.textNode(value.toString());
    }
}
