package dev.cutover.schemas.migration;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a plan's target schema as Flyway migrations. Generate mode gives two scripts:
 * <ul>
 *   <li>{@code V1__create_tables.sql}: the tables with their columns, defaults, identity and generated columns, and
 *       primary keys (ROWID-keyed tables get the {@code _cutover_rowid} column with a unique constraint), and the
 *       index a junction both sides list needs during the load. Applied before the load.</li>
 *   <li>{@code V2__indexes_and_constraints.sql}: secondary and unique indexes, then CHECK constraints and foreign keys
 *       added {@code NOT VALID}. Applied when the data is in; {@link #validationStatements(Plan)} then validates the
 *       constraints one by one so each violation can be reported by key.</li>
 * </ul>
 * Existing-target mode gives no scripts (the application's migrations own the schema).
 * Output is deterministic: the same plan gives the same bytes. Placeholders: the scripts may contain {@code ${} in
 * string literals, so run them with Flyway's placeholder replacement switched off.
 */
public final class MigrationWriter {
    /** First words of every script this writer produces; {@link #write} only deletes files that start with them. */
    static final String MARKER = "-- Cutover migration ";
    private static final Pattern VERSIONED = Pattern.compile("V\\d+__.*\\.sql");

    private MigrationWriter() {
    }

    public static List<Migration> migrations(Plan plan) {
        if (plan.mode() == SchemaMode.EXISTING) {
            return List.of();
        }
        return List.of(
                new Migration(1, "create_tables", header(plan, 1, "create tables") + CreateTableSql.render(plan, true)),
                new Migration(2, "indexes_and_constraints",
                        header(plan, 2, "indexes and constraints") + ConstraintSql.render(plan)));
    }

    /**
     * For a one-shot load into an empty database ({@code cutover export}): V1's tables without their primary keys (and
     * a ROWID-keyed table's unique key), which {@link #addKeyStatements} adds after the data. PostgreSQL builds a key
     * over loaded rows in one sort, cheaper than maintaining it row by row during COPY. A live migration keeps V1 as it
     * is: its sink needs the keys while it loads.
     */
    public static String createTablesWithoutKeys(Plan plan) {
        if (plan.mode() == SchemaMode.EXISTING) {
            return "";
        }
        return header(plan, 1, "create tables (their keys are added after the data)")
                + CreateTableSql.render(plan, false);
    }

    /** The keys {@link #createTablesWithoutKeys} leaves out, one {@code ALTER TABLE ... ADD CONSTRAINT} each. */
    public static List<String> addKeyStatements(Plan plan) {
        return plan.mode() == SchemaMode.EXISTING ? List.of() : CreateTableSql.addKeys(plan);
    }

    /** {@code ALTER TABLE ... VALIDATE CONSTRAINT ...} for every check and foreign key, in the order V2 adds them. */
    public static List<String> validationStatements(Plan plan) {
        return ConstraintSql.validations(plan);
    }

    /**
     * {@code ALTER TABLE ... ADD CONSTRAINT ... NOT VALID} for every foreign key of the plan, as V2 adds them. In
     * existing-target mode this re-creates the target's own foreign keys from their {@code pg_get_constraintdef} text
     * after the load.
     */
    public static List<String> addForeignKeyStatements(Plan plan) {
        return ConstraintSql.addForeignKeys(plan);
    }

    /** {@code ALTER TABLE ... DROP CONSTRAINT IF EXISTS ...} for every foreign key of the plan (before a load). */
    public static List<String> dropForeignKeyStatements(Plan plan) {
        return ConstraintSql.dropForeignKeys(plan);
    }

    /**
     * Writes the plan's migrations into {@code dir} and deletes versioned scripts this writer wrote before that the
     * plan no longer has. Files not written by Cutover are left alone.
     */
    public static void write(Plan plan, Path dir) {
        List<Migration> migrations = migrations(plan);
        Set<String> current = migrations.stream().map(Migration::fileName).collect(Collectors.toSet());
        try {
            Files.createDirectories(dir);
            for (Path stale : staleScripts(dir, current)) {
                Files.delete(stale);
            }
            for (Migration migration : migrations) {
                Files.writeString(dir.resolve(migration.fileName()), migration.sql(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw CutoverException.config("cannot write the migrations to " + dir + ": " + e.getMessage()
                    + "; check that the directory is writable");
        }
    }

    private static List<Path> staleScripts(Path dir, Set<String> current) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                String name = file.getFileName().toString();
                if (VERSIONED.matcher(name).matches() && !current.contains(name) && writtenByCutover(file)) {
                    stale.add(file);
                }
            }
        }
        return stale;
    }

    private static boolean writtenByCutover(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            return first != null && first.startsWith(MARKER);
        } catch (java.nio.charset.MalformedInputException e) {
            return false;
        }
    }

    private static String header(Plan plan, int version, String what) {
        return MARKER + "V" + version + ": " + what + "\n"
                + "-- Source: " + singleLine(plan.source()) + "\n"
                + "-- Written by `cutover plan` from plan.json: change the plan and plan again rather than editing this file.\n";
    }

    private static String singleLine(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
