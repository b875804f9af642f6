package dev.cutover.sink;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the plan's migrations with Flyway, keeping Flyway's history in {@code cutover.flyway_schema_history}, so the
 * target says which migrations were applied and when. Tables and keys (V1) go in before the data; indexes and
 * constraints (V2) once the data is in.
 */
public final class SchemaApplier {
    private final PgTarget target;
    private final Path migrations;

    public SchemaApplier(PgTarget target, Path migrations) {
        this.target = target;
        this.migrations = migrations.toAbsolutePath();
    }

    /** Applies V1 (tables and primary keys); returns the number of migrations applied now. */
    public int applyTables() {
        return migrate(MigrationVersion.fromVersion("1"));
    }

    /** Applies every remaining migration (V2: indexes, unique, check and foreign keys). */
    public int applyAll() {
        return migrate(MigrationVersion.LATEST);
    }

    /**
     * The versions of the applied migrations whose script changed since (plan.json was edited after they were
     * applied), in order; empty when the target was made from these scripts or nothing is applied yet.
     */
    public List<String> changedSinceApplied() {
        try {
            return Arrays.stream(flyway(MigrationVersion.LATEST).info().applied())
                    .filter(m -> m.getVersion() != null && !m.isChecksumMatching())
                    .map(m -> m.getVersion().getVersion()).toList();
        } catch (FlywayException e) {
            throw new CutoverException(ErrorCode.TARGET_UNREACHABLE, "reading the target's migration history failed: "
                    + firstLine(e) + "; check that PostgreSQL is running and that --target names it", e);
        }
    }

    /** Records the current scripts as the applied ones (Flyway's repair), once the target was brought up to them. */
    public void acceptChangedScripts() {
        try {
            flyway(MigrationVersion.LATEST).repair();
        } catch (FlywayException e) {
            throw new CutoverException(ErrorCode.TARGET_UNREACHABLE, "recording the changed migrations in the "
                    + "target's history failed: " + firstLine(e) + "; run again", e);
        }
    }

    private int migrate(MigrationVersion version) {
        try {
            MigrateResult result = flyway(version).migrate();
            return result.migrationsExecuted;
        } catch (FlywayValidateException e) {
            throw CutoverException.config("the target's schema was created from a different plan (" + firstLine(e)
                    + "); use an empty target database, or restore the plan.json and migrations that created it");
        } catch (FlywayException e) {
            throw new CutoverException(ErrorCode.DATA_ERRORS, "applying the migrations in " + migrations
                    + " failed: " + firstLine(e) + "; fix the migration or the data it names, then run again", e);
        }
    }

    private Flyway flyway(MigrationVersion version) {
        return Flyway.configure()
                .dataSource(target.jdbcUrl(), target.user(), target.password())
                .locations("filesystem:" + migrations)
                .schemas(OffsetStore.SCHEMA)
                .defaultSchema(OffsetStore.SCHEMA)
                .createSchemas(true)
                .table("flyway_schema_history")
                .target(version)
                .cleanDisabled(true)
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                .load();
    }

    private static String firstLine(Exception e) {
        String text = String.valueOf(e.getMessage()).strip();
        int newline = text.indexOf('\n');
        return PgTarget.mask(newline < 0 ? text : text.substring(0, newline));
    }
}
