package dev.cutover.transform;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.HashMap;
import java.util.Map;

/** The plan, compiled: one {@link TableTransformer} per source table. Thread-safe. */
public final class RowTransformer {
    private final Map<String, TableTransformer> tables = new HashMap<>();

    public RowTransformer(Plan plan) {
        for (TablePlan table : plan.tables()) {
            tables.put(table.source(), new TableTransformer(table));
        }
    }

    public TransformResult transform(ChangeEvent event) {
        TableTransformer table = tables.get(event.getTable());
        if (table == null) {
            return TransformResult.rejected(null, "table " + event.getTable() + " is not in the plan; run `cutover plan` "
                    + "again to include it");
        }
        return table.transform(event);
    }
}
