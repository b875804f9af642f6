package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles a table's columns with one aggregate query: counts by storage class, numeric extremes, the longest text,
 * and the {@link Metric}s its mapped types need. All of it is computed by SQLite's C code in a single scan, with as
 * few function calls per row as possible (storage classes are told apart by comparisons, see {@link Metric#NUMBER}).
 * Only tables so wide that the query would pass SQLite's 2000-result-column limit are split into several scans.
 * <p>
 * Extremes: in a column holding INTEGERs and REALs both, the integer extremes are bounds (the smallest number rounded
 * up, the largest rounded down) and the real extremes are those of all its numbers; every decision made from them
 * (integer width, ±2^53, epoch units, Julian days) only needs bounds.
 */
final class ProfileQuery {
    private static final int BASE_AGGREGATES = 7;
    private static final int MAX_RESULT_COLUMNS = 1800;

    /** A column to profile, by name, with the type its declaration maps to. */
    record Column(String name, MappedType type, List<Metric> metrics) {
    }

    /** @param rows rows in the table; @param stats by column name, in the order given */
    record Result(long rows, Map<String, ColumnStats> stats) {
    }

    private ProfileQuery() {
    }

    static Result run(Connection connection, String table, List<Column> columns) throws SQLException {
        Map<String, ColumnStats> stats = new LinkedHashMap<>();
        long rows = 0;
        for (List<Column> chunk : chunks(columns)) {
            rows = runChunk(connection, table, chunk, stats);
        }
        if (columns.isEmpty()) {
            rows = count(connection, table);
        }
        return new Result(rows, stats);
    }

    private static List<List<Column>> chunks(List<Column> columns) {
        List<List<Column>> chunks = new ArrayList<>();
        List<Column> current = new ArrayList<>();
        int width = 1;
        for (Column column : columns) {
            int columnWidth = BASE_AGGREGATES + column.metrics().size();
            if (!current.isEmpty() && width + columnWidth > MAX_RESULT_COLUMNS) {
                chunks.add(current);
                current = new ArrayList<>();
                width = 1;
            }
            current.add(column);
            width += columnWidth;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private static long runChunk(Connection connection, String table, List<Column> columns,
            Map<String, ColumnStats> stats) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql(table, columns))) {
            result.next();
            int index = 2;
            for (Column column : columns) {
                stats.put(column.name(), read(result, result.getLong(1), index, column.metrics()));
                index += BASE_AGGREGATES + column.metrics().size();
            }
            return result.getLong(1);
        }
    }

    static String sql(String table, List<Column> columns) {
        List<String> select = new ArrayList<>(List.of("count(*)"));
        for (Column column : columns) {
            String c = Identifiers.quote(column.name());
            select.add("count(" + c + ")");
            select.add("count(*) FILTER (WHERE " + Metric.NUMBER.replace("{c}", c) + ")");
            select.add("count(*) FILTER (WHERE " + Metric.BLOB.replace("{c}", c) + ")");
            select.add("count(*) FILTER (WHERE " + Metric.NUMBER.replace("{c}", c) + " AND typeof(" + c + ") = 'integer')");
            select.add("min(" + c + ")");
            select.add("max(" + c + ") FILTER (WHERE " + Metric.NUMBER.replace("{c}", c) + ")");
            select.add("max(length(" + c + ")) FILTER (WHERE " + Metric.TEXT.replace("{c}", c) + ")");
            for (Metric metric : column.metrics()) {
                select.add(metric.sql(c, column.type()));
            }
        }
        return "SELECT " + String.join(",\n  ", select) + "\nFROM " + Identifiers.quote(table);
    }

    private static ColumnStats read(ResultSet result, long rows, int at, List<Metric> metrics) throws SQLException {
        Map<Metric, Long> values = new EnumMap<>(Metric.class);
        for (int i = 0; i < metrics.size(); i++) {
            values.put(metrics.get(i), result.getLong(at + BASE_AGGREGATES + i));
        }
        long nonNull = result.getLong(at);
        long numbers = result.getLong(at + 1);
        long blobs = result.getLong(at + 2);
        long integers = result.getLong(at + 3);
        long reals = numbers - integers;
        Object min = numbers > 0 ? result.getObject(at + 4) : null;
        Object max = numbers > 0 ? result.getObject(at + 5) : null;
        return new ColumnStats(rows - nonNull, integers, reals, nonNull - numbers - blobs, blobs,
                integers > 0 ? lowerInteger(min) : null, integers > 0 ? upperInteger(max) : null,
                optionalLong(result, at + 6), reals > 0 ? ((Number) min).doubleValue() : null,
                reals > 0 ? ((Number) max).doubleValue() : null, values);
    }

    private static Long lowerInteger(Object min) {
        if (min instanceof Double) {
            return clamp(Math.ceil((Double) min));
        }
        return ((Number) min).longValue();
    }

    private static Long upperInteger(Object max) {
        if (max instanceof Double) {
            return clamp(Math.floor((Double) max));
        }
        return ((Number) max).longValue();
    }

    private static long clamp(double value) {
        return value >= Long.MAX_VALUE ? Long.MAX_VALUE : value <= Long.MIN_VALUE ? Long.MIN_VALUE : (long) value;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + Identifiers.quote(table))) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Long optionalLong(ResultSet result, int index) throws SQLException {
        long value = result.getLong(index);
        return result.wasNull() ? null : value;
    }

}
