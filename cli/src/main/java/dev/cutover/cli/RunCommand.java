package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover run}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Migrate while the application keeps writing: plan if needed, create the schema, snapshot the source "
                + "through Kafka into PostgreSQL, then stream live changes until stopped (or, with --once, drain and stop).")
final class RunCommand implements Callable<Integer> {
    @Mixin
    SourceOption source;

    @Mixin
    TargetOption target;

    @Mixin
    KafkaOption kafka;

    @Option(names = "--once", description = "Snapshot, drain what arrived meanwhile, stop (a one-shot migration).")
    boolean once;

    @Option(names = "--replay-errors", description = "Once the snapshot is loaded, send the changes in the error log "
            + "through the pipeline again (the source's current rows for their keys), after their cause was fixed, e.g. "
            + "a column widened in plan.json. What lands leaves errors.jsonl (for errors.replayed.jsonl); what fails "
            + "again stays with its new reason.")
    boolean replayErrors;

    @Option(names = "--resnapshot", paramLabel = "COLLECTION", split = ",", description = "Read these MongoDB "
            + "collections again from their start (e.g. when the server no longer holds a collection's change-stream "
            + "position), the others going on where they are. Repeatable, or comma-separated.")
    List<String> resnapshot = List.of();

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the raw and row topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--transform-workers", defaultValue = "2", description = "Transform loops (default: ${DEFAULT-VALUE}).")
    int transformWorkers;

    @Option(names = "--sink-workers", defaultValue = "2", description = "Sink loops, one PostgreSQL connection each (default: ${DEFAULT-VALUE}).")
    int sinkWorkers;

    @Option(names = "--batch-rows", defaultValue = "2048", description = "Rows capture reads per batch (default: ${DEFAULT-VALUE}).")
    int batchRows;

    @Option(names = "--max-message-mb", defaultValue = "64",
            description = "Largest row Kafka carries, in MiB; larger rows go to the error log (default: ${DEFAULT-VALUE}).")
    int maxMessageMb;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where the dashboard and the HTTP endpoints "
            + "listen, e.g. 0.0.0.0:8080 to reach them from other machines (every endpoint but /health still needs the "
            + "token). Default: 127.0.0.1, on the port the last run used when it is free.")
    String listen;

    /** How the log file and stderr's warnings are written; read by {@link Main} before parsing, declared here. */
    enum LogFormat { text, json }

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text", description = "text, or json: one "
            + "JSON object a line (time, level, stage, logger, thread, message, error) in cutover.log and on stderr, "
            + "for log pipelines (default: ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    @Option(names = "--metrics-open", description = "Serve GET /metrics without the token, for Prometheus scrapers.")
    boolean metricsOpen;

    @Option(names = "--no-backup", description = "Do not copy the source file to the work directory's backups/ "
            + "before capture is installed (a run takes that copy once per migration).")
    boolean noBackup;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() throws InterruptedException {
        if (maxMessageMb < 1 || maxMessageMb > 1024) {
            throw CutoverException.usage("--max-message-mb " + maxMessageMb + " is out of range; use 1 to 1024");
        }
        RunOptions options = new RunOptions(source.parse(), target.parse(), kafka.bootstrap, work.workDir(), once,
                partitions, transformWorkers, sinkWorkers, batchRows, maxMessageMb << 20, replayErrors, resnapshot,
                !noBackup);
        return runWithGracefulStop(new MigrationRun(options, HttpOptions.parse(listen, metricsOpen), System.out));
    }

    /** Ctrl+C stops the run after the current batches; the exit code is then 0 and a new run resumes. */
    static int runWithGracefulStop(MigrationRun run) throws InterruptedException {
        Thread hook = new Thread(() -> {
            if (Main.exiting()) {
                return;
            }
            run.requestStop();
            try {
                if (run.awaitFinished(120_000)) {
                    Runtime.getRuntime().halt(0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cutover-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.execute();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C arrived: the hook exits once this run has cleaned up
            }
        }
    }
}
