package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.Tasks;
import dev.cutover.schemas.plan.Identifiers;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Profiles several tables at once, each scan on its own read-only connection: profiling reads every row, and on a
 * big source it is most of the time planning takes, so tables are spread over the cores, biggest first, and a table
 * big enough to keep a core busy on its own is split by rowid into one part per core (so a source with one big table
 * uses every core too; sources whose tables already keep every core busy gain nothing). Tables and parts are read in
 * separate transactions, which the plan does not need to be consistent across (the data goes on changing until the
 * snapshot anyway, and a value the plan did not foresee is reported by the transform, not lost).
 *
 * <p>Only in WAL mode: there readers never wait for a writer. With a rollback journal, a new reader waits while an
 * application's commit is pending, and that commit waits for the planner's own open read transaction, which waits
 * for the new reader: the application's write would fail with SQLITE_BUSY. So without WAL the tables are profiled
 * one after another on the planner's connection, as before.
 */
final class TableProfiles implements AutoCloseable {
    /** A table is split into parts of at least this many rowids (and at most one per core). */
    static final long MIN_PART_ROWS = 50_000;

    /**
     * One table to profile.
     *
     * @param rowidAlias a name of the table's rowid (one no column has), or null when it cannot be split by rowid
     *                   (WITHOUT ROWID, virtual, or every alias taken by a column)
     */
    record Request(String table, List<ProfileQuery.Column> columns, String rowidAlias) {
    }

    /** A scan to run: a table (range null) or a part of one, with its size in rowids (the biggest run first). */
    private record Unit(int request, ProfileQuery.RowidRange range, long size) {
    }

    private final PlanningConnection source;
    private final List<Request> requests;
    private final ExecutorService pool;
    /** Per request, the result of its whole-table profile, or null when it was split. */
    private final List<Future<ProfileQuery.Result>> results = new ArrayList<>();
    /** Per request, its parts' first scans in rowid order (empty when it was profiled whole). */
    private final List<List<Future<ProfileQuery.Part>>> parts = new ArrayList<>();

    private TableProfiles(PlanningConnection source, List<Request> requests) {
        this.source = source;
        this.requests = requests;
        if (!walMode(source)) {
            this.pool = null;
            for (Request request : requests) {
                FutureTask<ProfileQuery.Result> inline = new FutureTask<>(() -> profile(source, request));
                inline.run();
                results.add(inline);
                parts.add(List.of());
            }
            return;
        }
        int cores = java.lang.Runtime.getRuntime().availableProcessors();
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            units.addAll(units(i, requests.get(i), cores));
            results.add(null);
            parts.add(new ArrayList<>());
        }
        units.sort(Comparator.comparingLong(Unit::size).reversed());
        this.pool = Tasks.daemonPool(Math.max(1, Math.min(units.size(), cores)), "cutover-profile");
        for (Unit unit : units) {
            Request request = requests.get(unit.request());
            if (unit.range() == null) {
                results.set(unit.request(), pool.submit(() -> profile(source.file(), request)));
            } else {
                parts.get(unit.request()).add(pool.submit(() -> scan(source.file(), request, unit.range())));
            }
        }
    }

    /**
     * The scans of one table: the whole table, or (a table with at least two parts' worth of rowids, on a machine with
     * more than one core) one rowid range per core, so that a big table does not leave the other cores idle. The
     * parts are read in separate transactions, as tables are (see above).
     */
    private List<Unit> units(int index, Request request, int cores) {
        if (request.rowidAlias() == null) {
            return List.of(new Unit(index, null, Long.MAX_VALUE)); // size unknown: start it first
        }
        String alias = Identifiers.quote(request.rowidAlias());
        try (Statement statement = source.connection().createStatement();
             ResultSet result = statement.executeQuery("SELECT min(" + alias + "), max(" + alias + ") FROM "
                     + Identifiers.quote(request.table()))) {
            result.next();
            long first = result.getLong(1);
            if (result.wasNull()) {
                return List.of(new Unit(index, null, 0));
            }
            long last = result.getLong(2);
            BigInteger span = BigInteger.valueOf(last).subtract(BigInteger.valueOf(first)).add(BigInteger.ONE);
            long count = span.divide(BigInteger.valueOf(MIN_PART_ROWS)).min(BigInteger.valueOf(cores)).longValue();
            if (count < 2) {
                return List.of(new Unit(index, null, span.min(BigInteger.valueOf(Long.MAX_VALUE - 1)).longValue()));
            }
            List<Unit> units = new ArrayList<>();
            long from = first;
            for (long part = 1; part <= count; part++) {
                long to = part == count ? last : BigInteger.valueOf(first).add(span.multiply(BigInteger.valueOf(part))
                        .divide(BigInteger.valueOf(count))).longValue() - 1;
                units.add(new Unit(index, new ProfileQuery.RowidRange(request.rowidAlias(), from, to),
                        span.divide(BigInteger.valueOf(count)).longValue()));
                from = to + 1;
            }
            return units;
        } catch (SQLException e) {
            throw source.failed("reading the rowid range of table " + request.table(), e);
        }
    }

    /** Starts profiling every requested table; {@link #get} returns each result in request order. */
    static TableProfiles start(PlanningConnection source, List<Request> requests) {
        return new TableProfiles(source, requests);
    }

    private static boolean walMode(PlanningConnection source) {
        try (Statement statement = source.connection().createStatement();
             ResultSet result = statement.executeQuery("PRAGMA journal_mode")) {
            return result.next() && "wal".equalsIgnoreCase(result.getString(1));
        } catch (SQLException e) {
            throw source.failed("reading the journal mode", e);
        }
    }

    private static ProfileQuery.Result profile(Path file, Request request) {
        try (PlanningConnection source = PlanningConnection.open(file)) {
            return profile(source, request);
        }
    }

    private static ProfileQuery.Result profile(PlanningConnection source, Request request) {
        try {
            return ProfileQuery.run(source.connection(), request.table(), request.columns());
        } catch (SQLException e) {
            throw source.failed("profiling table " + request.table(), e);
        }
    }

    private static ProfileQuery.Part scan(Path file, Request request, ProfileQuery.RowidRange range) {
        try (PlanningConnection source = PlanningConnection.open(file)) {
            try {
                return ProfileQuery.scan(source.connection(), request.table(), request.columns(), range);
            } catch (SQLException e) {
                throw source.failed("profiling table " + request.table(), e);
            }
        }
    }

    /** The profile of request {@code index}; a split table's parts are combined here, on the caller's connection. */
    ProfileQuery.Result get(int index) {
        List<Future<ProfileQuery.Part>> split = parts.get(index);
        if (split.isEmpty()) {
            return Tasks.result(results.get(index), "profiling the source");
        }
        List<ProfileQuery.Part> scanned = new ArrayList<>();
        for (Future<ProfileQuery.Part> part : split) {
            scanned.add(Tasks.result(part, "profiling the source"));
        }
        Request request = requests.get(index);
        try {
            return ProfileQuery.finish(source.connection(), request.table(), request.columns(),
                    ProfileQuery.merge(scanned));
        } catch (SQLException e) {
            throw source.failed("profiling table " + request.table(), e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
