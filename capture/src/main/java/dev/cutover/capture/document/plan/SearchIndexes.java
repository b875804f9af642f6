package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.IndexPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The declared full-text indexes: a GIN index over {@code to_tsvector(config, ...)} of the named columns. Text columns
 * are joined into one {@code to_tsvector(config, coalesce("a", '') || ' ' || coalesce("b", ''))}; a {@code jsonb}
 * column adds {@code to_tsvector(config, "c")} (its string values); a {@code text[]} column adds
 * {@code array_to_tsvector("d")}, its elements as whole lexemes without the configuration's processing: PostgreSQL
 * indexes only immutable expressions, and {@code array_to_string} is not one. Columns of other types (an enum's text
 * form is not immutable either) are left out with a warning. A query uses the index when it repeats the expression.
 * Tables and columns are named by their target names, their sources' names, or the Prisma schema's names.
 */
final class SearchIndexes {
    private SearchIndexes() {
    }

    static void plan(Planning planning) {
        for (Declarations.Search search : planning.declared.search()) {
            Optional<DocumentTableDraft> table = planning.tables().stream().filter(t -> t.target.equals(search.table())
                    || t.source.equals(search.table()) || search.table().equals(t.aliases.get(DocumentPlan.TABLE_ALIAS)))
                    .findFirst();
            if (table.isEmpty()) {
                planning.warnings.add("declared search index on " + search.table() + " is not planned: there is no "
                        + "such table");
                continue;
            }
            plan(planning, table.get(), search);
        }
    }

    private static void plan(Planning planning, DocumentTableDraft table, Declarations.Search search) {
        String config = Identifiers.literal(search.config() == null ? "simple" : search.config());
        List<String> texts = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (String name : search.columns()) {
            Optional<ColumnPlan> column = table.field(name);
            String type = column.map(ColumnPlan::targetType).orElse(null);
            String quoted = column.map(c -> Identifiers.quote(c.target())).orElse(null);
            if ("text".equals(type)) {
                texts.add("coalesce(" + quoted + ", '')");
            } else if ("text[]".equals(type)) {
                parts.add("array_to_tsvector(coalesce(" + quoted + ", '{}'))");
            } else if ("jsonb".equals(type)) {
                parts.add("to_tsvector(" + config + ", coalesce(" + quoted + ", '{}'))");
            } else {
                planning.warnings.add("declared search index on " + table.target + ": column " + name + " is left out ("
                        + (type == null ? "no such column" : "type " + type + " cannot be indexed as text") + ")");
            }
        }
        if (!texts.isEmpty()) {
            parts.add(0, "to_tsvector(" + config + ", " + String.join(" || ' ' || ", texts) + ")");
        }
        if (parts.isEmpty()) {
            planning.warnings.add("declared search index on " + table.target + " is not planned: none of its columns "
                    + "can be indexed as text");
            return;
        }
        String element = parts.size() == 1 ? parts.get(0) : "(" + String.join(" || ", parts) + ")";
        table.indexes.add(new IndexPlan(planning.names.generated("index", table.target, table.target + "_fts_idx"),
                false, List.of(element), null, "declared search over " + String.join(", ", search.columns())
                + " (config " + config + ")", "gin"));
    }
}
