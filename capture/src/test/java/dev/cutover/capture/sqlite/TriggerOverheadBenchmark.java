package dev.cutover.capture.sqlite;

import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What capture's triggers cost the application's writes: an insert-heavy workload in WAL mode, once without and once
 * with capture installed, as single-row transactions and as batched transactions. Not part of the suite (its name
 * matches no test pattern); run it with
 * {@code ./mvnw -q -o -pl capture -am test -Dtest=TriggerOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and {@code -Dcutover.benchmark.rows=N} (default 200000), {@code -Dcutover.benchmark.synchronous=FULL|NORMAL}
 * (default NORMAL, the usual setting with WAL; FULL adds an fsync to every commit) and
 * {@code -Dcutover.benchmark.repeats=N} (default 3; runs with and without capture alternate, each figure is the
 * median of the repeats, each run on a fresh file).
 */
class TriggerOverheadBenchmark {
    private static final int ROWS = Integer.getInteger("cutover.benchmark.rows", 200_000);
    private static final String SYNCHRONOUS = System.getProperty("cutover.benchmark.synchronous", "NORMAL");
    private static final int REPEATS = Integer.getInteger("cutover.benchmark.repeats", 3);
    private static final int BATCH = 1000;

    @TempDir
    Path dir;
    private int files;

    private record Result(double singleSeconds, long p50Nanos, long p99Nanos, double batchedSeconds) {
    }

    @Test
    void measure() throws SQLException {
        run("plain", false, 20_000);
        System.out.printf(Locale.ROOT, "%d rows per run, WAL, synchronous=%s, batches of %d, median of %d runs%n",
                ROWS, SYNCHRONOUS, BATCH, REPEATS);
        System.out.println("table   capture  single-row tx: rows/s   µs/row  p50 µs  p99 µs | batched: rows/s  µs/row");
        for (String table : List.of("plain", "unique")) {
            List<Result> off = new ArrayList<>();
            List<Result> on = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                off.add(run(table, false, ROWS));
                on.add(run(table, true, ROWS));
            }
            Result without = median(off);
            Result with = median(on);
            print(table, "off", without);
            print(table, "on", with);
            System.out.printf(Locale.ROOT, "%-7s overhead single-row %+.1f%% (p50 %+.1f µs, p99 %+.1f µs), batched %+.1f%%%n",
                    table, 100 * (with.singleSeconds() / without.singleSeconds() - 1),
                    (with.p50Nanos() - without.p50Nanos()) / 1000.0, (with.p99Nanos() - without.p99Nanos()) / 1000.0,
                    100 * (with.batchedSeconds() / without.batchedSeconds() - 1));
        }
    }

    private static Result median(List<Result> results) {
        return new Result(median(results, Result::singleSeconds), (long) median(results, r -> r.p50Nanos()),
                (long) median(results, r -> r.p99Nanos()), median(results, Result::batchedSeconds));
    }

    private static double median(List<Result> results, ToDoubleFunction<Result> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static void print(String table, String capture, Result r) {
        System.out.printf(Locale.ROOT, "%-7s %-7s  %20.0f %8.2f %7.1f %7.1f | %15.0f %7.2f%n", table, capture,
                ROWS / r.singleSeconds(), r.singleSeconds() * 1e6 / ROWS, r.p50Nanos() / 1000.0, r.p99Nanos() / 1000.0,
                ROWS / r.batchedSeconds(), r.batchedSeconds() * 1e6 / ROWS);
    }

    /** "plain": a typical event table with a secondary index; "unique": the same with a UNIQUE column too. */
    private Result run(String table, boolean capture, int rows) throws SQLException {
        Path single = database(table, capture);
        Path batched = database(table, capture);
        long[] latencies = new long[rows];
        double singleSeconds = insert(single, rows, 1, latencies);
        double batchedSeconds = insert(batched, rows, BATCH, null);
        Arrays.sort(latencies);
        return new Result(singleSeconds, latencies[rows / 2], latencies[(int) (rows * 0.99)], batchedSeconds);
    }

    private Path database(String table, boolean capture) {
        Path file = dir.resolve("bench" + files++ + ".db");
        String unique = table.equals("unique") ? ", uuid TEXT UNIQUE" : "";
        Sql.create(file, "PRAGMA journal_mode = WAL",
                "CREATE TABLE event (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, kind TEXT NOT NULL, "
                        + "payload TEXT, created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
                        + unique + ")",
                "CREATE INDEX event_user ON event (user_id, created_at)");
        if (capture) {
            SqliteChangeLog.install(new SqliteSource(file), SqlitePlanner.plan(file, null));
        }
        return file;
    }

    private static double insert(Path file, int rows, int perTransaction, long[] latencies) throws SQLException {
        try (Sql app = new Sql(file).execute("PRAGMA synchronous = " + SYNCHRONOUS)) {
            Connection connection = app.connection();
            boolean unique = ((Number) app.value(
                    "SELECT count(*) FROM pragma_table_info('event') WHERE name = 'uuid'")).intValue() == 1;
            String sql = unique ? "INSERT INTO event(user_id, kind, payload, uuid) VALUES (?, ?, ?, ?)"
                    : "INSERT INTO event(user_id, kind, payload) VALUES (?, ?, ?)";
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                long start = System.nanoTime();
                for (int i = 0; i < rows; i += perTransaction) {
                    long t0 = System.nanoTime();
                    if (perTransaction > 1) {
                        app.execute("BEGIN");
                    }
                    for (int j = i; j < Math.min(rows, i + perTransaction); j++) {
                        insert.setInt(1, j % 5000);
                        insert.setString(2, j % 3 == 0 ? "click" : "view");
                        insert.setString(3, "{\"page\":\"/items/" + j + "\",\"ms\":" + (j % 977) + "}");
                        if (unique) {
                            insert.setString(4, "u-" + Integer.toHexString(j * 31 + 7) + "-" + j);
                        }
                        insert.executeUpdate();
                    }
                    if (perTransaction > 1) {
                        app.execute("COMMIT");
                    } else {
                        latencies[i] = System.nanoTime() - t0;
                    }
                }
                return (System.nanoTime() - start) / 1e9;
            }
        }
    }
}
