package dev.cutover.schemas.plan;

import java.util.List;

/**
 * A PostgreSQL enum type for a closed set of values (a Prisma enum, or a value set declared in the plan). A value
 * outside the set goes to the error log with its document.
 *
 * @param name   the type's name, exactly (quoted in SQL; created in the plan's target schema)
 * @param values the labels, in declaration order
 * @param source where the set comes from, for review (e.g. {@code prisma enum LeadStatus})
 */
public record EnumPlan(String name, List<String> values, String source) {
    public EnumPlan {
        values = List.copyOf(values);
    }
}
