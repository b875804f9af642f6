package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.Tasks;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Profiles several tables at once, each scan on its own read-only connection: profiling reads every row, and on a
 * big source it is most of the time planning takes, so tables are spread over the cores. Each table's statistics come
 * from one consistent read of that table; tables are read in separate transactions, which the plan does not need to
 * be consistent across (the data goes on changing until the snapshot anyway, and a value the plan did not foresee is
 * reported by the transform, not lost).
 *
 * <p>Only in WAL mode: there readers never wait for a writer. With a rollback journal, a new reader waits while an
 * application's commit is pending, and that commit waits for the planner's own open read transaction, which waits
 * for the new reader: the application's write would fail with SQLITE_BUSY. So without WAL the tables are profiled
 * one after another on the planner's connection, as before.
 */
final class TableProfiles implements AutoCloseable {
    /** One table to profile. */
    record Request(String table, List<ProfileQuery.Column> columns) {
    }

    private final ExecutorService pool;
    private final List<Future<ProfileQuery.Result>> results = new ArrayList<>();

    private TableProfiles(SqliteSource source, List<Request> requests) {
        int threads = walMode(source)
                ? Math.max(1, Math.min(requests.size(), java.lang.Runtime.getRuntime().availableProcessors())) : 0;
        this.pool = threads == 0 ? null : Tasks.daemonPool(threads, "cutover-profile");
        for (Request request : requests) {
            if (pool == null) {
                FutureTask<ProfileQuery.Result> inline = new FutureTask<>(() -> profile(source, request));
                inline.run();
                results.add(inline);
            } else {
                results.add(pool.submit(() -> profile(source.file(), request)));
            }
        }
    }

    /** Starts profiling every requested table; {@link #get} returns each result in request order. */
    static TableProfiles start(SqliteSource source, List<Request> requests) {
        return new TableProfiles(source, requests);
    }

    private static boolean walMode(SqliteSource source) {
        try (Statement statement = source.connection().createStatement();
             ResultSet result = statement.executeQuery("PRAGMA journal_mode")) {
            return result.next() && "wal".equalsIgnoreCase(result.getString(1));
        } catch (SQLException e) {
            throw source.failed("reading the journal mode", e);
        }
    }

    private static ProfileQuery.Result profile(Path file, Request request) {
        try (SqliteSource source = SqliteSource.open(file)) {
            return profile(source, request);
        }
    }

    private static ProfileQuery.Result profile(SqliteSource source, Request request) {
        try {
            return ProfileQuery.run(source.connection(), request.table(), request.columns());
        } catch (SQLException e) {
            throw source.failed("profiling table " + request.table(), e);
        }
    }

    ProfileQuery.Result get(int index) {
        return Tasks.result(results.get(index), "profiling the source");
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
