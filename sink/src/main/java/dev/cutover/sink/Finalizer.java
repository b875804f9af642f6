package dev.cutover.sink;

import dev.cutover.schemas.Tasks;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the target ready for the application: the deferred indexes and constraints (V2, or the existing target's own
 * foreign keys) created and validated without blocking writers, every identity/serial sequence moved past the
 * loaded maximum plus headroom, statistics updated. Idempotent: finalizing twice does no harm.
 */
public final class Finalizer {
    private static final Logger LOG = LoggerFactory.getLogger(Finalizer.class);

    private final Plan plan;
    private final PgTarget target;
    private final Path migrations;

    /** @param migrations the directory of the plan's Flyway migrations (V2: the deferred indexes and constraints) */
    public Finalizer(Plan plan, PgTarget target, Path migrations) {
        this.plan = plan;
        this.target = target;
        this.migrations = migrations;
    }

    /** Returns the constraints the data violates (each with offending keys). */
    public List<ConstraintValidator.Violation> finish(long headroom, PrintStream out) {
        if (plan.mode() == SchemaMode.GENERATE) {
            int applied = new SchemaApplier(target, migrations).applyAll();
            if (applied > 0) {
                out.println("schema: indexes and constraints created (migration V2 applied with Flyway)");
            }
        } else if (plan.tables().stream().anyMatch(t -> !t.foreignKeys().isEmpty())) {
            new TargetFinisher(target, plan).executeEach(MigrationWriter.addForeignKeyStatements(plan));
            out.println("schema: the target's foreign keys restored");
        }
        TargetFinisher finisher = new TargetFinisher(target, plan);
        // Statistics are gathered on their own connection meanwhile: ANALYZE and VALIDATE of the same table wait for
        // each other, those of different tables run side by side.
        FutureTask<Void> analyze = new FutureTask<>(() -> {
            long started = System.nanoTime();
            finisher.analyze();
            LOG.info("finish: statistics updated (ANALYZE) in {} ms", (System.nanoTime() - started) / 1_000_000);
            return null;
        });
        Thread analyzer = new Thread(analyze, "cutover-analyze");
        analyzer.setDaemon(true);
        analyzer.start();
        long validating = System.nanoTime();
        List<ConstraintValidator.Violation> violations = new ConstraintValidator(target, plan).validate();
        LOG.info("finish: constraints validated in {} ms", (System.nanoTime() - validating) / 1_000_000);
        violations.forEach(v -> out.println("constraint violated: " + v));
        long constraints = plan.tables().stream().mapToLong(t -> t.checks().size() + t.foreignKeys().size()).sum();
        if (constraints > 0 && violations.isEmpty()) {
            out.println("constraints: all " + constraints + " checks and foreign keys validated");
        }
        Map<String, Long> sequences = finisher.moveSequences(headroom);
        if (!sequences.isEmpty()) {
            out.println("sequences: " + sequences.size() + " moved past the loaded maximum"
                    + (headroom > 0 ? " + " + headroom + " headroom" : ""));
        }
        Tasks.result(analyze, "updating the target's statistics");
        return violations;
    }
}
