package dev.cutover.schemas.plan;

import java.util.Objects;

/**
 * A rule the data must follow that the schema does not enforce, declared by the operator in {@code plan.json} for the
 * validator to check in the target, e.g. an email format or an end date after its start date.
 *
 * @param table source table name the rule is about
 * @param name  what the report calls it, e.g. {@code "email format"}
 * @param check a boolean PostgreSQL expression over the target table's columns that every row must satisfy, e.g.
 *              {@code "Email" ~ '^[^@\s]+@[^@\s]+$'}; a row where it is false fails the rule (NULL counts as passing,
 *              as for a CHECK constraint)
 */
public record RulePlan(String table, String name, String check) {
    public RulePlan {
        Objects.requireNonNull(table, "a rule needs its table");
        Objects.requireNonNull(check, "a rule needs its check expression");
        name = name == null || name.isBlank() ? check : name;
    }
}
