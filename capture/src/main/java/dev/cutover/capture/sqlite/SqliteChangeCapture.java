package dev.cutover.capture.sqlite;

import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ChangeCapture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SQLite source's change log ({@link SqliteChangeLog}) as the pipeline, {@code validate}, {@code finalize} and
 * {@code stop} see it: its position is the log's highest {@code seq}, its pending keys are the keys it holds (not yet
 * captured, or captured but not yet pruned). Each call opens its own connection; thread-safe.
 */
final class SqliteChangeCapture implements ChangeCapture {
    private final SqliteSource source;

    SqliteChangeCapture(SqliteSource source) {
        this.source = source;
    }

    /** A file this process cannot write has no change log (capture runs without one): nothing to wait for. */
    @Override
    public long position() {
        return source.writable() ? SqliteChangeLog.maxSequence(source) : 0;
    }

    /** The change log's sequence numbers count its entries one by one. */
    @Override
    public long changesBetween(long acknowledged, long position) {
        return Math.max(0, position - acknowledged);
    }

    @Override
    public Map<String, Object> health() {
        return SqliteChangeLog.health(source);
    }

    @Override
    public boolean installed() {
        return SqliteChangeLog.installed(source);
    }

    @Override
    public Optional<String> remove() {
        if (!source.writable() && !installed()) {
            return Optional.empty();
        }
        RemovalReport report = SqliteChangeLog.remove(source);
        return report.wasInstalled() ? Optional.of(report.summary()) : Optional.empty();
    }

    /** Logs the keys in the change log, as a write to their rows would (see {@link SqliteChangeLog#enqueue}). */
    @Override
    public Resent resend(TablePlan table, List<String> keys) {
        return SqliteChangeLog.enqueue(source, table, keys);
    }

    @Override
    public Map<String, List<List<Object>>> pendingKeys(Plan plan) {
        Map<String, List<List<Object>>> keys = new LinkedHashMap<>();
        try (Connection connection = source.open(true)) {
            if (!SqliteChangeLog.installed(connection)) {
                return keys;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT * FROM " + Identifiers.quote(CaptureTriggers.LOG_TABLE))) {
                int tableColumn = rs.findColumn("tbl");
                int firstKey = rs.findColumn("k1");
                while (rs.next()) {
                    Optional<TablePlan> table = plan.table(rs.getString(tableColumn));
                    if (table.isPresent()) {
                        keys.computeIfAbsent(table.get().source(), t -> new ArrayList<>())
                                .add(key(rs, firstKey, table.get().key().sourceColumns().size()));
                    }
                }
            }
            return keys;
        } catch (SQLException e) {
            throw source.unreachable("read the change log of", e);
        }
    }

    private static List<Object> key(ResultSet rs, int firstColumn, int width) throws SQLException {
        List<Object> key = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            key.add(SqliteValueReader.read(rs, firstColumn + i));
        }
        return key;
    }
}
