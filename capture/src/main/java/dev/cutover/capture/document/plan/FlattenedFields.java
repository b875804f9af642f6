package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ColumnPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Declared flattened fields: a top-level field holding embedded documents whose fields become columns of the
 * collection's table, named {@code <field>_<subfield>}, each planned by the same rules as a top-level field's (an
 * embedded document inside stays {@code jsonb}). A column's source is {@code field.subfield}.
 */
final class FlattenedFields {
    private FlattenedFields() {
    }

    /** The declared flattened fields that can be flattened, as top-level fields; a warning for every other one. */
    static List<FieldPath> accepted(Planning planning, List<FieldPath> children) {
        List<FieldPath> accepted = new ArrayList<>();
        for (var declared : planning.declared.flatten()) {
            FieldPath path = FieldPath.top(declared.collection(), declared.field());
            String problem = problem(planning, path, children);
            if (problem != null) {
                planning.warnings.add("declared flattened field " + path + " is not flattened: " + problem);
            } else if (!accepted.contains(path)) {
                accepted.add(path);
            }
        }
        return accepted;
    }

    private static String problem(Planning planning, FieldPath path, List<FieldPath> children) {
        CollectionProfile profile = planning.profiles.get(path.collection());
        FieldProfile field = profile == null ? null : profile.field(path.field());
        if (field == null) {
            return "no document has that field";
        }
        if (planning.ignored(path.collection(), path.field()) || planning.links.containsKey(path)
                || children.contains(path)) {
            return "the field is also declared ignored, a reference or a child table";
        }
        if (planning.keys.get(path.collection()).fields().contains(path.field())) {
            return "the field is the collection's key";
        }
        if (planning.model(path.collection()) != null) {
            return "a Prisma model maps the collection, and its schema decides the field's columns";
        }
        if (field.fields() == null || field.fields().fields().isEmpty()) {
            return "it holds no embedded documents with fields (its values: " + field.kinds().describe() + ")";
        }
        return null;
    }

    /** The subfields of {@code field} that get columns, in the order first seen. */
    static List<FieldProfile> subfields(CollectionProfile profile, String field) {
        return profile.field(field).fields().fields();
    }

    /** The column of {@code field.subfield}, planned as a top-level field's would be, its source the path. */
    static ColumnPlan column(Planning planning, CollectionProfile profile, String field, FieldProfile subfield,
                             String target) {
        String source = field + "." + subfield.name();
        ColumnPlan planned = FieldColumns.column(planning, FieldPath.top(profile.name(), source), subfield, target,
                profile.documents());
        return new ColumnPlan(source, planned.target(), planned.declaredType(), planned.targetType(),
                planned.notNull(), planned.defaultSql(), planned.generatedSql(), planned.identity(),
                planned.numericDates(), planned.profile(), planned.note());
    }
}
