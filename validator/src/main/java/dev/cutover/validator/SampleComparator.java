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
 * looked up in the source (extra). Cheap on any table size; {@link FullComparator} compares every row.
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

    TableComparison compare(ReadBack sourceRows, Connection postgres, PendingKeys pending) throws SQLException {
        Map<String, Object[]> sample = sampleSource(sourceRows);
        Map<String, Object[]> found = lookUpTarget(postgres, sample.keySet().stream().map(sample::get).toList());
        Tally tally = new Tally();
        List<ColumnPlan> columns = table.columns();
        for (Map.Entry<String, Object[]> row : sample.entrySet()) {
            String key = row.getKey();
            Object[] source = row.getValue();
            Object[] target = found.get(key);
            if (target == null) {
                tally.missing(key, pending.contains(table.source(), key));
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
            tally.compared(differences, pending.contains(table.source(), key));
        }
        for (String extra : extraKeys(sourceRows, postgres)) {
            tally.extra(extra, pending.contains(table.source(), extra));
        }
        return tally.result(sample.size());
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

    /** Counts and capped examples for one table. */
    private final class Tally {
        private long equal;
        private long missing;
        private long extra;
        private long different;
        private long pending;
        private final List<String> missingKeys = new ArrayList<>();
        private final List<String> extraKeys = new ArrayList<>();
        private final List<Difference> differences = new ArrayList<>();

        void missing(String key, boolean isPending) {
            if (isPending) {
                pending++;
            } else {
                missing++;
                add(missingKeys, key);
            }
        }

        void extra(String key, boolean isPending) {
            if (isPending) {
                pending++;
            } else {
                extra++;
                add(extraKeys, key);
            }
        }

        void compared(List<Difference> found, boolean isPending) {
            if (found.isEmpty()) {
                equal++;
            } else if (isPending) {
                pending++;
            } else {
                different++;
                found.forEach(d -> add(differences, d));
            }
        }

        private <T> void add(List<T> examples, T example) {
            if (examples.size() < maxExamples) {
                examples.add(example);
            }
        }

        TableComparison result(long compared) {
            return new TableComparison(table.source(), "sample", compared, equal, missing, extra, different, pending,
                    missingKeys, extraKeys, differences, 0, 0);
        }
    }
}
