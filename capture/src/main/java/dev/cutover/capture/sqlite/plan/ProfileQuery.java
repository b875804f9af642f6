package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.Identifiers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Profiles a table's columns with one aggregate query: counts by storage class, numeric extremes, the longest text,
 * and the {@link Metric}s its mapped types need. All of it is computed by SQLite's C code in a single scan, with as
 * few aggregates and function calls per row as possible: a column's smallest and largest value tell whether it holds
 * one storage class only (SQLite orders NULL &lt; INTEGER/REAL &lt; TEXT &lt; BLOB), which is the common case, so the
 * counts by class come from its non-NULL count. Only the columns that mix classes get a second scan for those counts
 * (storage classes are told apart by comparisons, see {@link Metric#NUMBER}). What SQLite guarantees is not asked
 * (see {@link Column}), and a column declared as a number measures its text in that second scan, only when its
 * largest value shows it holds some (measured: {@code cutover plan} of the bench's scale-1 database took 3.3-3.4 s
 * and 5.2-5.5 CPU-seconds instead of 3.9-4.1 s and 6.4-6.5, the same plan). Tables so wide that a query would pass
 * SQLite's 2000-result-column limit are scanned in several parts.
 * <p>
 * Extremes: in a column holding INTEGERs and REALs both, the integer extremes are bounds (the smallest number rounded
 * up, the largest rounded down) and the real extremes are those of all its numbers; every decision made from them
 * (integer width, ±2^53, epoch units, Julian days) only needs bounds.
 */
final class ProfileQuery {
    private static final int MIXED_AGGREGATES = 3;
    private static final int MAX_RESULT_COLUMNS = 1800;

    /**
     * A column to profile, by name, with the type its declaration maps to and what SQLite guarantees about its values
     * (each guarantee spares an aggregate per row).
     *
     * @param notNull   declared NOT NULL in an ordinary table, which SQLite enforces: it holds no NULLs
     * @param realsOnly REAL affinity in an ordinary table: SQLite stores every number in it as a REAL
     */
    record Column(String name, MappedType type, List<Metric> metrics, boolean notNull, boolean realsOnly) {
        /** A column nothing is guaranteed about. */
        Column(String name, MappedType type, List<Metric> metrics) {
            this(name, type, metrics, false, false);
        }

        /**
         * A column declared as a number is expected to hold numbers only, which its largest value shows (SQLite
         * orders numbers before text and blobs): its longest text and text metrics are left to a second scan, run
         * only when that value is not a number.
         */
        boolean textDeferred() {
            return type.isInteger() || type.kind() == MappedType.Kind.DOUBLE || type.kind() == MappedType.Kind.NUMERIC;
        }

        /** The metrics the first scan computes: all but the deferred text ones. */
        List<Metric> firstMetrics() {
            return textDeferred() ? metrics.stream().filter(m -> !m.onText()).toList() : metrics;
        }

        List<Metric> deferredMetrics() {
            return textDeferred() ? metrics.stream().filter(Metric::onText).toList() : List.of();
        }

        /** Result columns of the first scan: non-NULL count, extremes, integers, longest text, metrics. */
        int width() {
            return (notNull ? 0 : 1) + 2 + (realsOnly ? 0 : 1) + (textDeferred() ? 0 : 1) + firstMetrics().size();
        }
    }

    /** @param rows rows in the table; @param stats by column name, in the order given */
    record Result(long rows, Map<String, ColumnStats> stats) {
    }

    /** A part of a table by rowid, both ends included: {@code alias} names the rowid (no column of that name). */
    record RowidRange(String alias, long first, long last) {
        String where() {
            return " WHERE " + Identifiers.quote(alias) + " BETWEEN " + first + " AND " + last;
        }
    }

    /** What a first scan found in a table or part of one: its rows, and each column's findings. */
    record Part(long rows, Map<Column, Scan> scans) {
    }

    /** The first scan's findings for a column: non-NULL count, extremes of all its values, integers, longest text. */
    record Scan(long nonNull, Object min, Object max, long integers, Long maxTextLength, Map<Metric, Long> metrics) {
        /** True when the column holds values of more than one storage class (so counting them takes a second scan). */
        boolean mixed() {
            return nonNull > 0 && storageClass(min) != storageClass(max);
        }

        /** True when the column holds text or blobs: its largest value is one (numbers sort first). */
        boolean holdsTextOrBlobs() {
            return nonNull > 0 && storageClass(max) != StorageClass.NUMBER;
        }

        /** These findings with the longest text and text metrics a second scan measured. */
        Scan withText(Long longestText, Map<Metric, Long> textMetrics) {
            Map<Metric, Long> all = new EnumMap<>(Metric.class);
            all.putAll(metrics);
            all.putAll(textMetrics);
            return new Scan(nonNull, min, max, integers, longestText, all);
        }

        /**
         * The findings over this part's rows and another's. Only the storage class of a text or blob extreme is ever
         * used, so of two extremes of the same such class either will do; numbers are compared by value.
         */
        Scan plus(Scan other) {
            Map<Metric, Long> sums = new EnumMap<>(Metric.class);
            sums.putAll(metrics);
            other.metrics.forEach((metric, count) -> sums.merge(metric, count, Long::sum));
            return new Scan(nonNull + other.nonNull, extreme(min, other.min, -1), extreme(max, other.max, 1),
                    integers + other.integers,
                    longest(maxTextLength, other.maxTextLength), sums);
        }

        private static Long longest(Long a, Long b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return Math.max(a, b);
        }

        /** The lower ({@code direction} -1) or higher (1) of two extremes; null (a part without values) never wins. */
        private static Object extreme(Object a, Object b, int direction) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return Integer.signum(compare(a, b)) == -direction ? b : a;
        }

        /** SQLite's order of two values: by storage class, numbers by value, others of one class as equal. */
        private static int compare(Object a, Object b) {
            StorageClass ca = storageClass(a);
            StorageClass cb = storageClass(b);
            if (ca != cb) {
                return ca.compareTo(cb);
            }
            if (ca != StorageClass.NUMBER) {
                return 0;
            }
            if (!(a instanceof Double) && !(b instanceof Double)) {
                return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            }
            return exact((Number) a).compareTo(exact((Number) b));
        }

        private static BigDecimal exact(Number number) {
            return number instanceof Double d ? new BigDecimal(d) : BigDecimal.valueOf(number.longValue());
        }
    }

    /** The second scan's counts for a column that mixes storage classes; the largest number, if any. */
    private record Mix(long numbers, long blobs, Object maxNumber) {
    }

    private ProfileQuery() {
    }

    static Result run(Connection connection, String table, List<Column> columns) throws SQLException {
        return finish(connection, table, columns, scan(connection, table, columns, null));
    }

    /**
     * The first scan of a table, or of the rows in one rowid range of it ({@code range} null: the whole table). Parts
     * of a table scanned side by side are combined with {@link #merge} and finished with {@link #finish}.
     */
    static Part scan(Connection connection, String table, List<Column> columns, RowidRange range) throws SQLException {
        Map<Column, Scan> scans = new LinkedHashMap<>();
        long rows = columns.isEmpty() ? count(connection, table, range) : 0;
        for (List<Column> chunk : chunks(columns, Column::width)) {
            rows = scan(connection, table, chunk, range, scans);
        }
        return new Part(rows, scans);
    }

    /** The findings of a table's parts as those of one scan of the whole table. */
    static Part merge(List<Part> parts) {
        Part merged = parts.get(0);
        for (Part part : parts.subList(1, parts.size())) {
            Map<Column, Scan> scans = new LinkedHashMap<>();
            for (Map.Entry<Column, Scan> entry : merged.scans().entrySet()) {
                scans.put(entry.getKey(), entry.getValue().plus(part.scans().get(entry.getKey())));
            }
            merged = new Part(merged.rows() + part.rows(), scans);
        }
        return merged;
    }

    /**
     * The statistics from a table's first scan, after one more scan for what it left open: the counts by storage class
     * of the columns that mix classes, and the text of the columns that deferred it and hold text or blobs after all.
     */
    static Result finish(Connection connection, String table, List<Column> columns, Part part) throws SQLException {
        Map<Column, Scan> scans = new LinkedHashMap<>(part.scans());
        Map<Column, Mix> mixes = new LinkedHashMap<>();
        List<Column> open = columns.stream().filter(c -> secondWidth(c, scans.get(c)) > 0).toList();
        for (List<Column> chunk : chunks(open, c -> secondWidth(c, scans.get(c)))) {
            scanAgain(connection, table, chunk, scans, mixes);
        }
        Map<String, ColumnStats> stats = new LinkedHashMap<>();
        for (Column column : columns) {
            Scan scan = scans.get(column);
            stats.put(column.name(), stats(part.rows(), scan, mixes.getOrDefault(column, pure(scan))));
        }
        return new Result(part.rows(), stats);
    }

    /** Whether the first scan left a column's text to measure (it deferred it, and the column holds text or blobs). */
    private static boolean textPending(Column column, Scan scan) {
        return column.textDeferred() && scan.holdsTextOrBlobs();
    }

    /** Result columns of the second scan for a column: its counts by class if it mixes them, its text if pending. */
    private static int secondWidth(Column column, Scan scan) {
        return (scan.mixed() ? MIXED_AGGREGATES : 0) + (textPending(column, scan) ? 1 + column.deferredMetrics().size() : 0);
    }

    private static List<List<Column>> chunks(List<Column> columns, ToIntFunction<Column> aggregates) {
        List<List<Column>> chunks = new ArrayList<>();
        List<Column> current = new ArrayList<>();
        int width = 1;
        for (Column column : columns) {
            int columnWidth = aggregates.applyAsInt(column);
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

    private static long scan(Connection connection, String table, List<Column> columns, RowidRange range,
                             Map<Column, Scan> scans) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql(table, columns, range))) {
            result.next();
            long rows = result.getLong(1);
            int index = 2;
            for (Column column : columns) {
                scans.put(column, readScan(result, index, column, rows));
                index += column.width();
            }
            return rows;
        }
    }

    static String sql(String table, List<Column> columns) {
        return sql(table, columns, null);
    }

    static String sql(String table, List<Column> columns, RowidRange range) {
        List<String> select = new ArrayList<>(List.of("count(*)"));
        for (Column column : columns) {
            String c = Identifiers.quote(column.name());
            if (!column.notNull()) {
                select.add("count(" + c + ")");
            }
            select.add("min(" + c + ")");
            select.add("max(" + c + ")");
            if (!column.realsOnly()) {
                select.add("count(*) FILTER (WHERE " + Metric.NUMBER.replace("{c}", c) + " AND typeof(" + c + ") = 'integer')");
            }
            if (!column.textDeferred()) {
                select.add(longestText(c));
            }
            for (Metric metric : column.firstMetrics()) {
                select.add(metric.sql(c, column.type()));
            }
        }
        return "SELECT " + String.join(",\n  ", select) + "\nFROM " + Identifiers.quote(table)
                + (range == null ? "" : range.where());
    }

    private static String longestText(String quotedColumn) {
        return "max(length(" + quotedColumn + ")) FILTER (WHERE " + Metric.TEXT.replace("{c}", quotedColumn) + ")";
    }

    /** A column's findings from the first scan's result columns from {@code at} on (laid out as {@link #sql} does). */
    private static Scan readScan(ResultSet result, int at, Column column, long rows) throws SQLException {
        int index = at;
        long nonNull = column.notNull() ? rows : result.getLong(index++);
        Object min = result.getObject(index++);
        Object max = result.getObject(index++);
        long integers = column.realsOnly() ? 0 : result.getLong(index++);
        Long longestText = column.textDeferred() ? null : optionalLong(result, index++);
        Map<Metric, Long> values = new EnumMap<>(Metric.class);
        for (Metric metric : column.firstMetrics()) {
            values.put(metric, result.getLong(index++));
        }
        for (Metric metric : column.deferredMetrics()) {
            values.put(metric, 0L); // no text unless the second scan finds some
        }
        return new Scan(nonNull, min, max, integers, longestText, values);
    }

    /**
     * The second scan: for a column that mixes storage classes, how many numbers and blobs and the largest number; for
     * one whose text is pending, its longest text and text metrics.
     */
    private static void scanAgain(Connection connection, String table, List<Column> columns, Map<Column, Scan> scans,
                                  Map<Column, Mix> mixes) throws SQLException {
        List<String> select = new ArrayList<>();
        for (Column column : columns) {
            String c = Identifiers.quote(column.name());
            if (scans.get(column).mixed()) {
                String number = Metric.NUMBER.replace("{c}", c);
                select.add("count(*) FILTER (WHERE " + number + ")");
                select.add("count(*) FILTER (WHERE " + Metric.BLOB.replace("{c}", c) + ")");
                select.add("max(" + c + ") FILTER (WHERE " + number + ")");
            }
            if (textPending(column, scans.get(column))) {
                select.add(longestText(c));
                for (Metric metric : column.deferredMetrics()) {
                    select.add(metric.sql(c, column.type()));
                }
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT " + String.join(",\n  ", select) + "\nFROM "
                     + Identifiers.quote(table))) {
            result.next();
            int index = 1;
            for (Column column : columns) {
                Scan scan = scans.get(column);
                if (scan.mixed()) {
                    mixes.put(column, new Mix(result.getLong(index), result.getLong(index + 1), result.getObject(index + 2)));
                    index += MIXED_AGGREGATES;
                }
                if (textPending(column, scan)) {
                    Long longest = optionalLong(result, index++);
                    Map<Metric, Long> textMetrics = new EnumMap<>(Metric.class);
                    for (Metric metric : column.deferredMetrics()) {
                        textMetrics.put(metric, result.getLong(index++));
                    }
                    scans.put(column, scan.withText(longest, textMetrics));
                }
            }
        }
    }

    /** The counts of a column holding one storage class (or only NULLs), from its first scan. */
    private static Mix pure(Scan scan) {
        if (scan.nonNull() == 0) {
            return new Mix(0, 0, null);
        }
        StorageClass storageClass = storageClass(scan.min());
        return new Mix(storageClass == StorageClass.NUMBER ? scan.nonNull() : 0,
                storageClass == StorageClass.BLOB ? scan.nonNull() : 0,
                storageClass == StorageClass.NUMBER ? scan.max() : null);
    }

    private static ColumnStats stats(long rows, Scan scan, Mix mix) {
        long numbers = mix.numbers();
        long integers = scan.integers();
        long reals = numbers - integers;
        Object min = numbers > 0 ? scan.min() : null;
        Object max = numbers > 0 ? mix.maxNumber() : null;
        return new ColumnStats(rows - scan.nonNull(), integers, reals, scan.nonNull() - numbers - mix.blobs(),
                mix.blobs(), integers > 0 ? lowerInteger(min) : null, integers > 0 ? upperInteger(max) : null,
                scan.maxTextLength(), reals > 0 ? ((Number) min).doubleValue() : null,
                reals > 0 ? ((Number) max).doubleValue() : null, scan.metrics());
    }

    private enum StorageClass { NUMBER, TEXT, BLOB }

    /** A non-NULL value's storage class, from the type the driver returns it as. */
    private static StorageClass storageClass(Object value) {
        if (value instanceof Number) {
            return StorageClass.NUMBER;
        }
        return value instanceof byte[] ? StorageClass.BLOB : StorageClass.TEXT;
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

    private static long count(Connection connection, String table, RowidRange range) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + Identifiers.quote(table)
                     + (range == null ? "" : range.where()))) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Long optionalLong(ResultSet result, int index) throws SQLException {
        long value = result.getLong(index);
        return result.wasNull() ? null : value;
    }

}
