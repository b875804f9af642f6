package dev.cutover.transform;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many REAL values were stored rounded from float noise (see {@link dev.cutover.schemas.plan.FloatNoise}), per
 * target table and column. Thread-safe.
 */
public final class RoundedCounts {
    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    /** Counts the rounded values of one transformed row. */
    public void add(TransformResult result) {
        if (!result.rounded().isEmpty()) {
            add(result.row().getTable(), result.rounded());
        }
    }

    void add(String table, List<String> columns) {
        Map<String, LongAdder> byColumn = counts.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
        for (String column : columns) {
            byColumn.computeIfAbsent(column, c -> new LongAdder()).increment();
        }
    }

    /** Adds another count to this one. */
    public void add(RoundedCounts other) {
        other.counts.forEach((table, byColumn) -> byColumn.forEach((column, count) -> counts
                .computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(column, c -> new LongAdder()).add(count.sum())));
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Target table → column → values rounded, both in name order; a copy. */
    public Map<String, Map<String, Long>> byTable() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        counts.forEach((table, byColumn) -> {
            Map<String, Long> columns = new TreeMap<>();
            byColumn.forEach((column, count) -> columns.put(column, count.sum()));
            copy.put(table, columns);
        });
        return copy;
    }
}
