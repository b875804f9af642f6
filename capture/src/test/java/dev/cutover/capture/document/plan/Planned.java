package dev.cutover.capture.document.plan;

import dev.cutover.capture.document.DocumentCollections;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.PlanOptions;
import java.util.Set;

/** Plans in-memory collections and finds what the tests look at. */
final class Planned {
    private Planned() {
    }

    static Plan plan(MemoryCollections collections) {
        return plan(collections, Declarations.NONE);
    }

    static Plan plan(DocumentCollections collections, Declarations declarations) {
        return DocumentPlanner.plan("test:memory", collections, new PlanOptions(null, Set.of(), declarations, null));
    }

    static TablePlan table(Plan plan, String target) {
        return plan.targetTable(target).orElseThrow(() -> new AssertionError("no table " + target + " in "
                + plan.tables().stream().map(TablePlan::target).toList()));
    }

    static ColumnPlan column(Plan plan, String table, String source) {
        return table(plan, table).column(source).orElseThrow(() -> new AssertionError("no column " + source
                + " in " + table));
    }

    static String type(Plan plan, String table, String source) {
        return column(plan, table, source).targetType();
    }

    static Declarations references(Declarations.Reference... references) {
        return new Declarations(java.util.List.of(references), null, null, null, null, null);
    }
}
