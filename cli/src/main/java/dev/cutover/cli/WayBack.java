package dev.cutover.cli;

import dev.cutover.capture.wayback.WayBackRequirements;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.WayBackFile;
import dev.cutover.schemas.wayback.PostgresEndpoint;
import dev.cutover.schemas.wayback.WayBackConfig;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.ReportFormat;
import dev.cutover.validator.ValidationOptions;
import dev.cutover.validator.ValidationReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way back inside a live run: started by {@code finalize --with-way-back} or {@code reverse}, started again when
 * the run restarts and the slot exists, and ended by {@code rollback} (caught up, stopped, validated in reverse) or
 * {@code stop --remove-capture} (slot and publication dropped). Thread-safe: commands arrive on the HTTP server's
 * threads.
 */
final class WayBack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WayBack.class);
    /** WAL a slot may hold back before health warns: a slot nobody reads keeps every WAL file until the disk is full. */
    static final long WAL_WARNING_BYTES = 1L << 30;
    private static final long SLOT_READ_MS = 5000;

    private final WayBackConfig config;
    private final WayBackFile file;
    private final Source source;
    /** Read without the lock by {@link #problems}, so health never waits for a rollback. */
    private volatile WayBackService service;
    private volatile SlotReading slotReading;

    private WayBack(WayBackConfig config, WayBackFile file, Source source) {
        this.config = config;
        this.file = file;
        this.source = source;
    }

    /** The way back of this run; empty for a source it cannot write into. */
    static Optional<WayBack> of(Source source, Plan plan, PgTarget target, String kafka, WorkDir.Migration migration) {
        return source.wayBackFile().map(file -> new WayBack(new WayBackConfig(new PostgresEndpoint(target.host(),
                target.port(), target.database(), target.user(), target.password()), kafka, migration.topics(),
                file.file(), plan), file, source));
    }

    /**
     * For {@code plan}: whether this server can run the way back, and if not, each setting to change (information
     * only: the migration itself does not need it).
     */
    static void printReadiness(PgTarget target, PrintStream out) {
        List<String> problems;
        try (java.sql.Connection connection = target.connect()) {
            problems = WayBackRequirements.problems(connection);
        } catch (java.sql.SQLException e) {
            throw target.failure("check the way back's requirements", e);
        }
        if (problems.isEmpty()) {
            out.println("way back: this PostgreSQL can stream changes back to SQLite after the switch "
                    + "(`cutover finalize --with-way-back`)");
            return;
        }
        out.println("way back: not available on this PostgreSQL until these change (the migration itself does not "
                + "need them):");
        problems.forEach(problem -> out.println("  - " + problem));
    }

    /** At the run's start: a way back started before (its slot exists) goes on where it stopped. */
    synchronized void resumeIfStarted(PrintStream out) {
        if (WayBackService.exists(config)) {
            startStreaming();
            out.println("way back: streaming PostgreSQL's changes into " + file.file() + " again (slot "
                    + config.slotName() + ")");
        }
    }

    /** Checks the server, creates the slot and publication when missing, and starts streaming. */
    synchronized int start(Pipeline pipeline, PrintStream out) {
        if (service != null) {
            out.println("way back: already streaming PostgreSQL's changes into " + file.file());
            return 0;
        }
        boolean created = WayBackService.prepare(config);
        pipeline.renewSinkConnections();
        startStreaming();
        out.println("way back: " + (created ? "slot " + config.slotName() + " created; every change PostgreSQL commits "
                + "from now on" : "slot " + config.slotName() + " kept; every change since it was created")
                + " streams into " + file.file() + " (the forward sink's own writes excepted). `cutover rollback` "
                + "makes SQLite whole before switching back; `cutover stop --remove-capture` drops the slot.");
        return 0;
    }

    private void startStreaming() {
        service = new WayBackService(config, file);
        service.start();
        slotReading = null; // the slot may have just been created: the next status reads it afresh
    }

    /**
     * {@code cutover rollback}: waits until SQLite has every change PostgreSQL committed before it began, stops the way
     * back, and compares SQLite with PostgreSQL table by table, every row. The caller stops the forward direction.
     */
    synchronized int rollback(Validation.Scope scope, BooleanSupplier stop, PrintStream out)
            throws InterruptedException {
        if (service == null) {
            throw CutoverException.config("the way back is not running, so SQLite may lack PostgreSQL's changes; start "
                    + "it with `cutover finalize --with-way-back` (or `cutover reverse`) before the switch");
        }
        out.println("rollback: waiting until SQLite has every change PostgreSQL committed up to now");
        if (!service.awaitCaughtUp(stop)) {
            out.println("rollback: stopped while waiting; nothing was changed");
            return 1;
        }
        WayBackService.Counts counts = service.counts();
        service.close();
        service = null;
        out.printf("rollback: caught up; the way back stopped (%,d changes written into SQLite, %,d repeats skipped, "
                + "%,d in the error log)%n", counts.applied(), counts.skipped(), counts.failed());
        ValidationReport report = Validation.run(scope, new ValidationOptions(true,
                ValidationOptions.DEFAULT_SAMPLE, ValidationOptions.DEFAULT_CHUNK_ROWS, ValidationOptions.DEFAULT_EXAMPLES,
                false), Validation.loggedKeys(
                scope.plan(), List.of()), out);
        ReportFormat.print(report, out);
        if (report.matches() && counts.failed() == 0) {
            WayBackService.remove(config);
            out.println("READY TO SWITCH BACK: " + file.file() + " holds every row PostgreSQL holds. Switch the "
                    + "application's DATABASE_URL back to SQLite. The replication slot and publication "
                    + config.slotName() + " were dropped; capture stays in SQLite until `cutover stop --remove-capture "
                    + "--force`.");
            return 0;
        }
        out.println("NOT READY TO SWITCH BACK: SQLite differs from PostgreSQL (above)" + (counts.failed() == 0 ? ""
                : "; " + counts.failed() + " changes are in the error log (errors.jsonl, stage reverse)")
                + ". The slot " + config.slotName() + " stays: `cutover run` starts both directions again where they "
                + "stopped, then `cutover rollback` again.");
        return 1;
    }

    /** Stops streaming and drops the slot, the publication and the marker table. */
    synchronized int remove(PrintStream out) {
        close();
        if (WayBackService.remove(config)) {
            out.println("way back: replication slot and publication " + config.slotName() + " dropped");
        }
        return 0;
    }

    /**
     * What makes health degraded: the slot holding back more WAL than {@link #WAL_WARNING_BYTES}, or a half of the way
     * back not moving (PostgreSQL, Kafka or SQLite unavailable). Empty when neither.
     */
    List<String> problems() {
        return problems(retainedWalBytes());
    }

    private List<String> problems(Optional<Long> retained) {
        List<String> problems = new java.util.ArrayList<>();
        retained.flatMap(bytes -> walWarning(config.slotName(), bytes)).ifPresent(problems::add);
        WayBackService current = service;
        if (current != null) {
            current.problem().ifPresent(problem -> problems.add("way back: " + problem));
        }
        return problems;
    }

    /** The warning for a slot holding back {@code retainedBytes} of WAL: empty up to {@link #WAL_WARNING_BYTES}. */
    static Optional<String> walWarning(String slot, long retainedBytes) {
        if (retainedBytes <= WAL_WARNING_BYTES) {
            return Optional.empty();
        }
        return Optional.of(String.format("way back: replication slot %s holds back %,d MiB of WAL (over %,d MiB); "
                + "PostgreSQL keeps it until the way back reads it: keep `cutover run` running, or drop the slot with "
                + "`cutover stop --remove-capture`", slot, retainedBytes >> 20, WAL_WARNING_BYTES >> 20));
    }

    /** For {@code status}: empty while there is no slot (the way back was never started, or was removed). */
    Optional<RunStatus.WayBackStatus> status() {
        Optional<Long> retained = retainedWalBytes();
        WayBackService current = service;
        if (retained.isEmpty() && current == null) {
            return Optional.empty();
        }
        WayBackService.Counts counts = current == null ? new WayBackService.Counts(0, 0, 0, 0) : current.counts();
        return Optional.of(new RunStatus.WayBackStatus(config.slotName(), current != null, counts.applied(),
                counts.skipped(), counts.failed(), retained.orElse(null), problems(retained)));
    }

    /** The WAL the slot holds back, read at most every {@link #SLOT_READ_MS} (status is asked every second). */
    private Optional<Long> retainedWalBytes() {
        long now = System.currentTimeMillis();
        SlotReading last = slotReading;
        if (last == null || now - last.atMs() > SLOT_READ_MS) {
            last = new SlotReading(now, WayBackService.retainedWalBytes(config));
            slotReading = last;
        }
        return last.retained();
    }

    private record SlotReading(long atMs, Optional<Long> retained) {
    }

    @Override
    public synchronized void close() {
        if (service != null) {
            service.close();
            service = null;
            LOG.info("way back: stopped");
        }
    }
}
