package dev.cutover.cli;

import java.util.List;
import java.util.Map;

/**
 * What {@code cutover status --json} prints: the running migration's phase, lag, per-table progress and errors.
 *
 * @param phase         snapshot, streaming or caught up
 * @param source        source identity
 * @param target        target, password masked
 * @param startedAt     when this run started (ISO-8601)
 * @param lag           events and milliseconds PostgreSQL is behind, and where the events wait
 * @param tables        per target table: rows, the snapshot's total, percent, values rounded from float noise
 * @param rows          rows in all tables, and their total
 * @param rowsPerSecond snapshot rate of this run
 * @param etaSeconds    estimated seconds to the end of the snapshot, or null
 * @param latencyMs     live-change latency from the source commit to the PostgreSQL commit, or null before any
 * @param errors        rows in the error log from this run
 * @param waiting       why the pipeline waits (e.g. PostgreSQL unreachable), or null
 * @param finalized     whether {@code cutover finalize} has completed
 */
record RunStatus(String phase, String source, String target, String startedAt, LagStatus lag, List<TableStatus> tables,
                 long rows, long total, long rowsPerSecond, Long etaSeconds, Latencies.Summary latencyMs, long errors,
                 String waiting, boolean finalized) {

    record LagStatus(long events, long ms, long source, long raw, long rows) {
    }

    /**
     * @param roundedFloatNoise per column, the REAL values this run stored rounded to the column's scale because their
     *                          extra digits were float noise (see {@link dev.cutover.schemas.plan.FloatNoise})
     */
    record TableStatus(String name, long rows, long total, long percent, Map<String, Long> roundedFloatNoise) {
    }
}
