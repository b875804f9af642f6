package dev.cutover.cli;

/**
 * Whether the lag keeps growing: how long it has stayed above zero without coming down. A lag that falls now and then
 * (a steady stream of writes being applied) is not a problem; one that has not fallen for {@link #THRESHOLD_MS} is.
 * Fed with every lag the pipeline reads; thread-safe.
 */
final class LagTrend {
    static final long THRESHOLD_MS = 60_000;

    private long lastEvents;
    /** When the lag last was zero or fell; 0 before the first reading. */
    private long fallingAt;

    synchronized void observe(long events, long nowMs) {
        if (events == 0 || events < lastEvents || fallingAt == 0) {
            fallingAt = nowMs;
        }
        lastEvents = events;
    }

    /** Milliseconds the lag has been above zero without falling, at {@code nowMs}. */
    synchronized long notFallingMs(long nowMs) {
        return lastEvents == 0 || fallingAt == 0 ? 0 : nowMs - fallingAt;
    }
}
