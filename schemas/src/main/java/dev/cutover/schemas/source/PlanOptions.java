package dev.cutover.schemas.source;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.Identifiers;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to plan a source.
 *
 * @param targetSchema  PostgreSQL schema for the tables; null means {@code public}
 * @param includeTables tables to migrate although they would be skipped (migration-history tables such as
 *                      {@code _prisma_migrations}); names match ignoring case; null means none
 * @param declarations  what the operator declared (kept from the work directory's previous plan); null means none
 * @param prismaSchema  a Prisma schema to take the mapping from (document sources), or null
 */
public record PlanOptions(String targetSchema, Set<String> includeTables, Declarations declarations, Path prismaSchema) {
    public static final String DEFAULT_SCHEMA = "public";

    public PlanOptions {
        targetSchema = targetSchema == null ? DEFAULT_SCHEMA : targetSchema;
        if (targetSchema.isBlank() || !Identifiers.fits(targetSchema)) {
            throw CutoverException.usage("target schema '" + targetSchema + "' is not a usable PostgreSQL schema name "
                    + "(it must be 1 to 63 bytes); choose another schema");
        }
        includeTables = includeTables == null ? Set.of() : Set.copyOf(new TreeSet<>(includeTables));
        declarations = declarations == null ? Declarations.NONE : declarations;
    }

    public static PlanOptions defaults() {
        return new PlanOptions(DEFAULT_SCHEMA, Set.of(), Declarations.NONE, null);
    }
}
