package dev.cutover.cli.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.cutover.capture.document.plan.NextCrmDocuments;
import dev.cutover.cli.LiveBench;
import dev.cutover.cli.bench.BenchCommand.Result;
import dev.cutover.cli.runtime.EmbeddedPostgres;
import dev.cutover.sink.PgTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * {@code cutover bench --workload documents}: NextCRM's documents ({@link NextCrmDocuments}, every model of its Prisma
 * schema, many-to-many lists on both sides) through the whole pipeline ({@code plan --prisma}, then
 * {@code run --once}), from a JSON directory and from the in-process MongoDB test server (mongo-java-server, H2 file,
 * oplog on, in this process), each against plain COPY of the same rows from pre-made files; then live latency on the
 * test server at each {@code --live-rates} rate with NextCRM's application mix ({@link MongoLiveWriter}).
 */
final class DocumentBench {
    /** Documents of each model at scale 1: about a million documents and array pairs. */
    static final int PER_MODEL_AT_SCALE_1 = 20_000;
    /** The live runs' database: its size does not matter for latency. */
    private static final int LIVE_PER_MODEL = 100;
    private static final String DATABASE = "nextcrm";
    private static final int INSERT_BATCH = 1000;

    private final BenchCommand bench;
    private final List<Integer> liveRates;
    private final Map<String, Result> results = new LinkedHashMap<>();
    private Path schema;

    DocumentBench(BenchCommand bench, List<Integer> liveRates) {
        this.bench = bench;
        this.liveRates = liveRates;
    }

    /** Documents of each model at {@code scale}. */
    static int perModel(double scale) {
        return (int) Math.round(PER_MODEL_AT_SCALE_1 * scale);
    }

    int run() throws Exception {
        Files.createDirectories(bench.work);
        schema = NextCrmDocuments.writeSchema(bench.work).toAbsolutePath();
        Path files = DocumentFiles.ensure(bench.work, bench.seed, perModel(bench.scale));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(bench.work.resolve("postgres"))) {
            System.out.printf("Benchmark: NextCRM documents, %,d of each of its 29 models (scale %s, seed %d), "
                    + "%.1f MB of JSON lines, into %s%n%n", perModel(bench.scale), bench.scale, bench.seed,
                    DocumentFiles.megabytes(files), postgres.target());
            loads("jsondir", "jsondir:" + files, DocumentFiles.megabytes(files), postgres.target());
            if (bench.mongoScale > 0) {
                mongo(postgres.target());
            }
            live(postgres.target());
            System.out.println();
            ratio("jsondir", "jsondir-copy");
            ratio("mongodb", "mongodb-copy");
        }
        return 0;
    }

    /** The source loaded by cutover, then the same rows by COPY from files saved from cutover's load. */
    private void loads(String name, String source, double megabytes, PgTarget server) throws Exception {
        PgTarget target = BenchCommand.freshDatabase(server, "bench_" + name.replace('-', '_'));
        Result cutover = new Result(cutover(name, source, target), CopyFiles.rows(target));
        report(name, cutover, cutover.rowsLoaded(), megabytes);
        BenchCommand.phases(cutover.process().log()).ifPresent(line -> System.out.println("          " + line));
        Path script = CopyFiles.write(target, runWork(name).resolve("migrations"), bench.work.resolve(name + "-copy"));
        BenchCommand.settle(target);
        PgTarget copyTarget = BenchCommand.freshDatabase(server, "bench_" + name.replace('-', '_') + "_copy");
        List<String> command = BenchCommand.psql(Path.of("/usr/bin/psql"), copyTarget);
        command.addAll(List.of("-f", script.toString()));
        Result copy = new Result(MeasuredProcess.run(command, bench.log(name + "-copy")), CopyFiles.rows(copyTarget));
        report(name + "-copy", copy, cutover.rowsLoaded(), megabytes);
        BenchCommand.settle(copyTarget);
    }

    /** {@code plan --prisma} and {@code run --once}, measured as one. */
    private MeasuredProcess cutover(String name, String source, PgTarget target) throws Exception {
        Path work = runWork(name);
        BenchCommand.deleteRecursively(work);
        List<String> plan = bench.javaCommand(List.of());
        plan.addAll(List.of("plan", "--source", source, "--prisma", schema.toString(), "--target",
                BenchCommand.url(target), "--work", work.toString()));
        MeasuredProcess planned = MeasuredProcess.run(plan, bench.log(name + "-plan"));
        List<String> run = bench.javaCommand(List.of());
        run.addAll(List.of("run", "--once", "--source", source, "--target", BenchCommand.url(target), "--work",
                work.toString()));
        return planned.then(MeasuredProcess.run(run, bench.log(name)));
    }

    private Path runWork(String name) {
        return bench.work.resolve(name + "-run").toAbsolutePath();
    }

    private void report(String name, Result result, long rows, double megabytes) {
        results.put(name, result);
        BenchCommand.print(name, result, rows, megabytes);
    }

    /** A fresh test server loaded at --mongo-scale, migrated and copied. */
    private void mongo(PgTarget server) throws Exception {
        Path files = DocumentFiles.ensure(bench.work, bench.seed, perModel(bench.mongoScale));
        try (TestServer mongo = TestServer.start(bench.work.resolve("mongo.mv"))) {
            System.out.println();
            load(mongo.database(DATABASE), files, "mongodb   test server (in the bench's process, H2 file, oplog on): "
                    + perModel(bench.mongoScale) + " of each model (--mongo-scale " + bench.mongoScale + ")");
            loads("mongodb", mongo.uri(DATABASE), DocumentFiles.megabytes(files), server);
        }
    }

    /**
     * Live latency at each rate on a fresh test server of its own with a small database, since every change-stream poll
     * of this server reads its whole oplog: the oplog a load or an earlier rate left would decide the latency.
     */
    private void live(PgTarget server) throws Exception {
        if (liveRates.isEmpty()) {
            return;
        }
        Path files = DocumentFiles.ensure(bench.work, bench.seed, LIVE_PER_MODEL);
        System.out.println();
        for (int rate : liveRates) {
            try (TestServer mongo = TestServer.start(bench.work.resolve("live-mongo.mv"))) {
                load(mongo.database(DATABASE), files, "live      a test server of its own: " + LIVE_PER_MODEL
                        + " of each model");
                live(mongo.uri(DATABASE), server, rate);
            }
        }
    }

    /** Inserts every collection file's documents in batches, untimed by the benchmark but reported. */
    private static void load(MongoDatabase database, Path files, String what) throws IOException {
        long started = System.nanoTime();
        long documents = 0;
        for (Path file : DocumentFiles.files(files)) {
            MongoCollection<BsonDocument> collection = database.getCollection(DocumentFiles.collection(file),
                    BsonDocument.class);
            List<BsonDocument> batch = new ArrayList<>();
            try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    batch.add(BsonDocument.parse(line));
                    if (batch.size() == INSERT_BATCH) {
                        collection.insertMany(batch);
                        documents += batch.size();
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
                documents += batch.size();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%s: loaded %,d documents in %.1f s (%,.0f documents/s)%n", what, documents, seconds,
                documents / seconds);
    }

    /** One rate against a fresh database: planned (untimed), then streamed while the writer writes. */
    private void live(String uri, PgTarget server, int rate) throws Exception {
        PgTarget target = BenchCommand.freshDatabase(server, "bench_live_" + rate);
        Path dir = bench.work.resolve("live-mongodb-" + rate).toAbsolutePath();
        BenchCommand.deleteRecursively(dir);
        List<String> plan = bench.javaCommand(List.of());
        plan.addAll(List.of("plan", "--source", uri, "--prisma", schema.toString(), "--work",
                dir.resolve("work").toString()));
        MeasuredProcess planned = MeasuredProcess.run(plan, bench.log("live-plan"));
        if (planned.exitCode() != 0) {
            System.out.println("live      plan failed; see " + planned.log());
            return;
        }
        LiveBench.Setup setup = new LiveBench.Setup(uri, target, dir.resolve("work"), dir.resolve("cutover.log"),
                bench.javaCommand(List.of()));
        System.out.println(LiveBench.run(setup, t -> MongoLiveWriter.open(uri, DATABASE, bench.seed, t), rate,
                bench.liveSeconds));
    }

    private void ratio(String measured, String against) {
        Result m = results.get(measured);
        Result a = results.get(against);
        if (m != null && a != null) {
            System.out.printf("%s/%s wall time: %.2f  (rows/s: %.4f)%n", measured, against,
                    m.process().seconds() / a.process().seconds(), a.process().seconds() / m.process().seconds());
        }
    }

    /** The MongoDB test server in this process on a fresh H2 file, oplog on, on a free local port. */
    private record TestServer(MongoServer server, MongoClient client, String address, Path file)
            implements AutoCloseable {
        static TestServer start(Path file) throws IOException {
            Files.deleteIfExists(file);
            MongoServer server = new MongoServer(new H2Backend(file.toAbsolutePath().toString()));
            server.enableOplog();
            InetSocketAddress bound = server.bind();
            String address = "mongodb://127.0.0.1:" + bound.getPort() + "/";
            return new TestServer(server, MongoClients.create(address), address, file);
        }

        String uri(String database) {
            return address + database;
        }

        MongoDatabase database(String name) {
            return client.getDatabase(name);
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.shutdownNow();
            System.out.printf("(the test server's file: %.0f MB)%n", Files.size(file) / 1048576.0);
        }
    }
}
