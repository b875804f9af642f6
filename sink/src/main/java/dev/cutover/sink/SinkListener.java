package dev.cutover.sink;

import java.util.Map;

/** What the sink reports. Called from worker threads; implementations must be thread-safe and quick. */
public interface SinkListener {

    /**
     * A batch committed.
     *
     * @param written        target table to rows {loaded, upserted, deleted}
     * @param rejected       rows PostgreSQL refused (now in the dead-letter topic)
     * @param nextOffsets    row-topic partition to the next offset to apply, as committed with the rows
     * @param newestSourceMs the latest source commit time among the batch's changes (0 when none)
     * @param liveLatencyMs  for each live change (not snapshot rows) in the batch: milliseconds from the source change
     *                       to this PostgreSQL commit
     */
    record Batch(Map<String, long[]> written, int rejected, Map<Integer, Long> nextOffsets, long newestSourceMs,
                 long[] liveLatencyMs) {
    }

    void committed(Batch batch);

    /**
     * A PostgreSQL transaction of the sink committed: how long its statements took and how long the commit took.
     * Retried attempts are not reported.
     */
    default void transactionTimed(long statementsNanos, long commitNanos) {
    }

    /** PostgreSQL cannot be used right now; the sink retries with backoff. Null reason: it works again. */
    void waiting(String reason);

    /** A worker stopped on an error it cannot recover from. */
    void failed(Throwable error);
}
