package dev.cutover.cli;

import dev.cutover.capture.sqlite.plan.PlannerOptions;
import dev.cutover.cli.runtime.Runtime;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.SchemaApplier;
import dev.cutover.sink.TargetFinisher;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cutover run}: the whole migration, in the order it happens. Reads as the protocol: check the source, start
 * or reach Kafka and PostgreSQL, plan, prepare the target, stream the snapshot through the pipeline until every
 * stage has drained, then create the deferred indexes and constraints, move sequences, and report.
 */
final class MigrationRun {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRun.class);

    private final RunOptions options;
    private final PrintStream out;
    private volatile boolean stopRequested;
    private final CountDownLatch finished = new CountDownLatch(1);

    MigrationRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int execute() throws InterruptedException {
        long started = System.nanoTime();
        try {
            options.source().check();
            WorkDir.Migration migration = options.work().migration(options.source().id(),
                    options.source().path().getFileName().toString());
            out.println("source: " + options.source().id());
            try (Runtime runtime = Runtime.start(options.target(), options.kafka(), options.work().root(),
                    options.maxMessageBytes(), out)) {
                Plan plan = Plans.loadOrCreate(options.work(), options.source(), PlannerOptions.defaults(),
                        runtime.target(), out);
                TargetPreparation.check(plan, runtime.target(), migration);
                Plans.requireRunnable(plan, options.work());
                TargetPreparation.prepare(plan, runtime.target(), options.work(), out);
                runtime.kafka().createTopics(migration.topics(), options.partitions(), options.maxMessageBytes());
                if (!stream(plan, migration, runtime)) {
                    out.println("stopped before the load finished; `cutover run` again resumes where it stopped");
                    return 0;
                }
                List<String> violations = finishLoad(plan, runtime.target());
                Summary summary = summarize(plan, runtime.target(), violations, started);
                summary.print(out);
                return summary.exitCode();
            }
        } finally {
            finished.countDown();
        }
    }

    /** Runs the pipeline until the snapshot is in PostgreSQL; false when stopped first. */
    private boolean stream(Plan plan, WorkDir.Migration migration, Runtime runtime) throws InterruptedException {
        try (Pipeline pipeline = new Pipeline(options, migration, plan, runtime.target(), runtime.kafka())) {
            pipeline.start();
            out.println("snapshot: reading " + plan.tables().size() + " tables");
            return pipeline.awaitSnapshotLoaded(() -> stopRequested, out);
        }
    }

    /** Deferred schema (V2), constraint validation, sequences, statistics; returns the constraint violations. */
    private List<String> finishLoad(Plan plan, PgTarget target) {
        List<String> violations = new ArrayList<>();
        if (plan.mode() == SchemaMode.GENERATE) {
            new SchemaApplier(target, options.work().migrations()).applyAll();
            violations.addAll(new TargetFinisher(target, plan).validate(MigrationWriter.validationStatements(plan)));
            out.println("schema: indexes and constraints created (migration V2 applied with Flyway)");
        } else if (!plan.tables().stream().allMatch(t -> t.foreignKeys().isEmpty())) {
            TargetFinisher finisher = new TargetFinisher(target, plan);
            finisher.execute(MigrationWriter.addForeignKeyStatements(plan));
            violations.addAll(finisher.validate(MigrationWriter.validationStatements(plan)));
            out.println("schema: the target's foreign keys restored and validated");
        }
        TargetFinisher finisher = new TargetFinisher(target, plan);
        Map<String, Long> sequences = finisher.moveSequences(0);
        if (!sequences.isEmpty()) {
            out.println("sequences: " + sequences.size() + " moved past the loaded maximum");
        }
        finisher.analyze();
        return violations;
    }

    private Summary summarize(Plan plan, PgTarget target, List<String> violations, long startedNanos) {
        List<String> sourceTables = plan.tables().stream().map(TablePlan::source).toList();
        Map<String, Long> sourceRows = options.source().rowCounts(sourceTables);
        Map<String, Long> targetRows = new TargetFinisher(target, plan).rowCounts();
        Map<String, Long> errors = ErrorLog.countByTable(options.work().errors());
        List<Summary.Row> rows = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            rows.add(new Summary.Row(table.source(), table.target(), sourceRows.get(table.source()),
                    targetRows.get(table.target()), errors.getOrDefault(table.source(), 0L)));
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new Summary(options.source().id(), target.toString(), rows, options.work().errors(), violations, seconds);
    }

    /** Ctrl+C: stop after the current batches, then let {@link #execute()} finish and report. */
    void requestStop() {
        LOG.info("stop requested");
        stopRequested = true;
    }

    /** Waits (up to the given time) for {@link #execute()} to finish its cleanup. */
    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
