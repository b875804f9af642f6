package dev.cutover.validator;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a random sample of rows: source rows looked up in the target by key (missing, different), and target keys
 * looked up in the source (extra). Besides the sample, every key the error log names ({@link LoggedKeys}) is compared
 * both ways. Cheap on any table size; {@link FullComparator} compares every row.
 */
final class SampleComparator {
    private static final int LOOKUP_BATCH = 500;

    private final TablePlan table;
    private final TableSql sql;
    private final int sampleSize;
    private final int maxExamples;

    SampleComparator(String targetSchema, TablePlan table, int sampleSize, int maxExamples) {
        this.table = table;
        this.sql = new TableSql(targetSchema, table);
        this.sampleSize = sampleSize;
        this.maxExamples = maxExamples;
    }

    TableComparison compare(ReadBack sourceRows, Connection postgres, PendingKeys pending, LoggedKeys logged)
            throws SQLException {
        Map<String, Object[]> sample = sampleSource(sourceRows);
        List<Object[]> absent = addLogged(sourceRows, sample, logged.of(table.source()));
        Map<String, Object[]> found = lookUpTarget(postgres, sample.keySet().stream().map(sample::get).toList());
        Tally tally = new Tally(pending, logged);
        List<ColumnPlan> columns = table.columns();
        for (Map.Entry<String, Object[]> row : sample.entrySet()) {
            String key = row.getKey();
            Object[] source = row.getValue();
            Object[] target = found.get(key);
            if (target == null) {
                tally.missing(key);
                continue;
            }
            List<Difference> differences = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                ColumnPlan column = columns.get(i);
                Object expected = source[sql.keyCount() + i];
                Object actual = target[sql.keyCount() + i];
                if (!ValueEquality.equal(expected, actual, column.targetType(), column.numericDates())) {
                    differences.add(new Difference(key, column.source(), expected, actual));
                }
            }
            tally.compared(key, differences);
        }
        Set<String> stillInTarget = lookUpTarget(postgres, absent).keySet();
        for (Object[] key : absent) {
            tally.gone(sql.keyJson(key), stillInTarget.contains(sql.keyJson(key)));
        }
        for (String extra : extraKeys(sourceRows, postgres)) {
            tally.extra(extra);
        }
        return tally.result(sample.size() + absent.size());
    }

    /**
     * Adds the source rows of the logged keys the sample does not hold; returns the logged keys the source has no row
     * for (each as its key values).
     */
    private List<Object[]> addLogged(ReadBack source, Map<String, Object[]> sample, Set<String> logged) {
        List<Object[]> wanted = new ArrayList<>();
        for (String key : logged) {
            if (!sample.containsKey(key)) {
                wanted.add(RowKey.values(key, table.key().sourceColumns()));
            }
        }
        for (int from = 0; from < wanted.size(); from += LOOKUP_BATCH) {
            List<Object[]> batch = wanted.subList(from, Math.min(wanted.size(), from + LOOKUP_BATCH));
            for (SourceRow row : source.read(table, batch.stream().map(SourceValues::key).toList())) {
                Object[] key = SourceValues.plain(row.key());
                sample.put(sql.keyJson(key), concat(key, SourceValues.plain(row.values())));
            }
        }
        return wanted.stream().filter(key -> !sample.containsKey(sql.keyJson(key))).toList();
    }

    /** Random source rows by key, each as key values followed by column values. */
    private Map<String, Object[]> sampleSource(ReadBack source) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        for (SourceRow row : source.sample(table, sampleSize)) {
            Object[] key = SourceValues.plain(row.key());
            rows.put(sql.keyJson(key), concat(key, SourceValues.plain(row.values())));
        }
        return rows;
    }

    /** Target rows with the given keys (source rows whose first values are their keys), by key JSON. */
    private Map<String, Object[]> lookUpTarget(Connection postgres, List<Object[]> sourceRows) throws SQLException {
        Map<String, Object[]> rows = new HashMap<>();
        for (int from = 0; from < sourceRows.size(); from += LOOKUP_BATCH) {
            List<Object[]> batch = sourceRows.subList(from, Math.min(sourceRows.size(), from + LOOKUP_BATCH));
            try (PreparedStatement statement = postgres.prepareStatement(
                    sql.targetSelect() + " WHERE " + sql.targetKeyIn(batch.size()))) {
                int index = 1;
                for (Object[] row : batch) {
                    index = TableSql.bind(statement, index, java.util.Arrays.copyOf(row, sql.keyCount()));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Object[] key = sql.key(rs);
                        rows.put(sql.keyJson(key), concat(key, sql.targetValues(rs)));
                    }
                }
            }
        }
        return rows;
    }

    /** Random target keys that the source does not have. */
    private List<String> extraKeys(ReadBack source, Connection postgres) throws SQLException {
        Map<String, Object[]> sampled = new LinkedHashMap<>();
        try (PreparedStatement statement = postgres.prepareStatement(
                "SELECT " + sql.targetKeyList() + " FROM " + sql.targetTable() + " ORDER BY random() LIMIT ?")) {
            statement.setInt(1, sampleSize);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object[] key = sql.key(rs);
                    sampled.put(sql.keyJson(key), key);
                }
            }
        }
        Set<String> inSource = new HashSet<>();
        List<List<Object>> keys = sampled.values().stream().map(SourceValues::key).toList();
        for (SourceRow row : source.read(table, keys)) {
            inSource.add(sql.keyJson(SourceValues.plain(row.key())));
        }
        List<String> extra = new ArrayList<>(sampled.keySet());
        extra.removeAll(inSource);
        return extra;
    }

    private static Object[] concat(Object[] key, Object[] values) {
        Object[] row = java.util.Arrays.copyOf(key, key.length + values.length);
        System.arraycopy(values, 0, row, key.length, values.length);
        return row;
    }

    /**
     * Counts and capped examples for one table. A key that differs is pending when a change to it is on its way, else
     * accepted when the operator accepted its logged failure, else a difference.
     */
    private final class Tally {
        private final PendingKeys pending;
        private final LoggedKeys logged;
        private long equal;
        private long missing;
        private long extra;
        private long different;
        private long pendingRows;
        private long accepted;
        private final List<String> missingKeys = new ArrayList<>();
        private final List<String> extraKeys = new ArrayList<>();
        private final List<Difference> differences = new ArrayList<>();
        private final List<String> acceptedKeys = new ArrayList<>();

        Tally(PendingKeys pending, LoggedKeys logged) {
            this.pending = pending;
            this.logged = logged;
        }

        void missing(String key) {
            if (explained(key)) {
                return;
            }
            missing++;
            add(missingKeys, key);
        }

        void extra(String key) {
            if (explained(key)) {
                return;
            }
            extra++;
            add(extraKeys, key);
        }

        void compared(String key, List<Difference> found) {
            if (found.isEmpty()) {
                equal++;
            } else if (!explained(key)) {
                different++;
                found.forEach(d -> add(differences, d));
            }
        }

        /** A logged key the source has no row for: equal when the target has none either, else extra. */
        void gone(String key, boolean inTarget) {
            if (inTarget) {
                extra(key);
            } else {
                equal++;
            }
        }

        /** Counts a differing key as accepted or pending when it is; true then. */
        private boolean explained(String key) {
            if (logged.accepted(table.source(), key)) {
                accepted++;
                add(acceptedKeys, key);
                return true;
            }
            if (pending.contains(table.source(), key)) {
                pendingRows++;
                return true;
            }
            return false;
        }

        private <T> void add(List<T> examples, T example) {
            if (examples.size() < maxExamples) {
                examples.add(example);
            }
        }

        TableComparison result(long compared) {
            return new TableComparison(table.source(), "sample", compared, equal, missing, extra, different,
                    pendingRows, missingKeys, extraKeys, differences, 0, 0, accepted, acceptedKeys);
        }
    }
}
