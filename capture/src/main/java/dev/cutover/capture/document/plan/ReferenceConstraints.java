package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.IndexPlan;
import java.util.List;
import java.util.Optional;

/**
 * The foreign keys of reference columns (in main and child tables), each with an index on the referencing column; and
 * for a reference to a field other than the key (a declared {@code toField}), the unique index that field needs to be
 * referenced, planned once per field. A field whose values repeat cannot be referenced: its foreign keys are left out
 * with a warning.
 */
final class ReferenceConstraints {
    private ReferenceConstraints() {
    }

    static void plan(Planning planning) {
        for (Link link : planning.links.values()) {
            if (link.array()) {
                continue;
            }
            FieldPath path = link.path();
            DocumentTableDraft table = path.array() == null ? planning.mains.get(path.collection())
                    : planning.children.get(FieldPath.top(path.collection(), path.array()));
            Optional<ColumnPlan> column = table == null ? Optional.empty() : table.column(path.field());
            if (column.isEmpty()) {
                continue;
            }
            String name = column.get().target();
            planning.index(table, name, "reference to " + link.to() + (link.toKey() ? "" : "." + link.toField()));
            if (link.toKey()) {
                DocumentTableDraft referenced = planning.mains.get(link.to());
                planning.foreignKey(table, List.of(name), referenced.target, referenced.keyColumns(), onDelete(link));
            } else {
                toField(planning, table, name, link);
            }
        }
    }

    /** The relation's declared {@code onDelete}, else NO ACTION. */
    private static String onDelete(Link link) {
        return link.relation() != null && link.relation().onDelete() != null ? link.relation().onDelete()
                : "NO ACTION";
    }

    /** A foreign key from {@code column} to the field {@code link} names, made referenceable by a unique index. */
    static void toField(Planning planning, DocumentTableDraft table, String column, Link link) {
        DocumentTableDraft referenced = planning.mains.get(link.to());
        Optional<ColumnPlan> target = referenced.column(link.toField());
        String what = link.path() + " → " + link.to() + "." + link.toField();
        if (target.isEmpty()) {
            planning.warnings.add(what + ": " + link.to() + "." + link.toField() + " has no column, so no foreign key "
                    + "is planned");
            return;
        }
        String referencedColumn = target.get().target();
        boolean key = referenced.keyColumns().equals(List.of(referencedColumn));
        if (!key && !unique(planning, referenced, referencedColumn, link, what)) {
            return;
        }
        planning.foreignKey(table, List.of(column), referenced.target, List.of(referencedColumn), onDelete(link));
    }

    /** Plans the unique index on the referenced column unless it is there; false when the values repeat. */
    private static boolean unique(Planning planning, DocumentTableDraft referenced, String column, Link link,
            String what) {
        KeySet values = planning.profiles.get(link.to()).target(link.toField());
        if (values != null && values.repeats() > 0) {
            planning.warnings.add(what + ": " + link.to() + "." + link.toField() + " has "
                    + Texts.count(values.repeats(), "repeated value") + ", so no unique index can make it "
                    + "referenceable and no foreign key to it is planned");
            return false;
        }
        String element = Identifiers.quote(column);
        boolean present = referenced.indexes.stream()
                .anyMatch(i -> i.unique() && i.elements().equals(List.of(element)));
        if (!present) {
            referenced.indexes.add(new IndexPlan(planning.names.generated("index", referenced.target,
                    referenced.target + "_" + column + "_key"), true, List.of(element), null,
                    "referenced by " + link.path() + " (declared): a foreign key needs a unique index"));
        }
        return true;
    }
}
