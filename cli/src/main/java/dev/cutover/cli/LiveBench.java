package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The live half of the benchmark: with {@code cutover run} streaming (a separate process), a writer changes the source
 * at a steady rate (or as fast as it can); the latency from each source change to PostgreSQL (p50, p99, max) comes from
 * the run's own status or from the writer's own measure, and the result says whether the pipeline kept up.
 */
public final class LiveBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes to the source as an application would. Used by one thread. */
    public interface Writer extends AutoCloseable {
        /** Makes one of the application's operations; returns the source changes (writes) it made. */
        int write() throws SQLException;

        /**
         * The latencies in milliseconds of the changes this writer measured itself once the pipeline caught up, or null
         * when the run's own figures (source commit to PostgreSQL commit) are the measure.
         */
        default long[] latenciesMs() throws SQLException {
            return null;
        }

        @Override
        void close() throws SQLException;
    }

    /** Opens the writer once the run streams, so the target's tables exist. */
    @FunctionalInterface
    public interface WriterFactory {
        Writer open(PgTarget target) throws SQLException;
    }

    /**
     * The measured run: {@code cutover run --source source --target target --work work}, by {@code java} (java binary,
     * JVM options, class path, main class); its output goes to {@code log}.
     */
    public record Setup(String source, PgTarget target, Path work, Path log, List<String> java) {
    }

    /** One rate's outcome; rate 0 is as fast as the writer goes. */
    public record Result(int rate, int seconds, long written, double achievedRate, Latencies.Summary latency,
                         long maxLagEvents, double catchUpSeconds) {
        public boolean keptUp() {
            return catchUpSeconds < 2.0;
        }

        @Override
        public String toString() {
            return String.format("live %6s operations/s for %d s: wrote %,d changes (%,.0f/s)  latency p50 %s ms  p99 %s ms  max %s ms"
                            + "  max lag %,d events  caught up %.1f s after the last write  %s",
                    rate == 0 ? "max" : String.format("%,d", rate), seconds, written, achievedRate, latency == null ? "-" : latency.p50(),
                    latency == null ? "-" : latency.p99(), latency == null ? "-" : latency.max(), maxLagEvents,
                    catchUpSeconds, keptUp() ? "KEPT UP" : "FELL BEHIND");
        }
    }

    private LiveBench() {
    }

    /**
     * @param source   a SQLite application database from {@code AppDatabaseGenerator} (copied, not changed)
     * @param target   an empty database
     * @param javaArgs how to start cutover: java binary, JVM options, classpath, main class
     */
    public static Result run(Path source, PgTarget target, Path work, List<String> javaArgs, int rate, int seconds)
            throws IOException, SQLException, InterruptedException {
        Files.createDirectories(work);
        Path copy = work.resolve("live.db");
        Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Setup setup = new Setup("sqlite:" + copy, target, work.resolve("work"), work.resolve("cutover.log"), javaArgs);
        return run(setup, t -> new SqliteWriter(copy), rate, seconds);
    }

    /** Streams {@code setup}'s run while {@code writers}' writer writes {@code rate} operations a second (0: unpaced). */
    public static Result run(Setup setup, WriterFactory writers, int rate, int seconds)
            throws IOException, SQLException, InterruptedException {
        List<String> command = new ArrayList<>(setup.java());
        command.addAll(List.of("run", "--no-backup", "--source", setup.source(), "--target", setup.target().toString(),
                "--work", setup.work().toString()));
        Process cutover = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(setup.log().toFile())
                .start();
        try {
            awaitStreaming(cutover, setup.log());
            WorkDir runDir = new WorkDir(setup.work());
            try (Writer writer = writers.open(setup.target())) {
                Result result = measure(runDir, writer, rate, seconds);
                RunClient.of(runDir, "bench").post("/stop");
                cutover.waitFor();
                return result;
            }
        } finally {
            cutover.destroy();
        }
    }

    private static Result measure(WorkDir runDir, Writer writer, int rate, int seconds)
            throws IOException, SQLException, InterruptedException {
        long maxLag = 0;
        long written = 0;
        long started = System.nanoTime();
        long interval = rate == 0 ? 0 : 1_000_000_000L / rate;
        long next = System.nanoTime();
        long lastStatus = 0;
        while (System.nanoTime() - started < seconds * 1_000_000_000L) {
            written += writer.write();
            next += interval;
            long now = System.nanoTime();
            if (now - lastStatus > 1_000_000_000L) {
                maxLag = Math.max(maxLag, status(runDir).lag().events());
                lastStatus = now;
            }
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        long writesEnded = System.nanoTime();
        RunStatus status = status(runDir);
        while (status.lag().events() > 0 && System.nanoTime() - writesEnded < 120_000_000_000L) {
            Thread.sleep(50);
            status = status(runDir);
        }
        double catchUp = (System.nanoTime() - writesEnded) / 1e9;
        return new Result(rate, seconds, written, written / writeSeconds, latency(writer, status), maxLag, catchUp);
    }

    private static Latencies.Summary latency(Writer writer, RunStatus status) throws SQLException {
        long[] measured = writer.latenciesMs();
        if (measured == null) {
            return status.latencyMs();
        }
        Latencies latencies = new Latencies();
        latencies.add(measured);
        return latencies.summary();
    }

    private static void awaitStreaming(Process cutover, Path log) throws IOException, InterruptedException {
        while (!Files.readString(log).contains("streaming live changes")) {
            if (!cutover.isAlive()) {
                throw new IllegalStateException("cutover ended before streaming; see " + log);
            }
            Thread.sleep(200);
        }
    }

    private static RunStatus status(WorkDir work) throws IOException {
        return JSON.readValue(RunClient.of(work, "bench").get("/status"), RunStatus.class);
    }

    /** Single-row transactions on the generated schema: new orders with an item, status updates, deletes. */
    private static final class SqliteWriter implements Writer {
        private final Connection connection;
        private final PreparedStatement insertOrder;
        private final PreparedStatement insertItem;
        private final PreparedStatement updateOrder;
        private final Random random = new Random(3);
        private long nextOrder;

        SqliteWriter(Path file) throws SQLException {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA synchronous = NORMAL");
                try (var rs = s.executeQuery("SELECT max(id) FROM orders")) {
                    rs.next();
                    nextOrder = rs.getLong(1) + 1;
                }
            }
            insertOrder = connection.prepareStatement("INSERT INTO orders (id, user_id, status, placed_at, total) "
                    + "VALUES (?, 1, 'new', datetime('now'), ?)");
            insertItem = connection.prepareStatement("INSERT INTO order_items VALUES (?, 1, 1, 1, ?)");
            updateOrder = connection.prepareStatement("UPDATE orders SET status = 'paid' WHERE id = ?");
        }

        @Override
        public int write() throws SQLException {
            if (random.nextInt(3) == 0 && nextOrder > 2) {
                updateOrder.setLong(1, 1 + random.nextInt((int) nextOrder - 1));
                updateOrder.executeUpdate();
                return 1;
            }
            connection.setAutoCommit(false);
            long id = nextOrder++;
            double price = random.nextInt(10_000) / 100.0;
            insertOrder.setLong(1, id);
            insertOrder.setDouble(2, price);
            insertOrder.executeUpdate();
            insertItem.setLong(1, id);
            insertItem.setDouble(2, price);
            insertItem.executeUpdate();
            connection.commit();
            connection.setAutoCommit(true);
            return 1;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
