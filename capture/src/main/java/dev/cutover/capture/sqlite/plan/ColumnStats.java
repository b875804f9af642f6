package dev.cutover.capture.sqlite.plan;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the profile query found in one column.
 *
 * @param metrics the type-specific counts that were asked for
 */
record ColumnStats(long nulls, long integers, long reals, long texts, long blobs, Long minInteger, Long maxInteger,
        Long maxTextLength, Double minReal, Double maxReal, Map<Metric, Long> metrics) {

    ColumnStats {
        metrics = metrics.isEmpty() ? Map.of() : new EnumMap<>(metrics);
    }

    long metric(Metric metric) {
        return metrics.getOrDefault(metric, 0L);
    }

    long nonNull() {
        return integers + reals + texts + blobs;
    }

    /** Largest integer a double holds exactly: 2^53. */
    static final long MAX_EXACT_DOUBLE = 1L << 53;

    /** True when every INTEGER value converts to double precision exactly (|v| <= 2^53; compared as longs). */
    boolean integersExactInDouble() {
        return minInteger == null || (minInteger >= -MAX_EXACT_DOUBLE && maxInteger <= MAX_EXACT_DOUBLE);
    }
}
