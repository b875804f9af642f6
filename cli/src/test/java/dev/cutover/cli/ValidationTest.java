package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.sink.errorlog.ErrorLogEntry;
import dev.cutover.validator.LoggedKeys;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys the error log names, as finalize's validation compares them besides the sample. */
class ValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Plan PLAN = new Plan(1, "sqlite:/app.db", SchemaMode.GENERATE, "public", List.of(
            new TablePlan("item", "item", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"), List.of("id")),
                    List.of(new ColumnPlan("id", "id", "INTEGER", "bigint", true, null, null, false, null, null, null)),
                    List.of(), List.of(), List.of(), 0, List.of())), List.of(), List.of(), List.of(), List.of(), List.of());

    @Test
    void shouldAcceptAKeyOnlyWhenEveryEntryForItIsAccepted() throws IOException {
        List<ErrorLogEntry> entries = List.of(entry("raw/0/1", "item", "{\"id\": 1}", "t6"),
                entry("raw/0/2", "item", "{\"id\":2}", "t6"), entry("raw/oversize/item/[4]", "item", "{\"id\":4}", "t6"),
                entry("raw/oversize/item/[4]", "item", "{\"id\":4}", null), entry("raw/0/5", "gone", "{\"id\":5}", null));

        LoggedKeys keys = Validation.loggedKeys(PLAN, entries);

        assertThat(keys.of("item")).containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}", "{\"id\":4}");
        assertThat(keys.of("gone")).as("a table the plan does not have").isEmpty();
        assertThat(keys.accepted("item", "{\"id\":1}")).isTrue();
        assertThat(keys.accepted("item", "{\"id\":4}")).isFalse();
        List<ErrorLogEntry> allAccepted = entries.stream().map(e -> e.isAccepted() ? e : new ErrorLogEntry(e.id(),
                e.migration(), e.time(), e.stage(), e.table(), e.key(), e.column(), e.reason(), "t7")).toList();
        assertThat(Validation.loggedKeys(PLAN, allAccepted).accepted("item", "{\"id\":4}")).isTrue();
    }

    private static ErrorLogEntry entry(String id, String table, String key, String accepted) throws IOException {
        return new ErrorLogEntry(id, "m1", "t1", "sink", table, JSON.readTree(key), null, "refused", accepted);
    }
}
