package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SkippedObject;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.Source;
import dev.cutover.sink.PgTarget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover plan}. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Introspect the source; write the mapping (plan.json) and the Flyway migrations for review.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOption source;

    @Option(names = "--target-schema", defaultValue = "public", paramLabel = "SCHEMA",
            description = "PostgreSQL schema the tables go into (default: ${DEFAULT-VALUE}).")
    String targetSchema;

    @Option(names = "--include-table", paramLabel = "TABLE",
            description = "Migrate a table that is skipped by default (e.g. _prisma_migrations). Repeatable.")
    List<String> includeTables = List.of();

    @Option(names = "--prisma", paramLabel = "FILE",
            description = "The application's Prisma schema, as the mapping of a document source (MongoDB, a JSON "
                    + "directory): its models, types, relations, enums and indexes.")
    Path prisma;

    @Mixin
    TargetOption target;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() {
        Source planned = source.parse();
        if (prisma != null && !planned.documents()) {
            throw CutoverException.usage("--prisma " + prisma + " maps a document source (mongodb:, jsondir:), not "
                    + planned.id() + "; leave out --prisma");
        }
        planned.check(Access.READ);
        WorkDir workDir = work.workDir();
        workDir.migration(planned.id(), planned.name());
        PgTarget pg = target.parse();
        if (pg != null) {
            pg.probe();
        }
        PlanOptions options = new PlanOptions(targetSchema, new LinkedHashSet<>(includeTables), null, prisma);
        Plan plan = Plans.create(workDir, planned, options, pg);
        print(plan, workDir, System.out);
        if (pg != null && planned.wayBackFile().isPresent()) {
            WayBack.printReadiness(pg, System.out);
        }
        return plan.unmapped().isEmpty() && plan.blockers().isEmpty() ? 0 : ErrorCode.BAD_CONFIGURATION.exitCode();
    }

    static void print(Plan plan, WorkDir work, PrintStream out) {
        out.printf("Plan for %s (%s schema into \"%s\")%n", plan.source(), plan.mode().name().toLowerCase(),
                plan.targetSchema());
        for (TablePlan table : plan.tables()) {
            out.printf("  table %-30s -> %s  (%,d rows, key %s %s)%n", table.source(), table.target(), table.sourceRows(),
                    table.key().kind().name().toLowerCase().replace('_', ' '), table.key().sourceColumns());
            table.notes().forEach(note -> out.println("      note: " + note));
            table.columns().stream().filter(c -> c.note() != null)
                    .forEach(c -> out.println("      column " + c.source() + " -> " + c.targetType() + ": " + c.note()));
        }
        for (SkippedObject skipped : plan.skipped()) {
            out.printf("  skipped %s %s: %s%n", skipped.kind(), skipped.name(), skipped.reason());
        }
        plan.renames().forEach(r -> out.printf("  renamed %s %s -> %s%n", r.kind(), r.original(), r.target()));
        plan.warnings().forEach(w -> out.println("  WARNING: " + w));
        plan.unmapped().forEach(u -> out.println("  NO HOME: " + u.table() + "." + u.column() + " has no target column"));
        plan.blockers().forEach(b -> out.println("  BLOCKED: " + b));
        out.println(plan.mode() == dev.cutover.schemas.plan.SchemaMode.EXISTING
                ? "Wrote " + work.plan() + " (existing-target mode: the application's migrations own the schema)"
                : "Wrote " + work.plan() + " and the migrations in " + work.migrations());
    }
}
