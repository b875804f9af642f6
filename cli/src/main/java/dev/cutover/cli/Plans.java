package dev.cutover.cli;

import dev.cutover.capture.sqlite.SqliteSource;
import dev.cutover.capture.sqlite.plan.PlannerOptions;
import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.UnmappedColumn;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.stream.Collectors;

/** Making, storing and checking the plan of a work directory. */
final class Plans {
    private Plans() {
    }

    /** Introspects the source and writes plan.json and the Flyway migrations into the work directory. */
    static Plan create(WorkDir work, SqliteSource source, PlannerOptions options) {
        Plan plan = SqlitePlanner.plan(source.path(), options);
        write(work, plan);
        return plan;
    }

    static void write(WorkDir work, Plan plan) {
        PlanJson.write(plan, work.plan());
        MigrationWriter.write(plan, work.migrations());
    }

    /**
     * The work directory's plan (reviewed, perhaps edited), or a new one. The migrations are always written from
     * plan.json, so an edit to the plan reaches the schema; Flyway refuses if an applied migration changed.
     */
    static Plan loadOrCreate(WorkDir work, SqliteSource source, PlannerOptions options, PrintStream out) {
        if (!Files.exists(work.plan())) {
            Plan plan = create(work, source, options);
            out.println("plan: " + plan.tables().size() + " tables, written to " + work.plan());
            return plan;
        }
        Plan plan = PlanJson.read(work.plan());
        if (!plan.source().equals(source.id())) {
            throw CutoverException.config(work.plan() + " plans " + plan.source() + ", not " + source.id()
                    + "; use another --work DIR, or delete the plan to plan again");
        }
        MigrationWriter.write(plan, work.migrations());
        out.println("plan: " + plan.tables().size() + " tables, from " + work.plan());
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

    static String describe(UnmappedColumn column) {
        return column.table() + "." + column.column();
    }
}
