package dev.cutover.cli.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Summaries of repeated measurements. */
final class Stats {
    private Stats() {
    }

    /**
     * The median of a measure over {@code items}: the middle value, or the mean of the two middle ones.
     *
     * @throws IllegalArgumentException when there is nothing to summarize
     */
    static <T> double median(List<T> items, ToDoubleFunction<T> measure) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no measurements to take the median of");
        }
        double[] values = items.stream().mapToDouble(measure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
