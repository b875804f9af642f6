package dev.cutover.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTransformerTest {

    private static ColumnPlan column(String source, String target, String type, String generated) {
        return new ColumnPlan(source, target, type, type, false, null, generated, false, null, null, null);
    }

    private static final TablePlan ORDERS = new TablePlan("order items", "order_items_shortened",
            new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"), List.of("id")),
            List.of(column("id", "id", "bigint", null), column("Label", "Label", "text", null),
                    column("total", "total", "bigint", "\"id\" * 2")),
            List.of(), List.of(), List.of(), 0, List.of());

    private static final TablePlan LOOSE = new TablePlan("loose", "loose",
            new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"), List.of(KeyPlan.ROWID_COLUMN)),
            List.of(column("x", "x", "text", null)), List.of(), List.of(), List.of(), 0, List.of());

    private static ChangeEvent event(String table, Operation op, List<String> keyColumns, List<Object> key,
                                     List<String> columns, List<Object> values) {
        return ChangeEvent.newBuilder().setSource("sqlite:/a.db").setTable(table).setOp(op).setKeyColumns(keyColumns)
                .setKey(key).setColumns(columns).setValues(values).setSequence(0).setSourceTimeMs(10).setCaptureTimeMs(20)
                .build();
    }

    @Test
    void shouldMapASnapshotRowToALoadOfTheTargetTableWithoutGeneratedColumns() throws Exception {
        TransformResult result = new TableTransformer(ORDERS).transform(event("order items", Operation.SNAPSHOT,
                List.of("id"), List.of(7L), List.of("id", "Label", "total"), List.of(7L, "seven", 14L)));

        RowChange row = result.row();
        assertThat(row.getOp()).isEqualTo(RowOperation.LOAD);
        assertThat(row.getTable()).isEqualTo("order_items_shortened");
        assertThat(row.getSourceTable()).isEqualTo("order items");
        assertThat(row.getColumns()).containsExactly("id", "Label");
        assertThat(row.getValues()).containsExactly(7L, "seven");
        assertThat(row.getKeyColumns()).containsExactly("id");
        assertThat(row.getKey()).containsExactly("7");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(row.getSourceKey()).get("id").asLong())
                .isEqualTo(7);
        assertThat(row.getSourceTimeMs()).isEqualTo(10);
    }

    @Test
    void shouldTurnLiveChangesIntoUpsertsAndDeletes() {
        TableTransformer transformer = new TableTransformer(ORDERS);

        RowChange update = transformer.transform(event("order items", Operation.UPDATE, List.of("id"), List.of(7L),
                List.of("id", "Label"), List.of(7L, "new"))).row();
        RowChange delete = transformer.transform(event("order items", Operation.DELETE, List.of("id"), List.of(7L),
                List.of(), List.of())).row();

        assertThat(update.getOp()).isEqualTo(RowOperation.UPSERT);
        assertThat(delete.getOp()).isEqualTo(RowOperation.DELETE);
        assertThat(delete.getColumns()).isEmpty();
        assertThat(delete.getKey()).containsExactly("7");
    }

    private static final TablePlan ACCOUNTS = new TablePlan("account", "account",
            new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("code"), List.of("code")),
            List.of(column("code", "code", "numeric(6,2)", null), column("name", "name", "text", null),
                    column("balance", "Balance", "numeric(12,2)", null)),
            List.of(), List.of(), List.of(), 0, List.of());

    /** The live writer's {@code balance = balance + 1.0, name = ...}: the row lands whole, the noise rounded. */
    @Test
    void shouldRoundFloatNoiseAndKeepTheRestOfTheChange() {
        TransformResult result = new TableTransformer(ACCOUNTS).transform(event("account", Operation.UPDATE,
                List.of("code"), List.of(1L), List.of("code", "name", "balance"), List.of(1L, "renamed", 0.84 + 1.0)));

        assertThat(result.rejection()).isNull();
        assertThat(result.row().getColumns()).containsExactly("code", "name", "Balance");
        assertThat(result.row().getValues()).containsExactly("1", "renamed", "1.84");
        assertThat(result.rounded()).containsExactly("Balance");
        assertThat(new TableTransformer(ACCOUNTS).transform(event("account", Operation.UPDATE, List.of("code"),
                List.of(1L), List.of("code", "name", "balance"), List.of(1L, "x", 1.84))).rounded()).isEmpty();
    }

    @Test
    void shouldRejectAValueWithMoreDigitsThanTheScale() {
        TransformResult result = new TableTransformer(ACCOUNTS).transform(event("account", Operation.UPDATE,
                List.of("code"), List.of(1L), List.of("code", "name", "balance"), List.of(1L, "renamed", 1.005)));

        assertThat(result.row()).isNull();
        assertThat(result.column()).isEqualTo("balance");
        assertThat(result.rejection()).contains("has 3 digits after the decimal point");
        assertThat(result.rounded()).isEmpty();
    }

    @Test
    void shouldNeverRoundAKey() {
        TransformResult result = new TableTransformer(ACCOUNTS).transform(event("account", Operation.INSERT,
                List.of("code"), List.of(0.1 + 0.2), List.of("code", "name", "balance"), List.of(0.1 + 0.2, "x", 1.0)));

        assertThat(result.row()).isNull();
        assertThat(result.column()).isEqualTo("code");
        assertThat(result.rejection()).contains("key column code", "0.30000000000000004", "a key is never rounded");
    }

    @Test
    void shouldKeepTheRowidOfATableWithoutPrimaryKeyInItsOwnColumn() {
        RowChange row = new TableTransformer(LOOSE).transform(event("loose", Operation.SNAPSHOT, List.of("rowid"),
                List.of(3L), List.of("x"), List.of("three"))).row();

        assertThat(row.getColumns()).containsExactly("x", KeyPlan.ROWID_COLUMN);
        assertThat(row.getValues()).containsExactly("three", "3");
        assertThat(row.getKeyColumns()).containsExactly(KeyPlan.ROWID_COLUMN);
    }

    @Test
    void shouldRejectAColumnThePlanDoesNotKnowNamingIt() {
        TransformResult result = new TableTransformer(ORDERS).transform(event("order items", Operation.INSERT,
                List.of("id"), List.of(8L), List.of("id", "Label", "added later"), List.of(8L, "x", "?")));

        assertThat(result.row()).isNull();
        assertThat(result.column()).isEqualTo("added later");
        assertThat(result.rejection()).contains("not in the plan").contains("cutover plan");
    }

    @Test
    void shouldRejectANullKeyBecausePostgresqlKeysCannotBeNull() {
        TransformResult result = new TableTransformer(ORDERS).transform(event("order items", Operation.SNAPSHOT,
                List.of("id"), Arrays.asList((Object) null), List.of("id", "Label"), Arrays.asList(null, "x")));

        assertThat(result.row()).isNull();
        assertThat(result.column()).isEqualTo("id");
        assertThat(result.rejection()).contains("NULL");
    }

    @Test
    void shouldRejectEventsOfTablesOutsideThePlan() {
        TransformResult result = new RowTransformer(new dev.cutover.schemas.plan.Plan(1, "sqlite:/a.db",
                dev.cutover.schemas.plan.SchemaMode.GENERATE, "public", List.of(ORDERS), List.of(), List.of(), List.of(),
                List.of(), List.of())).transform(event("other", Operation.INSERT, List.of("id"), List.of(1L),
                List.of("id"), List.of(1L)));

        assertThat(result.row()).isNull();
        assertThat(result.rejection()).contains("table other is not in the plan");
    }
    @Test
    void shouldGiveTheRowsOfOneBatchOneTargetColumnListAndEachItsOwnValues() {
        TableTransformer transformer = new TableTransformer(ORDERS);
        List<String> keyColumns = List.of("id");
        List<String> columns = List.of("id", "Label", "total");

        RowChange first = transformer.transform(event("order items", Operation.SNAPSHOT, keyColumns, List.of(1L),
                columns, List.of(1L, "one", 2L))).row();
        RowChange second = transformer.transform(event("order items", Operation.SNAPSHOT, keyColumns, List.of(2L),
                columns, List.of(2L, "two", 4L))).row();

        assertThat(second.getColumns()).isSameAs(first.getColumns()).containsExactly("id", "Label");
        assertThat(first.getValues()).containsExactly(1L, "one");
        assertThat(second.getValues()).containsExactly(2L, "two");
        assertThat(first.getSourceKey()).isEqualTo("{\"id\": 1}");
        assertThat(second.getSourceKey()).isEqualTo("{\"id\": 2}");
    }

    @Test
    void shouldJudgeEachEventByItsOwnColumnsWhenTheListsChange() {
        TableTransformer transformer = new TableTransformer(ORDERS);
        List<String> known = List.of("id", "Label");
        List<String> widened = List.of("id", "Label", "added later");

        TransformResult before = transformer.transform(event("order items", Operation.INSERT, List.of("id"), List.of(1L),
                known, List.of(1L, "a")));
        TransformResult added = transformer.transform(event("order items", Operation.INSERT, List.of("id"), List.of(2L),
                widened, List.of(2L, "b", "?")));
        TransformResult sameNamesNewList = transformer.transform(event("order items", Operation.INSERT,
                new java.util.ArrayList<>(List.of("id")), List.of(3L), new java.util.ArrayList<>(known),
                List.of(3L, "c")));

        assertThat(before.row().getValues()).containsExactly(1L, "a");
        assertThat(added.row()).isNull();
        assertThat(added.column()).isEqualTo("added later");
        assertThat(sameNamesNewList.row().getValues()).containsExactly(3L, "c");
        assertThat(sameNamesNewList.row().getSourceKey()).isEqualTo("{\"id\": 3}");
    }

    @Test
    void shouldRejectAnEventWithMoreColumnsThanValuesInsteadOfFailing() {
        TransformResult result = new TableTransformer(ORDERS).transform(event("order items", Operation.INSERT,
                List.of("id"), List.of(1L), List.of("id", "Label"), List.of(1L)));

        assertThat(result.row()).isNull();
        assertThat(result.rejection()).contains("1 values for 2 columns");
    }
}
