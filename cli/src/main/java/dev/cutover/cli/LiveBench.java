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
 * The live half of the benchmark: with {@code cutover run} streaming (a separate process), a writer commits
 * single-row transactions to the SQLite file at a steady rate; the run's own status reports the latency from each
 * source change to its PostgreSQL commit (p50, p99, max) and whether the pipeline kept up.
 */
public final class LiveBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One rate's outcome. */
    public record Result(int rate, int seconds, long written, double achievedRate, Latencies.Summary latency,
                         long maxLagEvents, double catchUpSeconds) {
        public boolean keptUp() {
            return catchUpSeconds < 2.0;
        }

        @Override
        public String toString() {
            return String.format("live %,6d writes/s for %d s: wrote %,d (%,.0f/s)  latency p50 %s ms  p99 %s ms  max %s ms"
                            + "  max lag %,d events  caught up %.1f s after the last write  %s",
                    rate, seconds, written, achievedRate, latency == null ? "-" : latency.p50(),
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
        Path runWork = work.resolve("work");
        List<String> command = new ArrayList<>(javaArgs);
        command.addAll(List.of("run", "--no-backup", "--source", "sqlite:" + copy, "--target", target.toString(),
                "--work", runWork.toString()));
        Process cutover = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("cutover.log").toFile()).start();
        try {
            awaitStreaming(cutover, work.resolve("cutover.log"));
            WorkDir runDir = new WorkDir(runWork);
            long maxLag = 0;
            long written = 0;
            long started = System.nanoTime();
            try (Writer writer = new Writer(copy)) {
                long interval = 1_000_000_000L / rate;
                long next = System.nanoTime();
                long lastStatus = 0;
                while (System.nanoTime() - started < seconds * 1_000_000_000L) {
                    writer.write();
                    written++;
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
            }
            double writeSeconds = (System.nanoTime() - started) / 1e9;
            long writesEnded = System.nanoTime();
            RunStatus status = status(runDir);
            while (status.lag().events() > 0 && System.nanoTime() - writesEnded < 120_000_000_000L) {
                Thread.sleep(50);
                status = status(runDir);
            }
            double catchUp = (System.nanoTime() - writesEnded) / 1e9;
            RunClient.of(runDir, "bench").post("/stop");
            cutover.waitFor();
            return new Result(rate, seconds, written, written / writeSeconds, status.latencyMs(), maxLag, catchUp);
        } finally {
            cutover.destroy();
        }
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
    private static final class Writer implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement insertOrder;
        private final PreparedStatement insertItem;
        private final PreparedStatement updateOrder;
        private final Random random = new Random(3);
        private long nextOrder;

        Writer(Path file) throws SQLException {
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

        void write() throws SQLException {
            if (random.nextInt(3) == 0 && nextOrder > 2) {
                updateOrder.setLong(1, 1 + random.nextInt((int) nextOrder - 1));
                updateOrder.executeUpdate();
                return;
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
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
