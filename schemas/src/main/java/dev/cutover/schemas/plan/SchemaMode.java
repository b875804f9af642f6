package dev.cutover.schemas.plan;

/** Who owns the target schema. */
public enum SchemaMode {
    /** Cutover creates the target tables from the plan's Flyway migrations. */
    GENERATE,
    /** The application's own migrations (e.g. Prisma Migrate) made the tables; Cutover maps into them by name. */
    EXISTING
}
