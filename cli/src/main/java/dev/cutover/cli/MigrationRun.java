package dev.cutover.cli;

import dev.cutover.capture.sqlite.RemovalReport;
import dev.cutover.capture.sqlite.SqliteChangeLog;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.cli.runtime.Runtime;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.sink.ConstraintValidator;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.TargetFinisher;
import dev.cutover.validator.ReportFormat;
import dev.cutover.validator.ValidationOptions;
import dev.cutover.validator.ValidationReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cutover run}: the migration, in the order it happens. Check the source, start or reach Kafka and PostgreSQL,
 * plan, prepare the target, stream the snapshot through the pipeline until every stage has drained; then either
 * ({@code --once}) drain the changes that arrived meanwhile, finish the schema and report, or keep streaming live
 * changes until stopped, finalizing when the operator asks.
 */
final class MigrationRun {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRun.class);

    private final RunOptions options;
    private final PrintStream out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Pipeline pipeline;
    private volatile Finalizer finalizer;
    /** What finalize validates against: set once the services are up. */
    private volatile ValidationContext validation;
    /** Where a one-shot run's time goes, for its summary (the main thread's). */
    private Phases phases;

    MigrationRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int execute() throws InterruptedException {
        long started = System.nanoTime();
        phases = new Phases(System::nanoTime);
        try {
            options.source().check();
            requireWritableForLiveCapture();
            WorkDir.Migration migration = options.work().migration(options.source().id(),
                    options.source().path().getFileName().toString());
            out.println("source: " + options.source().id());
            try (Runtime runtime = Runtime.start(options.target(), options.kafka(), options.work().root(),
                    options.maxMessageBytes(), out)) {
                phases.end("services");
                Plan plan = Plans.loadOrCreate(options.work(), options.source(), PlanOptions.defaults(),
                        runtime.target(), out);
                phases.end("plan");
                TargetPreparation.check(plan, runtime.target(), migration);
                Plans.requireRunnable(plan, options.work());
                TargetPreparation.prepare(plan, runtime.target(), options.work(), out);
                runtime.kafka().createTopics(migration.topics(), options.partitions(), options.maxMessageBytes());
                finalizer = new Finalizer(plan, runtime.target(), options.work());
                validation = new ValidationContext(plan, runtime.target(), runtime.kafka().bootstrapServers(), migration);
                phases.end("schema and topics");
                return migrate(plan, migration, runtime, started);
            }
        } finally {
            finished.countDown();
        }
    }

    /** Live capture installs triggers in the source, which needs write access; a one-shot copy does not. */
    private void requireWritableForLiveCapture() {
        if (!options.once() && !options.source().writable()) {
            throw CutoverException.config("live capture needs write access to " + options.source().path()
                    + " and its directory (to add its change log and triggers); make them writable, or use --once to copy"
                    + " a quiet database");
        }
    }

    private int migrate(Plan plan, WorkDir.Migration migration, Runtime runtime, long started)
            throws InterruptedException {
        StatusServer server = new StatusServer(options.work(), new Endpoints());
        try {
            Streamed streamed = stream(plan, migration, runtime, server);
            if (!streamed.loadFinished()) {
                return streamed.exitCode();
            }
        } finally {
            server.close();
        }
        runtime.releaseKafka();
        List<ConstraintValidator.Violation> violations = new ArrayList<>();
        violations.addAll(finalizer.finish(0, out));
        removeCapture();
        phases.end("finish");
        Summary summary = summarize(plan, runtime.target(), violations, started);
        summary.print(out);
        return summary.exitCode();
    }

    /**
     * Runs the pipeline: the snapshot, then either the drain of what arrived meanwhile ({@code --once}: the load is
     * finished) or live streaming until stopped. The status server is closed by the caller after the pipeline, so
     * {@code stop} sees the run end only once capture has stopped.
     */
    private Streamed stream(Plan plan, WorkDir.Migration migration, Runtime runtime, StatusServer server)
            throws InterruptedException {
        try (Pipeline running = new Pipeline(options, migration, plan, runtime.target(), runtime.kafka())) {
            pipeline = running;
            running.start();
            server.start(runtime.kafka().bootstrapServers(), options.target() == null);
            out.println("snapshot: reading " + plan.tables().size() + " tables");
            if (!running.awaitSnapshotLoaded(() -> stopRequested, out)) {
                out.println("stopped before the snapshot was loaded; `cutover run` again resumes where it stopped");
                return Streamed.stopped(0);
            }
            if (options.once()) {
                phases.end("snapshot");
                long upTo = running.sourceLogMax();
                out.println("snapshot loaded; draining the changes made meanwhile");
                if (!running.awaitCaughtUpTo(upTo, () -> stopRequested, out)) {
                    out.println("stopped while draining; `cutover run` again resumes where it stopped");
                    return Streamed.stopped(0);
                }
                phases.end("drain");
                return Streamed.FINISHED;
            }
            out.println("snapshot loaded; streaming live changes. `cutover status` shows the lag, `cutover finalize` "
                    + "prepares the switch, Ctrl+C or `cutover stop` stops (run again to resume).");
            running.streamUntil(() -> stopRequested, out);
            out.println("stopped; `cutover run` again resumes where it stopped");
            return Streamed.stopped(running.progress().errors() > 0 ? 1 : 0);
        }
    }

    /** How streaming ended: the one-shot load finished (finish and report), or the run stopped with an exit code. */
    private record Streamed(boolean loadFinished, int exitCode) {
        static final Streamed FINISHED = new Streamed(true, 0);

        static Streamed stopped(int exitCode) {
            return new Streamed(false, exitCode);
        }
    }

    /** A one-shot run leaves the source as it found it: its change log and triggers go once everything is in. */
    private void removeCapture() {
        if (SqliteChangeLog.installed(options.source())) {
            RemovalReport report = SqliteChangeLog.remove(options.source());
            out.println("source: change capture removed (" + report.summary() + ")");
        }
    }

    /** What the status server serves; it runs on the server's threads while the run goes on. */
    private final class Endpoints implements StatusServer.Handler {
        @Override
        public RunStatus status() {
            Pipeline running = pipeline;
            if (running == null) {
                throw new IllegalStateException("the run is still starting");
            }
            return running.status();
        }

        @Override
        public int finalizeRun(long headroom, PrintStream to) {
            return MigrationRun.this.finalizeRun(headroom, to);
        }

        @Override
        public void stop() {
            requestStop();
        }
    }

    /**
     * {@code cutover finalize}: waits until PostgreSQL has caught up, then creates and validates the deferred
     * constraints and moves sequences past the source's maximum plus {@code headroom}. The pipeline keeps forwarding
     * changes from application instances not yet switched.
     */
    synchronized int finalizeRun(long headroom, PrintStream to) {
        if (options.once()) {
            to.println("cutover: this run is --once: it finalizes by itself when the load is done");
            return 2;
        }
        try {
            awaitCaughtUp(to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            to.println("cutover: interrupted while waiting for lag 0");
            return 1;
        }
        List<ConstraintValidator.Violation> violations = finalizer.finish(headroom, to);
        pipeline.progress().finalized();
        if (!violations.isEmpty()) {
            to.println("NOT READY: " + violations.size() + " constraint(s) are violated by the data (listed above). Fix "
                    + "the rows in the source (the fix streams through) or in PostgreSQL, then run `cutover finalize` again.");
            return 1;
        }
        if (!validate(to)) {
            return 1;
        }
        to.println("READY: PostgreSQL has every change (lag 0), its constraints are valid and its sequences start past "
                + "the source's maximum" + (headroom > 0 ? " + " + headroom : "") + ".");
        to.println("Next: switch the application's DATABASE_URL to " + pipeline.status().target()
                + " (rolling is fine: Cutover keeps forwarding changes from instances still on SQLite). When none remain, "
                + "run `cutover stop --remove-capture` to remove the triggers from the source.");
        return 0;
    }

    /** The sampled validation finalize ends with; false (and NOT READY printed) when anything differs. */
    private boolean validate(PrintStream to) {
        ValidationContext context = validation;
        ValidationReport report = Validation.run(context.plan(), options.source(), context.target(), context.kafka(),
                Optional.of(context.migration()), ValidationOptions.sampled(ValidationOptions.DEFAULT_SAMPLE, true), to);
        Path file = Validation.write(options.work(), report);
        ReportFormat.print(report, to);
        to.println("report: " + file);
        if (!report.matches()) {
            to.println("NOT READY: the validation found differences (listed above); `cutover validate --full` compares "
                    + "every row. Fix the cause, then run `cutover finalize` again.");
            return false;
        }
        return true;
    }

    private record ValidationContext(Plan plan, PgTarget target, String kafka, WorkDir.Migration migration) {
    }

    /**
     * Waits until PostgreSQL holds every change the source had made when finalize began (lag 0 at that moment: the
     * application may keep writing, and those later changes keep streaming).
     */
    private void awaitCaughtUp(PrintStream to) throws InterruptedException {
        while (!pipeline.progress().snapshotLoadedInTarget()) {
            to.println("finalize: waiting for the snapshot to load");
            Thread.sleep(2000);
        }
        long upTo = pipeline.sourceLogMax();
        to.printf("finalize: waiting until PostgreSQL has every change up to now (%,d events behind)%n",
                pipeline.lag().events());
        pipeline.awaitCaughtUpTo(upTo, () -> stopRequested, to);
        to.println("finalize: caught up (lag 0 as of when finalize began)");
    }

    private Summary summarize(Plan plan, PgTarget target, List<ConstraintValidator.Violation> violations,
                              long startedNanos) {
        List<String> sourceTables = plan.tables().stream().map(TablePlan::source).toList();
        Map<String, Long> sourceRows = options.source().rowCounts(sourceTables);
        Map<String, Long> targetRows = new TargetFinisher(target, plan).rowCounts();
        Map<String, Long> errors = ErrorLog.countByTable(options.work().errors());
        Map<String, Map<String, Long>> rounded = pipeline.progress().roundedFloatNoise();
        List<Summary.Row> rows = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            rows.add(new Summary.Row(table.source(), table.target(), sourceRows.get(table.source()),
                    targetRows.get(table.target()), errors.getOrDefault(table.source(), 0L),
                    rounded.getOrDefault(table.target(), Map.of())));
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new Summary(options.source().id(), target.toString(), rows, options.work().errors(),
                violations.stream().map(ConstraintValidator.Violation::toString).toList(), seconds, phases.done());
    }

    /** Ctrl+C or `cutover stop`: stop after the current batches, then let {@link #execute()} finish and report. */
    void requestStop() {
        LOG.info("stop requested");
        stopRequested = true;
    }

    /** Waits (up to the given time) for {@link #execute()} to finish its cleanup. */
    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }
}
