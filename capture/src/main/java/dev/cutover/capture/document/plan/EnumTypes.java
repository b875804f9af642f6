package dev.cutover.capture.document.plan;

import dev.cutover.capture.prisma.PrismaSchema;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.EnumPlan;
import dev.cutover.schemas.plan.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the enums: every enum of the Prisma schema (as Prisma Migrate creates them all, used or not), typing the
 * fields of that enum (or a list of it); then the declared enums: one PostgreSQL enum type per declared name (two
 * fields may share one name when they declare the same values), and the enum type (or an array of it) as the type of
 * each declared field of strings. A declaration PostgreSQL cannot take (no values, a repeated value, a value over 63
 * bytes, a field of other values) is left out with a warning; values outside the set are counted into a warning (they
 * go to the error log when migrated).
 */
final class EnumTypes {
    private final Planning planning;
    private final Map<String, EnumPlan> byName = new LinkedHashMap<>();

    private EnumTypes(Planning planning) {
        this.planning = planning;
    }

    static List<EnumPlan> plan(Planning planning) {
        EnumTypes types = new EnumTypes(planning);
        if (planning.prisma != null) {
            types.schema(planning.prisma);
        }
        planning.declared.enums().forEach(types::plan);
        return new ArrayList<>(types.byName.values());
    }

    private void schema(PrismaMapping prisma) {
        Map<String, String> qualified = new LinkedHashMap<>();
        for (PrismaSchema.Enum declared : prisma.enums()) {
            boolean used = prisma.models().values().stream().flatMap(m -> m.fields().stream())
                    .anyMatch(f -> f.kind() == PrismaMapping.Kind.ENUM && f.declared().type().equals(declared.name()));
            EnumPlan type = new EnumPlan(planning.names.type(declared.mapped()), declared.values(), "prisma enum "
                    + declared.name() + (used ? "" : " (no field uses it; Prisma Migrate creates it too)"));
            byName.put(type.name(), type);
            qualified.put(declared.name(), Identifiers.qualified(planning.schema, type.name()));
        }
        for (PrismaMapping.Model model : prisma.models().values()) {
            model.fields().stream().filter(f -> f.kind() == PrismaMapping.Kind.ENUM).forEach(f -> planning.enumTypes
                    .put(FieldPath.top(model.collection(), f.document()), qualified.get(f.declared().type())
                            + (f.list() ? "[]" : "")));
        }
    }

    private void plan(Declarations.EnumValues declared) {
        String what = "declared enum " + declared.name() + " for " + declared.collection() + "." + declared.field();
        CollectionProfile profile = planning.profiles.get(declared.collection());
        FieldProfile field = profile == null ? null : profile.field(declared.field());
        String problem = field == null ? "no document has that field" : problem(declared, field);
        if (problem != null) {
            planning.warnings.add(what + " is not planned: " + problem);
            return;
        }
        EnumPlan type = byName.computeIfAbsent(declared.name(), name -> new EnumPlan(planning.names.type(name),
                declared.values(), "declared for " + declared.collection() + "." + declared.field()));
        if (!type.values().equals(declared.values())) {
            planning.warnings.add(what + " is not planned: an enum of that name is declared with other values");
            return;
        }
        boolean array = field.kinds().only(ValueKind.ARRAY);
        planning.enumTypes.put(FieldPath.top(declared.collection(), declared.field()),
                Identifiers.qualified(planning.schema, type.name()) + (array ? "[]" : ""));
        EnumCheck check = profile.enumCheck(declared.field());
        if (check != null && check.outside() > 0) {
            planning.warnings.add(declared.collection() + "." + declared.field() + " has "
                    + Texts.count(check.outside(), "value") + " outside enum " + declared.name() + " (e.g. "
                    + String.join(", ", check.examples()) + "); such values go to the error log with their documents "
                    + "when migrated");
        }
    }

    private static String problem(Declarations.EnumValues declared, FieldProfile field) {
        if (declared.values().isEmpty()) {
            return "it has no values";
        }
        if (new HashSet<>(declared.values()).size() < declared.values().size()) {
            return "a value is repeated";
        }
        if (!declared.values().stream().allMatch(Identifiers::fits)) {
            return "PostgreSQL takes enum values of at most " + Identifiers.MAX_BYTES + " bytes";
        }
        boolean strings = field.kinds().only(ValueKind.STRING) || (field.kinds().only(ValueKind.ARRAY)
                && field.array() != null && field.array().elements().kinds().only(ValueKind.STRING));
        return strings ? null : "its values are " + field.kinds().describe() + ", not strings";
    }
}
