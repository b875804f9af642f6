package dev.cutover.cli;

import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.sink.ConstraintValidator;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.SchemaApplier;
import dev.cutover.sink.TargetFinisher;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Makes the target ready for the application: the deferred indexes and constraints (V2, or the existing target's own
 * foreign keys) created and validated without blocking writers, every identity/serial sequence moved past the
 * loaded maximum plus headroom, statistics updated. Idempotent: finalizing twice does no harm.
 */
final class Finalizer {
    private final Plan plan;
    private final PgTarget target;
    private final WorkDir work;

    Finalizer(Plan plan, PgTarget target, WorkDir work) {
        this.plan = plan;
        this.target = target;
        this.work = work;
    }

    /** Returns the constraints the data violates (each with offending keys). */
    List<ConstraintValidator.Violation> finish(long headroom, PrintStream out) {
        if (plan.mode() == SchemaMode.GENERATE) {
            int applied = new SchemaApplier(target, work.migrations()).applyAll();
            if (applied > 0) {
                out.println("schema: indexes and constraints created (migration V2 applied with Flyway)");
            }
        } else if (plan.tables().stream().anyMatch(t -> !t.foreignKeys().isEmpty())) {
            new TargetFinisher(target, plan).executeEach(MigrationWriter.addForeignKeyStatements(plan));
            out.println("schema: the target's foreign keys restored");
        }
        List<ConstraintValidator.Violation> violations = new ConstraintValidator(target, plan).validate();
        violations.forEach(v -> out.println("constraint violated: " + v));
        long constraints = plan.tables().stream().mapToLong(t -> t.checks().size() + t.foreignKeys().size()).sum();
        if (constraints > 0 && violations.isEmpty()) {
            out.println("constraints: all " + constraints + " checks and foreign keys validated");
        }
        TargetFinisher finisher = new TargetFinisher(target, plan);
        Map<String, Long> sequences = finisher.moveSequences(headroom);
        if (!sequences.isEmpty()) {
            out.println("sequences: " + sequences.size() + " moved past the loaded maximum"
                    + (headroom > 0 ? " + " + headroom + " headroom" : ""));
        }
        finisher.analyze();
        return violations;
    }
}
