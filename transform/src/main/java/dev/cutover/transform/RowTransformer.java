package dev.cutover.transform;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.transform.document.DocumentTransformer;
import java.util.HashMap;
import java.util.Map;

/**
 * The plan, compiled: per source table, a {@link TableTransformer} for a tabular source's table, or a
 * {@link DocumentTransformer} for a collection's main table (its owned tables are fed through it, so no event names
 * them). Thread-safe.
 */
public final class RowTransformer {
    private final Map<String, EventTransformer> tables = new HashMap<>();

    /** One table's compiled plan. Implementations are thread-safe. */
    @FunctionalInterface
    interface EventTransformer {
        TransformResult transform(ChangeEvent event);
    }

    public RowTransformer(Plan plan) {
        for (TablePlan table : plan.tables()) {
            if (!table.fromDocuments()) {
                tables.put(table.source(), new TableTransformer(table));
            } else if (!table.document().owned()) {
                tables.put(table.source(), new DocumentTransformer(table, plan)::transform);
            }
        }
    }

    public TransformResult transform(ChangeEvent event) {
        EventTransformer table = tables.get(event.getTable());
        if (table == null) {
            return TransformResult.rejected(null, "table " + event.getTable() + " is not in the plan; run `cutover plan` "
                    + "again to include it");
        }
        return table.transform(event);
    }
}
