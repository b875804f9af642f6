package dev.cutover.cli;

import dev.cutover.cli.runtime.EmbeddedKafka;
import dev.cutover.cli.runtime.EmbeddedPostgres;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.Source;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.errorlog.ErrorLogEntry;
import dev.cutover.sink.errorlog.ErrorLogFile;
import dev.cutover.validator.Follower;
import dev.cutover.validator.ReportFormat;
import dev.cutover.validator.ValidationOptions;
import dev.cutover.validator.ValidationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover validate}: reconcile the source with PostgreSQL and say exactly what differs. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare the source with PostgreSQL, independently of the pipeline: row counts, a sample of rows "
                + "(or every row with --full) field by field, foreign keys, NOT NULL, checks and the plan's rules. "
                + "Changes still on their way are reported as pending. Exit 0 when everything matches, 1 when anything "
                + "differs. The report is also written to the work directory's reports/.")
final class ValidateCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    SourceOption source;

    @Mixin
    TargetOption target;

    @Mixin
    KafkaOption kafka;

    @Option(names = "--json", description = "Print the report as JSON, every difference named by table, key and column.")
    boolean json;

    @Option(names = "--full", description = "Compare every row, by key range in checksummed chunks (bounded memory).")
    boolean full;

    @Option(names = "--sample", defaultValue = "1000", paramLabel = "ROWS",
            description = "Rows per table compared each way without --full (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--chunk-rows", defaultValue = "10000", paramLabel = "ROWS",
            description = "Rows per checksummed chunk with --full (default: ${DEFAULT-VALUE}).")
    int chunkRows;

    @Option(names = "--examples", defaultValue = "20", paramLabel = "N",
            description = "Keys and differences listed per table and check; counts are always exact (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--follow", description = "Keep checking: follow the row topic and compare each change the sink has "
            + "committed with the target row; print mismatches as they appear, until Ctrl+C.")
    boolean follow;

    @Option(names = "--follow-seconds", paramLabel = "S", description = "With --follow: stop after S seconds.")
    Integer followSeconds;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() throws InterruptedException {
        ValidationOptions options = options();
        Source validated = source.parse();
        validated.check(Access.READ);
        WorkDir workDir = work.workDir();
        Optional<RunInfo> live = RunInfo.active(workDir);
        try (Services services = Services.resolve(target.parse(), kafka.bootstrap, workDir, live, follow)) {
            Plan plan = plan(workDir, validated, services.target());
            if (follow) {
                return follow(plan, workDir, services);
            }
            PrintStream progress = json ? System.err : System.out;
            List<ErrorLogEntry> logged = workDir.existingMigration()
                    .map(m -> new ErrorLogFile(workDir.root(), m.id()).entries()).orElse(List.of());
            ValidationReport report = Validation.run(new Validation.Scope(plan, validated, services.target(),
                    services.kafka(), workDir.existingMigration()), options, Validation.loggedKeys(plan, logged), progress);
            Path file = Validation.write(workDir, report);
            if (json) {
                System.out.print(ReportFormat.json(report));
            } else {
                ReportFormat.print(report, System.out);
            }
            progress.println("report: " + file);
            describeErrorLog(logged, workDir, progress);
            return report.matches() ? 0 : ErrorCode.DATA_ERRORS.exitCode();
        }
    }

    /** The error log's changes keep finalize from printing READY whatever the comparison found: say so. */
    private static void describeErrorLog(List<ErrorLogEntry> logged, WorkDir work, PrintStream out) {
        long blocking = logged.stream().filter(e -> !e.isAccepted()).count();
        if (blocking > 0) {
            out.printf("error log: %,d %s in %s did not reach PostgreSQL; `cutover finalize` prints NOT READY until "
                    + "%s replayed (`cutover run --replay-errors`) or accepted (`cutover finalize --accept-errors`)%n",
                    blocking, blocking == 1 ? "change" : "changes", work.errors(), blocking == 1 ? "it is" : "they are");
        }
    }

    private ValidationOptions options() {
        if (sample < 1) {
            throw CutoverException.usage("--sample " + sample + " is too small; use 1 or more rows per table");
        }
        if (chunkRows < 100 || chunkRows > 1_000_000) {
            throw CutoverException.usage("--chunk-rows " + chunkRows + " is out of range; use 100 to 1000000");
        }
        if (examples < 0) {
            throw CutoverException.usage("--examples " + examples + " is negative; use 0 or more");
        }
        if (followSeconds != null && (!follow || followSeconds < 1)) {
            throw CutoverException.usage("--follow-seconds " + followSeconds + " needs --follow and 1 or more seconds");
        }
        if (follow && (full || json)) {
            throw CutoverException.usage("--follow checks changes as they are applied; it does not combine with "
                    + (full ? "--full" : "--json") + ": run them separately");
        }
        return new ValidationOptions(full, sample, chunkRows, examples, RunInfo.active(work.workDir()).isPresent());
    }

    /** The work directory's plan for this source, or a fresh one when there is none. */
    private static Plan plan(WorkDir work, Source source, PgTarget target) {
        if (Files.exists(work.plan())) {
            Plan plan = PlanJson.read(work.plan());
            if (!plan.source().equals(source.id())) {
                throw CutoverException.config(work.plan() + " plans " + plan.source() + ", not " + source.id()
                        + "; give the --work DIR of this source's migration");
            }
            return plan;
        }
        return Plans.mapToExistingTables(source.plan(PlanOptions.defaults()), target);
    }

    private int follow(Plan plan, WorkDir workDir, Services services) throws InterruptedException {
        WorkDir.Migration migration = workDir.existingMigration().orElseThrow(() -> CutoverException.config(
                "--follow needs a migration in " + workDir.root() + "; give the --work DIR `cutover run` uses"));
        if (services.kafka() == null) {
            throw CutoverException.config("--follow reads the row topic, but no Kafka is known for " + workDir.root()
                    + "; give --kafka, or run it while `cutover run` is running");
        }
        Follower follower = new Follower(plan, migration.topics(), migration.id());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        long deadline = followSeconds == null ? Long.MAX_VALUE : System.currentTimeMillis() + followSeconds * 1000L;
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cutover-validate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("validate: following " + migration.topics().rows() + "; every change the sink commits is "
                + "compared with its row in PostgreSQL (Ctrl+C to stop)");
        long[] lastReport = {System.currentTimeMillis()};
        try {
            follower.follow(services.kafka(), services.target()::connect, () -> {
                if (System.currentTimeMillis() - lastReport[0] > 10_000) {
                    lastReport[0] = System.currentTimeMillis();
                    System.out.printf("validate: %,d changes checked, %,d mismatches%n", follower.checked(),
                            follower.mismatches());
                }
                return stop.get() || System.currentTimeMillis() > deadline;
            }, mismatch -> System.out.println("MISMATCH " + mismatch.table() + " " + mismatch.key()
                    + (mismatch.column() == null ? "" : " " + mismatch.column()) + ": change " + mismatch.change()
                    + ", target " + mismatch.target()));
        } catch (SQLException e) {
            throw services.target().failure("following the applied changes", e);
        } finally {
            System.out.printf("validate: %,d changes checked, %,d mismatches%n", follower.checked(), follower.mismatches());
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl+C: the hook is running and waits for this
            }
        }
        return follower.mismatches() == 0 ? 0 : ErrorCode.DATA_ERRORS.exitCode();
    }

    /**
     * Where PostgreSQL and Kafka are: given, the running migration's, or the work directory's embedded ones (started
     * for the validation when no run is using them, and stopped after).
     */
    private record Services(PgTarget target, String kafka, EmbeddedPostgres postgres, EmbeddedKafka broker)
            implements AutoCloseable {

        /** @param given the --target, or null */
        static Services resolve(PgTarget given, String kafka, WorkDir work, Optional<RunInfo> live, boolean follow) {
            EmbeddedPostgres postgres = null;
            EmbeddedKafka broker = null;
            try {
                PgTarget target;
                if (given != null) {
                    target = given;
                    target.probe();
                } else if (live.isPresent() && live.get().embeddedPostgres()) {
                    target = PgTarget.of("localhost", embeddedPort(work), "postgres", "postgres", null);
                    target.probe();
                } else if (live.isEmpty() && Files.isDirectory(work.postgres())) {
                    postgres = EmbeddedPostgres.start(work.postgres());
                    target = postgres.target();
                } else {
                    throw CutoverException.usage("--target is needed: " + (live.isPresent()
                            ? "the running migration writes to a PostgreSQL given with --target; give the same URL"
                            : "there is no embedded PostgreSQL in " + work.root() + " (give the --work DIR of the migration, or --target URL)"));
                }
                if (kafka == null && live.isPresent()) {
                    kafka = live.get().kafka();
                } else if (kafka == null && !follow && Files.isDirectory(work.kafka())
                        && work.existingMigration().isPresent()) {
                    broker = EmbeddedKafka.start(work.kafka(), 64 << 20);
                    kafka = broker.bootstrapServers();
                }
                return new Services(target, kafka, postgres, broker);
            } catch (RuntimeException e) {
                new Services(null, null, postgres, broker).close();
                throw e;
            }
        }

        private static int embeddedPort(WorkDir work) {
            try {
                return Integer.parseInt(Files.readString(work.postgres().resolve("port"), StandardCharsets.US_ASCII).trim());
            } catch (IOException | NumberFormatException e) {
                throw CutoverException.config("cannot read the embedded PostgreSQL's port from " + work.postgres()
                        + "; give --target");
            }
        }

        @Override
        public void close() {
            if (broker != null) {
                broker.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
