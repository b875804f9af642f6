package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.ExistingTargetMapper;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TargetCatalog;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.Source;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.catalog.PgCatalogReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Making, storing and checking the plan of a work directory. */
final class Plans {
    private Plans() {
    }

    /**
     * Introspects the source and writes plan.json and the Flyway migrations into the work directory. With a target
     * that already has the planned tables (made by the application's own migrations), the plan maps into them. What the
     * operator declared in the work directory's plan of this source (its declarations and rules) is planned with and
     * kept.
     */
    static Plan create(WorkDir work, Source source, PlanOptions options, PgTarget target) {
        Optional<Plan> previous = previous(work, source);
        PlanOptions declared = previous.map(p -> new PlanOptions(options.targetSchema(), options.includeTables(),
                p.declared(), options.prismaSchema())).orElse(options);
        Plan plan = source.plan(declared);
        if (target != null) {
            plan = mapToExistingTables(plan, target);
        }
        if (previous.isPresent()) {
            plan = keepDeclared(plan, previous.get());
        }
        write(work, plan);
        return plan;
    }

    /** The work directory's plan of this source, if it has one. */
    private static Optional<Plan> previous(WorkDir work, Source source) {
        if (!Files.exists(work.plan())) {
            return Optional.empty();
        }
        try {
            Plan plan = PlanJson.read(work.plan());
            return plan.source().equals(source.id()) ? Optional.of(plan) : Optional.empty();
        } catch (CutoverException e) {
            throw CutoverException.config("cannot keep the declarations and rules of " + work.plan() + ": "
                    + e.getMessage() + ". Fix that file, or delete it to plan from scratch");
        }
    }

    /** {@code plan} with the rules and declarations of {@code previous}, unless planning gave its own. */
    private static Plan keepDeclared(Plan plan, Plan previous) {
        return new Plan(plan.formatVersion(), plan.source(), plan.mode(), plan.targetSchema(), plan.tables(),
                plan.skipped(), plan.renames(), plan.unmapped(), plan.blockers(), plan.warnings(),
                plan.rules().isEmpty() ? previous.rules() : plan.rules(), plan.enums(),
                plan.declarations() != null ? plan.declarations() : previous.declarations());
    }

    /** Existing-target mode when the target schema already holds any planned table; the plan unchanged otherwise. */
    static Plan mapToExistingTables(Plan plan, PgTarget target) {
        TargetCatalog catalog;
        try (Connection connection = target.connect()) {
            catalog = PgCatalogReader.read(connection, plan.targetSchema());
        } catch (SQLException e) {
            throw target.failure("reading the target's tables", e);
        }
        Set<String> existing = catalog.tables().stream().map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        boolean any = plan.tables().stream().anyMatch(t -> existing.contains(t.target().toLowerCase(Locale.ROOT)));
        return any ? ExistingTargetMapper.map(plan, catalog) : plan;
    }

    static void write(WorkDir work, Plan plan) {
        PlanJson.write(plan, work.plan());
        MigrationWriter.write(plan, work.migrations());
    }

    /**
     * The work directory's plan (reviewed, perhaps edited), or a new one. The migrations are always written from
     * plan.json, so an edit to the plan reaches the schema; Flyway refuses if an applied migration changed.
     */
    static Plan loadOrCreate(WorkDir work, Source source, PlanOptions options, PgTarget target, PrintStream out) {
        if (!Files.exists(work.plan())) {
            Plan plan = create(work, source, options, target);
            out.println("plan: " + plan.tables().size() + " tables (" + describeMode(plan) + "), written to " + work.plan());
            return plan;
        }
        Plan plan = PlanJson.read(work.plan());
        if (!plan.source().equals(source.id())) {
            throw CutoverException.config(work.plan() + " plans " + plan.source() + ", not " + source.id()
                    + "; use another --work DIR, or delete the plan to plan again");
        }
        MigrationWriter.write(plan, work.migrations());
        out.println("plan: " + plan.tables().size() + " tables (" + describeMode(plan) + "), from " + work.plan());
        return plan;
    }

    /** Refuses a plan that would lose data or cannot load, before any data moves. */
    static void requireRunnable(Plan plan, WorkDir work) {
        if (!plan.unmapped().isEmpty()) {
            String columns = plan.unmapped().stream().map(u -> u.table() + "." + u.column())
                    .collect(Collectors.joining(", "));
            throw CutoverException.config("the target has no column for " + columns + "; their data would be lost. "
                    + "Add the columns to the target (or map them in " + work.plan() + "), then run again");
        }
        if (!plan.blockers().isEmpty()) {
            throw CutoverException.config("the plan cannot run: " + String.join("; ", plan.blockers()));
        }
    }

    static String describeMode(Plan plan) {
        return plan.mode() == SchemaMode.EXISTING ? "into the target's existing tables" : "schema generated by Cutover";
    }
}
