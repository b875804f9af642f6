package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.cli.runtime.Runtime;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.sink.ConstraintValidator;
import dev.cutover.sink.Finalizer;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.TargetFinisher;
import dev.cutover.sink.TargetPreparation;
import dev.cutover.sink.errorlog.ErrorLog;
import dev.cutover.sink.errorlog.ErrorLogEntry;
import dev.cutover.sink.errorlog.ErrorLogFile;
import dev.cutover.validator.ReportFormat;
import dev.cutover.validator.ValidationOptions;
import dev.cutover.validator.ValidationReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
    /** How many of the error log's entries the dashboard shows. */
    private static final int LATEST_ERRORS = 20;

    private final RunOptions options;
    private final HttpOptions http;
    private final PrintStream out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Pipeline pipeline;
    private volatile Finalizer finalizer;
    /** What finalize validates against: set once the services are up. */
    private volatile ValidationContext validation;
    /** Where a one-shot run's time goes, for its summary (the main thread's). */
    private Phases phases;
    /** The source's backup this migration took before capture; null without one. */
    private volatile Backup backup;
    /** The way back (PostgreSQL to the source after the switch); null for a one-shot run or a source it cannot serve. */
    private volatile WayBack wayBack;
    /** The last finalize's checklist, for the dashboard; null before one ran. */
    private volatile Readiness lastFinalize;

    MigrationRun(RunOptions options, PrintStream out) {
        this(options, HttpOptions.DEFAULT, out);
    }

    MigrationRun(RunOptions options, HttpOptions http, PrintStream out) {
        this.options = options;
        this.http = http;
        this.out = out;
    }

    int execute() throws InterruptedException {
        long started = System.nanoTime();
        phases = new Phases(System::nanoTime);
        try {
            options.source().check(options.once() ? Access.READ : Access.LIVE);
            WorkDir.Migration migration = options.work().migration(options.source().id(), options.source().name());
            out.println("source: " + options.source().id());
            Optional<Integer> finished = finishedAlready(migration);
            if (finished.isPresent()) {
                return finished.get();
            }
            backup = RunBackup.prepare(options, migration, out).orElse(null);
            try (Runtime runtime = Runtime.start(options.target(), options.kafka(), options.work().root(),
                    options.maxMessageBytes(), out)) {
                phases.end("services");
                Plan plan = Plans.loadOrCreate(options.work(), options.source(), PlanOptions.defaults(),
                        runtime.target(), out);
                phases.end("plan");
                TargetPreparation.check(plan, runtime.target(), migration.id());
                Plans.requireRunnable(plan, options.work());
                TargetPreparation.prepare(plan, runtime.target(), options.work().migrations(), out);
                runtime.kafka().createTopics(migration.topics(), options.partitions(), options.maxMessageBytes());
                finalizer = new Finalizer(plan, runtime.target(), options.work().migrations());
                validation = new ValidationContext(plan, runtime.target(), runtime.kafka().bootstrapServers(), migration);
                wayBack = options.once() ? null : WayBack.of(options.source(), plan, runtime.target(),
                        runtime.kafka().bootstrapServers(), migration).orElse(null);
                phases.end("schema and topics");
                return migrate(plan, migration, runtime, started);
            }
        } finally {
            finished.countDown();
        }
    }

    /**
     * A migration a one-shot run finished has no capture in the source any more: a live run would miss what changed
     * since, so it is refused; only {@code --once --replay-errors} runs it again. (A source whose offsets alone say
     * where to carry on is never marked finished: running again brings over what changed since.) Empty when this run
     * may go on.
     */
    private Optional<Integer> finishedAlready(WorkDir.Migration migration) {
        if (migration.finishedAt() == null || (options.once() && options.replayErrors())) {
            return Optional.empty();
        }
        String finished = "this migration was finished by `cutover run --once` at " + migration.finishedAt()
                + ", which removed capture from the source";
        if (!options.once()) {
            throw CutoverException.config(finished + ", so a live run would miss the changes made since; start a new "
                    + "migration (a new --work directory and an empty target), or send the error log's changes again "
                    + "with `cutover run --once --replay-errors`");
        }
        long blocking = new ErrorLogFile(options.work().root(), migration.id()).blocking().size();
        out.println(finished + "; nothing to do" + (blocking == 0 ? "" : ". " + FinalizeOutcome.count(blocking, "change")
                + " in the error log did not reach PostgreSQL: once the cause is fixed, `cutover run --once "
                + "--replay-errors` sends them again"));
        return Optional.of(blocking == 0 ? 0 : ErrorCode.DATA_ERRORS.exitCode());
    }

    private int migrate(Plan plan, WorkDir.Migration migration, Runtime runtime, long started)
            throws InterruptedException {
        StatusServer server = new StatusServer(options.work(), http, new Endpoints());
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
        if (!options.source().capture().resumesWithoutCapture()) {
            options.work().finished(migration);
        }
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
            out.println("dashboard: " + server.dashboardUrl() + " (sign in with the token in " + options.work().root()
                    .resolve("http-token") + "); `cutover health` checks the run");
            out.println("snapshot: reading " + plan.tables().size() + " tables");
            if (wayBack != null) {
                wayBack.resumeIfStarted(out);
            }
            if (!running.awaitSnapshotLoaded(() -> stopRequested, out)) {
                out.println("stopped before the snapshot was loaded; `cutover run` again resumes where it stopped");
                return Streamed.stopped(0);
            }
            ErrorReplay replay = options.replayErrors()
                    ? ErrorReplay.enqueue(plan, options.source(), running.errorLog(), out) : null;
            if (options.once()) {
                return drain(running, replay);
            }
            if (replay != null && !awaitReplay(running, replay)) {
                return Streamed.stopped(0);
            }
            out.println("snapshot loaded; streaming live changes. `cutover status` shows the lag, `cutover finalize` "
                    + "prepares the switch, Ctrl+C or `cutover stop` stops (run again to resume).");
            running.streamUntil(() -> stopRequested, out);
            out.println("stopped; `cutover run` again resumes where it stopped");
            return Streamed.stopped(running.errorLog().counts().blocking() > 0 ? ErrorCode.DATA_ERRORS.exitCode() : 0);
        } finally {
            closeWayBack();
        }
    }

    /** {@code --once}: the changes made during the snapshot (and a replay's) reach PostgreSQL; the load is finished. */
    private Streamed drain(Pipeline running, ErrorReplay replay) throws InterruptedException {
        phases.end("snapshot");
        long upTo = running.sourcePosition();
        out.println("snapshot loaded; draining the changes made meanwhile");
        if (!running.awaitCaughtUpTo(upTo, () -> stopRequested, out)) {
            out.println("stopped while draining; `cutover run` again resumes where it stopped");
            return Streamed.stopped(0);
        }
        if (replay != null) {
            replay.settle(running.errorLog(), out);
        }
        phases.end("drain");
        return Streamed.FINISHED;
    }

    /** Waits until the replayed changes went through the pipeline, then settles the error log; false when stopped. */
    private boolean awaitReplay(Pipeline running, ErrorReplay replay) throws InterruptedException {
        if (!running.awaitCaughtUpTo(replay.upTo(), () -> stopRequested, out)) {
            out.println("stopped while replaying the error log; its entries stay until a replay lands them");
            return false;
        }
        replay.settle(running.errorLog(), out);
        return true;
    }

    /** How streaming ended: the one-shot load finished (finish and report), or the run stopped with an exit code. */
    private record Streamed(boolean loadFinished, int exitCode) {
        static final Streamed FINISHED = new Streamed(true, 0);

        static Streamed stopped(int exitCode) {
            return new Streamed(false, exitCode);
        }
    }

    /** A one-shot run leaves the source as it found it: capture (a change log and triggers) goes once all is in. */
    private void removeCapture() {
        options.source().capture().remove()
                .ifPresent(removed -> out.println("source: change capture removed (" + removed + ")"));
    }

    /** What the status server serves; it runs on the server's threads while the run goes on. */
    private final class Endpoints implements StatusServer.Handler {
        @Override
        public RunStatus status() {
            Pipeline running = pipeline;
            if (running == null) {
                throw new IllegalStateException("the run is still starting");
            }
            WayBack current = wayBack;
            RunStatus status = running.status().withBackup(backup);
            return current == null ? status : current.status().map(status::withWayBack).orElse(status);
        }

        @Override
        public Health health() {
            Pipeline running = pipeline;
            WayBack current = wayBack;
            return running == null ? Health.starting()
                    : current == null ? running.health() : running.health().with(current.problems());
        }

        @Override
        public String metrics() {
            return running().metrics();
        }

        @Override
        public List<ObjectNode> latestErrors() {
            List<ErrorLogEntry> entries = running().errorLog().entries();
            List<ObjectNode> latest = new ArrayList<>();
            for (int i = entries.size() - 1; i >= 0 && latest.size() < LATEST_ERRORS; i--) {
                latest.add(entries.get(i).json());
            }
            return latest;
        }

        @Override
        public Readiness readiness() {
            boolean lagZero = running().lag().events() == 0;
            Readiness last = lastFinalize;
            return last == null ? Readiness.beforeFinalize(lagZero) : new Readiness(lagZero,
                    last.constraintsValidated(), last.sequencesMoved(), last.validation(), last.ready(),
                    last.reasons(), last.finalizedAt());
        }

        private Pipeline running() {
            Pipeline running = pipeline;
            if (running == null) {
                throw new IllegalStateException("the run is still starting");
            }
            return running;
        }

        @Override
        public int finalizeRun(StatusServer.FinalizeRequest request, PrintStream to) {
            return MigrationRun.this.finalizeRun(request, to);
        }

        @Override
        public int startWayBack(PrintStream to) {
            return MigrationRun.this.startWayBack(to);
        }

        @Override
        public int rollback(PrintStream to) {
            return MigrationRun.this.rollback(to);
        }

        @Override
        public int removeWayBack(PrintStream to) {
            WayBack current = wayBack;
            return current == null ? 0 : current.remove(to);
        }

        @Override
        public void stop() {
            requestStop();
        }
    }

    private void closeWayBack() {
        WayBack current = wayBack;
        if (current != null) {
            current.close();
        }
    }

    private WayBack requireWayBack() {
        WayBack current = wayBack;
        if (current == null) {
            throw CutoverException.config(options.once() ? "a one-shot run (--once) has no way back: use a live `cutover "
                    + "run`" : "the way back writes PostgreSQL's changes into a SQLite source only; " + options.source().id()
                    + " is not one");
        }
        return current;
    }

    /** {@code cutover reverse} (and {@code finalize --with-way-back} once READY): the way back starts streaming. */
    int startWayBack(PrintStream to) {
        WayBack current = requireWayBack();
        Pipeline running = pipeline;
        if (running == null || !running.progress().snapshotLoadedInTarget()) {
            throw CutoverException.config("the snapshot is not loaded yet; start the way back once `cutover finalize` "
                    + "printed READY");
        }
        return current.start(running, to);
    }

    /**
     * {@code cutover rollback}: PostgreSQL has every change the source made (lag 0), SQLite every change PostgreSQL
     * made (the way back caught up); the way back stops, SQLite is compared with PostgreSQL row by row, and the run
     * stops.
     */
    synchronized int rollback(PrintStream to) {
        WayBack current = requireWayBack();
        try {
            awaitCaughtUp(to);
            ValidationContext context = validation;
            int code = current.rollback(new Validation.Scope(context.plan(), options.source(), context.target(),
                    context.kafka(), Optional.of(context.migration())), () -> stopRequested, to);
            to.println("rollback: stopping the migration (`cutover run` would start both directions again)");
            requestStop();
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            to.println("cutover: interrupted");
            return 1;
        }
    }

    /**
     * {@code cutover finalize}: waits until PostgreSQL has caught up, then creates and validates the deferred
     * constraints, moves sequences past the source's maximum plus the headroom, validates (the sample and every key the
     * error log names) and prints READY only when nothing stands in the way, the error log's entries included; with
     * {@code acceptErrors} those entries are accepted first. While the error log blocks READY the schema is left as it
     * is. The pipeline keeps forwarding changes from application instances not yet switched.
     */
    synchronized int finalizeRun(StatusServer.FinalizeRequest request, PrintStream to) {
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
        if (request.acceptErrors()) {
            acceptErrors(to);
        }
        List<ConstraintValidator.Violation> violations = finishSchema(request.headroom(), to);
        List<ErrorLogEntry> entries = pipeline.errorLog().entries();
        FinalizeOutcome outcome = new FinalizeOutcome(violations, validate(entries, to), entries,
                options.work().errors());
        Path report = Validation.write(options.work(), "finalize", outcome.json());
        lastFinalize = Readiness.after(outcome, pipeline.progress().isFinalized(), true, Instant.now().toString());
        if (!outcome.ready()) {
            outcome.printNotReady(to);
            if (request.wayBack()) {
                to.println("way back: not started while NOT READY");
            }
            to.println("report: " + report);
            return ErrorCode.DATA_ERRORS.exitCode();
        }
        to.println("report: " + report);
        printReady(request.headroom(), outcome, to);
        return request.wayBack() ? startWayBack(to) : 0;
    }

    /**
     * Creates and validates the deferred constraints and moves the sequences, unless the error log already says NOT
     * READY: then they wait for the finalize that can print READY, so that the changes a replay sends meanwhile (the
     * application still writes to the source, in no order across tables) are not refused by foreign keys.
     */
    private List<ConstraintValidator.Violation> finishSchema(long headroom, PrintStream to) {
        if (pipeline.errorLog().counts().blocking() > 0) {
            to.println("schema: constraints and sequences are left as they are until the error log holds nothing that "
                    + "blocks READY (the validation below still checks the foreign keys, NOT NULL and checks)");
            return List.of();
        }
        List<ConstraintValidator.Violation> violations = finalizer.finish(headroom, to);
        pipeline.progress().finalized();
        return violations;
    }

    /** {@code --accept-errors}: every entry of the error log not yet accepted is, from now on. */
    private void acceptErrors(PrintStream to) {
        ErrorLog log = pipeline.errorLog();
        Set<String> ids = log.entries().stream().filter(e -> !e.isAccepted()).map(ErrorLogEntry::id)
                .collect(Collectors.toSet());
        log.accept(ids);
        to.println(ids.isEmpty() ? "accept: the error log holds nothing to accept"
                : "accept: " + FinalizeOutcome.count(ids.size(), "change") + " in the error log accepted: PostgreSQL "
                + "keeps those rows as they are (recorded in errors.jsonl and in the report)");
    }

    private void printReady(long headroom, FinalizeOutcome outcome, PrintStream to) {
        to.println("READY: PostgreSQL has every change (lag 0), its constraints are valid and its sequences start past "
                + "the source's maximum" + (headroom > 0 ? " + " + headroom : "") + (outcome.accepted().isEmpty() ? "."
                : "; " + FinalizeOutcome.count(outcome.accepted().size(), "change") + " in the error log "
                + (outcome.accepted().size() == 1 ? "was" : "were") + " accepted instead (listed in the report)."));
        to.println("Next: switch the application's DATABASE_URL to " + pipeline.status().target()
                + " (rolling is fine: Cutover keeps forwarding changes from instances still on SQLite). When none remain, "
                + "run `cutover stop --remove-capture` to remove the triggers from the source.");
    }

    /** The sampled validation finalize ends with, comparing every key the error log names too; printed. */
    private ValidationReport validate(List<ErrorLogEntry> entries, PrintStream to) {
        ValidationContext context = validation;
        ValidationReport report = Validation.run(new Validation.Scope(context.plan(), options.source(), context.target(),
                        context.kafka(), Optional.of(context.migration())),
                ValidationOptions.sampled(ValidationOptions.DEFAULT_SAMPLE, true),
                Validation.loggedKeys(context.plan(), entries), to);
        ReportFormat.print(report, to);
        return report;
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
        long upTo = pipeline.sourcePosition();
        to.printf("finalize: waiting until PostgreSQL has every change up to now (%,d events behind)%n",
                pipeline.lag().events());
        pipeline.awaitCaughtUpTo(upTo, () -> stopRequested, to);
        to.println("finalize: caught up (lag 0 as of when finalize began)");
    }

    private Summary summarize(Plan plan, PgTarget target, List<ConstraintValidator.Violation> violations,
                              long startedNanos) {
        List<String> sourceTables = plan.tables().stream().filter(MigrationRun::hasSourceRows).map(TablePlan::source)
                .toList();
        Map<String, Long> sourceRows = options.source().rowCounts(sourceTables);
        Map<String, Long> targetRows = new TargetFinisher(target, plan).rowCounts();
        Map<String, Long> errors = new ErrorLogFile(options.work().root(), validation.migration().id()).countByTable();
        Map<String, Map<String, Long>> rounded = pipeline.progress().roundedFloatNoise();
        List<Summary.Row> rows = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            rows.add(new Summary.Row(table.source(), table.target(), sourceRows.get(table.source()),
                    targetRows.get(table.target()), errors.getOrDefault(table.source(), 0L),
                    rounded.getOrDefault(table.target(), Map.of())));
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new Summary(options.source().id(), target.toString(), rows, options.work().errors(),
                violations.stream().map(ConstraintValidator.Violation::toString).toList(), seconds, phases.done(),
                backup);
    }

    /** False for a table of a collection's array elements (junction or child rows): the source has no such table. */
    private static boolean hasSourceRows(TablePlan table) {
        return !table.fromDocuments() || !table.document().owned();
    }

    /** Ctrl+C or `cutover stop`: stop after the current batches, then let {@link #execute()} finish and report. */
    /** The running pipeline's status; empty while the run is still starting. */
    Optional<RunStatus> status() {
        Pipeline running = pipeline;
        return running == null ? Optional.empty() : Optional.of(running.status());
    }

    void requestStop() {
        LOG.info("stop requested");
        stopRequested = true;
    }

    /** Waits (up to the given time) for {@link #execute()} to finish its cleanup. */
    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }
}
