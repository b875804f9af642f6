package dev.cutover.schemas.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * The reviewable mapping from a source to PostgreSQL, written by {@code cutover plan} as {@code plan.json}
 * and read by every stage. Planning the same source twice gives an equal plan.
 *
 * @param formatVersion version of this file format ({@link #FORMAT_VERSION})
 * @param source        source identity (e.g. {@code sqlite:/srv/app.db}); never contains credentials
 * @param mode          who owns the target schema
 * @param targetSchema  PostgreSQL schema the tables live in (default {@code public})
 * @param tables        the tables that are migrated, in source order
 * @param skipped       source objects deliberately not migrated, each with the reason
 * @param renames       identifiers changed to fit PostgreSQL (63-byte limit), each recorded once
 * @param unmapped      existing-target mode: source columns with no home in the target; data for them would be lost,
 *                      so {@code run} refuses to start while any are listed
 * @param blockers      other problems that stop {@code run} before any data moves (e.g. a target column that is
 *                      NOT NULL without a default and has no source column), each naming the fix
 * @param warnings      things the operator should read before running
 * @param rules         rules the data must follow beyond the schema, declared by the operator for {@code validate}
 * @param enums         PostgreSQL enum types the tables' columns use (a document source's closed value sets), created
 *                      before the tables
 * @param declarations  what the operator declared about a document source (references, child tables, keys, enums,
 *                      full-text indexes, ignored fields); planning again keeps and applies them; null when none
 *                      (see {@link #declared()})
 */
public record Plan(
        int formatVersion,
        String source,
        SchemaMode mode,
        String targetSchema,
        List<TablePlan> tables,
        List<SkippedObject> skipped,
        List<Rename> renames,
        List<UnmappedColumn> unmapped,
        List<String> blockers,
        List<String> warnings,
        List<RulePlan> rules,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EnumPlan> enums,
        Declarations declarations) {

    public static final int FORMAT_VERSION = 1;

    public Plan {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
        renames = List.copyOf(renames);
        unmapped = List.copyOf(unmapped);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
        rules = rules == null ? List.of() : List.copyOf(rules);
        enums = enums == null ? List.of() : List.copyOf(enums);
    }

    /** A plan without enum types or declarations. */
    public Plan(int formatVersion, String source, SchemaMode mode, String targetSchema, List<TablePlan> tables,
                List<SkippedObject> skipped, List<Rename> renames, List<UnmappedColumn> unmapped, List<String> blockers,
                List<String> warnings, List<RulePlan> rules) {
        this(formatVersion, source, mode, targetSchema, tables, skipped, renames, unmapped, blockers, warnings, rules,
                List.of(), null);
    }

    /** A plan without declared rules. */
    public Plan(int formatVersion, String source, SchemaMode mode, String targetSchema, List<TablePlan> tables,
                List<SkippedObject> skipped, List<Rename> renames, List<UnmappedColumn> unmapped, List<String> blockers,
                List<String> warnings) {
        this(formatVersion, source, mode, targetSchema, tables, skipped, renames, unmapped, blockers, warnings, List.of(),
                List.of(), null);
    }

    public Optional<TablePlan> table(String sourceName) {
        return tables.stream().filter(t -> t.source().equals(sourceName)).findFirst();
    }

    /** The declarations, {@link Declarations#NONE} when there are none. */
    public Declarations declared() {
        return declarations == null ? Declarations.NONE : declarations;
    }

    public Optional<EnumPlan> enumType(String name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<TablePlan> targetTable(String targetName) {
        return tables.stream().filter(t -> t.target().equals(targetName)).findFirst();
    }

    /** How many collections' array fields feed the table {@code targetName} (two for a junction both sides list). */
    public int feeds(String targetName) {
        return (int) tables.stream().filter(t -> t.document() != null).flatMap(t -> t.document().arrays().stream())
                .filter(feed -> feed.table().equals(targetName)).count();
    }
}
