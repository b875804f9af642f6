package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.IndexPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The indexes a Prisma schema declares ({@code @unique}, {@code @@unique}, {@code @@index}) on the main tables of the
 * models' collections, named as Prisma Migrate names them ({@code <table>_<columns>_key} for a unique index,
 * {@code <table>_<columns>_idx} otherwise) unless the schema gives a name ({@code map:}). An index over a field without
 * a column (ignored, or a list that became a junction) is left out with a warning.
 */
final class PrismaIndexes {
    private PrismaIndexes() {
    }

    static void plan(Planning planning) {
        if (planning.prisma == null) {
            return;
        }
        for (PrismaMapping.Model model : planning.prisma.models().values()) {
            DocumentTableDraft table = planning.mains.get(model.collection());
            model.indexes().forEach(index -> plan(planning, model, table, index));
        }
    }

    private static void plan(Planning planning, PrismaMapping.Model model, DocumentTableDraft table,
            PrismaMapping.Index index) {
        List<String> columns = new ArrayList<>();
        for (String field : index.fields()) {
            Optional<ColumnPlan> column = table.column(field);
            if (column.isEmpty()) {
                planning.warnings.add("Prisma model " + model.name() + ": the " + (index.unique() ? "unique " : "")
                        + "index over " + index.fields() + " is not planned: " + field + " has no column");
                return;
            }
            columns.add(column.get().target());
        }
        String base = index.name() != null ? index.name()
                : table.target + "_" + String.join("_", columns) + (index.unique() ? "_key" : "_idx");
        table.indexes.add(new IndexPlan(planning.names.generated("index", table.target, base), index.unique(),
                columns.stream().map(Identifiers::quote).toList(), null, "Prisma " + index.attribute() + " of model "
                + model.name()));
    }
}
