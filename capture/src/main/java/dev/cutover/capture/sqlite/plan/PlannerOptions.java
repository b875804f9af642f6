package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Identifiers;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to plan a SQLite source.
 *
 * @param targetSchema  PostgreSQL schema for the tables; null means {@code public}
 * @param includeTables tables to migrate although they would be skipped (migration-history tables such as
 *                      {@code _prisma_migrations}); names match ignoring case; null means none
 */
public record PlannerOptions(String targetSchema, Set<String> includeTables) {
    public static final String DEFAULT_SCHEMA = "public";

    public PlannerOptions {
        targetSchema = targetSchema == null ? DEFAULT_SCHEMA : targetSchema;
        if (targetSchema.isBlank() || !Identifiers.fits(targetSchema)) {
            throw CutoverException.usage("target schema '" + targetSchema + "' is not a usable PostgreSQL schema name "
                    + "(it must be 1 to 63 bytes); choose another schema");
        }
        includeTables = includeTables == null ? Set.of() : Set.copyOf(new TreeSet<>(includeTables));
    }

    public static PlannerOptions defaults() {
        return new PlannerOptions(DEFAULT_SCHEMA, Set.of());
    }
}
