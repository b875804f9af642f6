package dev.cutover.cli;

import java.util.Arrays;

/** The most recent end-to-end latencies of live changes (a bounded ring), and their percentiles. Thread-safe. */
final class Latencies {
    private static final int CAPACITY = 200_000;
    private final long[] samples = new long[CAPACITY];
    private long count;

    synchronized void add(long[] millis) {
        for (long m : millis) {
            samples[(int) (count++ % CAPACITY)] = m;
        }
    }

    /** p50, p99 and max of the retained samples; null when there are none. */
    synchronized Summary summary() {
        int n = (int) Math.min(count, CAPACITY);
        if (n == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new Summary(count, sorted[percentile(n, 50)], sorted[percentile(n, 99)], sorted[n - 1]);
    }

    private static int percentile(int n, int p) {
        return Math.min(n - 1, (int) Math.ceil(n * p / 100.0) - 1);
    }

    /** Latency of live changes from the source commit to the PostgreSQL commit, in milliseconds. */
    record Summary(long changes, long p50, long p99, long max) {
    }
}
