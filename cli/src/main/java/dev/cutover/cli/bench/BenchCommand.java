package dev.cutover.cli.bench;

import dev.cutover.cli.ClassArchive;
import dev.cutover.cli.runtime.EmbeddedPostgres;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover bench}: generates a reproducible application database, then loads it into one PostgreSQL server with
 * each loader in turn — pgloader (when installed), {@code cutover run --once} (full pipeline, embedded Kafka),
 * {@code cutover export --out - | psql} (the same plan and conversions without Kafka) and plain COPY of pre-made files
 * with psql (the physical ceiling) — and prints wall time, rows/s, MB/s and peak memory. {@code --workload documents}
 * measures NextCRM's documents instead ({@link DocumentBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark cutover against pgloader and plain COPY on a generated database (not part of the tests).")
public final class BenchCommand implements Callable<Integer> {
    private static final List<String> LOADERS = List.of("pgloader", "cutover", "export", "copy");
    private static final List<String> WORKLOADS = List.of("tables", "documents");

    @Option(names = "--workload", defaultValue = "tables", paramLabel = "tables|documents",
            description = "tables: a generated SQLite application database; documents: NextCRM's documents (29 Prisma "
                    + "models and their many-to-many lists) from a JSON directory and from an in-process MongoDB test "
                    + "server, each against COPY of the same rows, live latency on the test server (default: "
                    + "${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--scale", defaultValue = "1", description = "Size: 1 is about 1.2 million rows; with --workload documents "
            + "20,000 documents of each model, about 1 million documents and array pairs (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--mongo-scale", defaultValue = "0.1", description = "With --workload documents: the size loaded into "
            + "the MongoDB test server, on --scale's scale; 0 leaves MongoDB out (default: ${DEFAULT-VALUE}).")
    double mongoScale;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--source", paramLabel = "FILE",
            description = "Benchmark this SQLite file instead of a generated one (e.g. Chinook).")
    Path sourceFile;

    @Option(names = "--work", defaultValue = "bench-work", description = "Where the database, server and logs go (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--loaders", split = ",", defaultValue = "pgloader,cutover,export,copy", arity = "0..*",
            description = "Loaders to run, in order (default: ${DEFAULT-VALUE}).")
    List<String> loaders;

    @Option(names = "--live-rates", split = ",", paramLabel = "N|max",
            description = "Also measure live-change latency at these write rates (operations/s), e.g. 200,2000; max "
                    + "writes as fast as one writer can.")
    List<String> liveRates = List.of();

    @Option(names = "--live-seconds", defaultValue = "20", description = "How long each live rate writes (default: ${DEFAULT-VALUE}).")
    int liveSeconds;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "Run the loaders N times, interleaved (each round runs every loader once), and print the median "
                    + "of each; wall times on a shared machine vary by about ±15%% from run to run (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--cutover-java-opts", defaultValue = "-XX:TieredStopAtLevel=1",
            description = "JVM options for the measured cutover process (default: ${DEFAULT-VALUE}, what ./cutover uses).")
    String cutoverJavaOpts;

    private List<String> tables;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || rounds > 50) {
            throw CutoverException.usage("--rounds " + rounds + " is out of range; use 1 to 50 (3 or 5 give a useful median)");
        }
        if (!WORKLOADS.contains(workload)) {
            throw CutoverException.usage("--workload " + workload + " is not a workload; use tables or documents");
        }
        List<Integer> rates = liveRates.stream().map(BenchCommand::rate).toList();
        if (workload.equals("documents")) {
            return new DocumentBench(this, rates).run();
        }
        for (String loader : loaders) {
            if (!LOADERS.contains(loader)) {
                throw CutoverException.usage("--loaders: unknown loader '" + loader + "'; use any of " + String.join(", ", LOADERS));
            }
        }
        Files.createDirectories(work);
        Path database = sourceFile != null ? sourceFile.toAbsolutePath()
                : work.resolve("app-s" + scale + "-seed" + seed + ".db").toAbsolutePath();
        if (sourceFile == null) {
            ensureDatabase(new AppDatabaseGenerator(seed, scale), database);
        }
        Source source = Sources.parse("sqlite:" + database);
        tables = source.plan(PlanOptions.defaults()).tables().stream().map(t -> t.target()).toList();
        long rows = source.rowCounts(tables).values().stream().mapToLong(Long::longValue).sum();
        double megabytes = Files.size(database) / 1048576.0;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(work.resolve("postgres"))) {
            System.out.printf("Benchmark: %s (%,d rows, %.1f MB SQLite file), into %s%n%n",
                    sourceFile != null ? database.getFileName() : "scale " + scale + ", seed " + seed, rows, megabytes,
                    postgres.target());
            if (loaders.contains("cutover")) {
                recordClassArchive(database, postgres.target());
            }
            Map<String, List<Result>> results = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) {
                    System.out.printf("round %d of %d%n", round, rounds);
                }
                for (String loader : loaders) {
                    Result result = load(loader, database, postgres.target());
                    if (result != null) {
                        results.computeIfAbsent(loader, k -> new ArrayList<>()).add(result);
                        print(loader, result, rows, megabytes);
                        if (loader.equals("cutover")) {
                            phases(result.process().log()).ifPresent(line -> System.out.println("          " + line));
                        }
                    }
                }
            }
            Map<String, Result> typical = new LinkedHashMap<>();
            results.forEach((loader, runs) -> typical.put(loader, Result.median(runs)));
            if (rounds > 1) {
                System.out.printf("%nmedian of %d rounds (peak RSS: the highest)%n", rounds);
                typical.forEach((loader, result) -> print(loader, result, rows, megabytes));
            }
            ratios(typical);
            live(postgres.target(), rates);
        }
        return 0;
    }

    /** One measured load into a fresh database, left settled for the next; null when the loader is not installed. */
    private Result load(String loader, Path database, PgTarget server) throws Exception {
        PgTarget target = freshDatabase(server, "bench_" + loader);
        MeasuredProcess measured = switch (loader) {
            case "pgloader" -> pgloader(database, target);
            case "cutover" -> cutover(database, target);
            case "export" -> export(database, target);
            case "copy" -> copy(database, target);
            default -> throw new IllegalStateException("loader " + loader + " was not checked");
        };
        if (measured == null) {
            return null;
        }
        Result result = new Result(measured, countRows(target));
        settle(target);
        return result;
    }

    private static void ensureDatabase(AppDatabaseGenerator generator, Path database) throws Exception {
        if (!Files.exists(database)) {
            System.out.printf("generating %s ...%n", database.getFileName());
            generator.generate(database);
        }
    }

    private MeasuredProcess pgloader(Path database, PgTarget target) throws Exception {
        Path binary = Path.of("/usr/bin/pgloader");
        if (!Files.isExecutable(binary)) {
            System.out.println("pgloader   skipped: not installed (apt-get install pgloader)");
            return null;
        }
        return MeasuredProcess.run(List.of(binary.toString(), "sqlite://" + database, url(target)), log("pgloader"));
    }

    /**
     * Measured runs map the class archive that {@code ./cutover} keeps for the jar, as a user's runs do; when this build
     * has none yet, an unmeasured first run records it (the launcher would have the user's first run record it).
     */
    private void recordClassArchive(Path database, PgTarget server) throws Exception {
        List<String> options = ClassArchive.recordOptions();
        if (options.isEmpty() || ClassArchive.agent(List.of(cutoverJavaOpts.trim().split("\\s+"))) != null) {
            return;
        }
        System.out.println("cutover    first an unmeasured run that records the class archive (once per build)");
        PgTarget target = freshDatabase(server, "bench_cutover");
        MeasuredProcess run = cutover(database, target, options, "cutover-record");
        settle(target); // a load like the measured ones: the next loader must not pay for it either
        if (ClassArchive.useOptions().isEmpty()) {
            System.out.printf("cutover    class archive not recorded (exit %d; see %s); runs load every class from the jar%n",
                    run.exitCode(), run.log());
        }
    }

    private MeasuredProcess cutover(Path database, PgTarget target) throws Exception {
        return cutover(database, target, List.of(), "cutover");
    }

    private MeasuredProcess cutover(Path database, PgTarget target, List<String> javaOptions, String logName)
            throws Exception {
        Path runWork = work.resolve("cutover-run");
        deleteRecursively(runWork);
        List<String> command = javaCommand(javaOptions);
        // the migration is what is compared: pgloader copies no backup first
        command.addAll(List.of("run", "--once", "--no-backup", "--source", "sqlite:" + database, "--target",
                url(target), "--work", runWork.toString()));
        return MeasuredProcess.run(command, log(logName));
    }

    /**
     * What the snapshot path costs without Kafka: {@code cutover export --out -} (the same plan, profile and conversions
     * as {@code run}, keys built after the rows) piped into psql, so the rows load while they are read.
     */
    private MeasuredProcess export(Path database, PgTarget target) throws Exception {
        Path psql = Path.of("/usr/bin/psql");
        if (!Files.isExecutable(psql)) {
            System.out.println("export     skipped: the psql client is not installed");
            return null;
        }
        List<String> export = javaCommand(List.of());
        export.addAll(List.of("export", "--source", "sqlite:" + database, "--out", "-"));
        return MeasuredProcess.pipe(export, psql(psql, target), log("export"));
    }

    static List<String> psql(Path psql, PgTarget target) {
        return new ArrayList<>(List.of(psql.toString(), "-q", "-v", "ON_ERROR_STOP=1", "-h", target.host(), "-p",
                Integer.toString(target.port()), "-U", target.user(), "-d", target.database()));
    }

    /** The ceiling: the same rows as pre-made COPY data (written by `cutover export`, not timed), loaded by psql. */
    private MeasuredProcess copy(Path database, PgTarget target) throws Exception {
        Path psql = Path.of("/usr/bin/psql");
        if (!Files.isExecutable(psql)) {
            System.out.println("copy       skipped: the psql client is not installed");
            return null;
        }
        Path file = work.resolve("app-copy.sql").toAbsolutePath();
        Source source = Sources.parse("sqlite:" + database);
        new dev.cutover.cli.SqlExport(source, source.plan(PlanOptions.defaults()), file).write();
        List<String> command = psql(psql, target);
        command.addAll(List.of("-f", file.toString()));
        return MeasuredProcess.run(command, log("copy"));
    }

    /** A --live-rates value: a positive number of operations a second, or max (0: unpaced). */
    static int rate(String value) {
        if (value.equals("max")) {
            return 0;
        }
        try {
            int rate = Integer.parseInt(value);
            if (rate > 0) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw CutoverException.usage("--live-rates " + value + " is not a rate; use a positive number of writes a "
                + "second or max, e.g. --live-rates 200,max");
    }

    /** Live latency at each rate, on a small generated database (its size does not matter for latency). */
    private void live(PgTarget server, List<Integer> liveRates) throws Exception {
        if (liveRates.isEmpty()) {
            return;
        }
        Path database = work.resolve("app-live-seed" + seed + ".db").toAbsolutePath();
        ensureDatabase(new AppDatabaseGenerator(seed, 0.01), database);
        System.out.println();
        for (int rate : liveRates) {
            PgTarget target = freshDatabase(server, "bench_live_" + rate);
            Path dir = work.resolve("live-" + rate).toAbsolutePath();
            deleteRecursively(dir);
            System.out.println(dev.cutover.cli.LiveBench.run(database, target, dir, javaCommand(List.of()), rate, liveSeconds));
        }
    }

    /** The measured JVM: the class archive's options, then --cutover-java-opts (which may override them), then extra. */
    List<String> javaCommand(List<String> extraOptions) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ClassArchive.useOptions());
        if (!cutoverJavaOpts.isBlank()) {
            command.addAll(List.of(cutoverJavaOpts.trim().split("\\s+")));
        }
        command.addAll(extraOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.cutover.cli.Main"));
        return command;
    }

    Path log(String loader) {
        return work.resolve(loader + ".log").toAbsolutePath();
    }

    static String url(PgTarget target) {
        return "postgresql://" + target.user() + "@" + target.host() + ":" + target.port() + "/" + target.database();
    }

    static PgTarget freshDatabase(PgTarget server, String name) throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
        return PgTarget.of(server.host(), server.port(), name, server.user(), null);
    }

    /**
     * Leaves the server quiet for the next loader (untimed): the load just measured is vacuumed and analyzed now, so
     * autovacuum has nothing left to do in it while the next one runs, and a checkpoint writes its dirty pages. Without
     * this, whoever runs after a load pays for part of it.
     */
    static void settle(PgTarget target) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
            s.execute("CHECKPOINT");
        }
    }

    /** Rows in the target's tables of the source's names (pgloader lower-cases names; both spellings are tried). */
    private long countRows(PgTarget target) {
        long rows = 0;
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                String name = exists(c, table) ? "\"" + table + "\"" : "\"" + table.toLowerCase(java.util.Locale.ROOT) + "\"";
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM public." + name)) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            return -1;
        }
        return rows;
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "public.\"" + table + "\"");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    record Result(MeasuredProcess process, long rowsLoaded) {
        /** The median wall time, CPU time and rows loaded of several runs, the highest peak RSS and exit code. */
        static Result median(List<Result> runs) {
            List<MeasuredProcess> processes = runs.stream().map(Result::process).toList();
            MeasuredProcess first = processes.get(0);
            MeasuredProcess typical = new MeasuredProcess(first.command(),
                    processes.stream().mapToInt(MeasuredProcess::exitCode).max().orElse(0),
                    Stats.median(processes, MeasuredProcess::seconds), Stats.median(processes, MeasuredProcess::cpuSeconds),
                    processes.stream().mapToLong(MeasuredProcess::peakRssKb).max().orElse(0), first.log());
            return new Result(typical, Math.round(Stats.median(runs, r -> (double) r.rowsLoaded())));
        }
    }

    static void print(String loader, Result result, long rows, double megabytes) {
        MeasuredProcess p = result.process();
        System.out.printf("%-9s %7.1f s %10s rows/s %7.2f MB/s  cpu %6.1f s  peak RSS %6.0f MB  rows loaded %,d/%,d  "
                        + "exit %d  (log %s)%n",
                loader, p.seconds(), String.format("%,d", Math.round(rows / p.seconds())), megabytes / p.seconds(),
                p.cpuSeconds(), p.peakRssKb() / 1024.0, result.rowsLoaded(), rows, p.exitCode(), p.log().getFileName());
    }

    /** The phases line of cutover's summary ({@code time: plan 3.3 s, ...}), if its log has one. */
    static Optional<String> phases(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.map(String::strip).filter(line -> line.startsWith("time: ")).findFirst();
        }
    }

    /** cutover's wall time against pgloader's and COPY's, and export's (cutover without Kafka) against pgloader's. */
    private static void ratios(Map<String, Result> results) {
        for (List<String> pair : List.of(List.of("cutover", "pgloader"), List.of("cutover", "copy"),
                List.of("export", "pgloader"))) {
            Result measured = results.get(pair.get(0));
            Result against = results.get(pair.get(1));
            if (measured != null && against != null) {
                System.out.printf("%s/%s wall time: %.2f%n", pair.get(0), pair.get(1),
                        measured.process().seconds() / against.process().seconds());
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
