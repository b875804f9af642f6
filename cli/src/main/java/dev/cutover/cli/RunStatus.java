package dev.cutover.cli;

import dev.cutover.sink.errorlog.ErrorLog;
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
 * @param errors        changes of this migration in the error log: not in PostgreSQL as the source has them (every
 *                      run of the work directory's migration counts, until a replay lands them)
 * @param acceptedErrors of those, the ones accepted with {@code finalize --accept-errors}
 * @param blockers      what keeps {@code finalize} from printing READY, as far as known without finalizing (the error
 *                      log's entries that are not accepted); empty when nothing does
 * @param waiting       why the pipeline waits (e.g. PostgreSQL unreachable), or null
 * @param finalized     whether {@code cutover finalize} has completed
 * @param backup        the source's backup this migration took before capture, or null
 */
record RunStatus(String phase, String source, String target, String startedAt, LagStatus lag, List<TableStatus> tables,
                 long rows, long total, long rowsPerSecond, Long etaSeconds, Latencies.Summary latencyMs, long errors,
                 long acceptedErrors, List<String> blockers, String waiting, boolean finalized, Backup backup,
                 WayBackStatus wayBack) {

    RunStatus {
        blockers = blockers == null ? List.of() : List.copyOf(blockers);
    }

    /** A status without a backup (see {@link #withBackup}). */
    RunStatus(String phase, String source, String target, String startedAt, LagStatus lag, List<TableStatus> tables,
              long rows, long total, long rowsPerSecond, Long etaSeconds, Latencies.Summary latencyMs, long errors,
              long acceptedErrors, List<String> blockers, String waiting, boolean finalized) {
        this(phase, source, target, startedAt, lag, tables, rows, total, rowsPerSecond, etaSeconds, latencyMs, errors,
                acceptedErrors, blockers, waiting, finalized, null, null);
    }

    RunStatus withBackup(Backup taken) {
        return new RunStatus(phase, source, target, startedAt, lag, tables, rows, total, rowsPerSecond, etaSeconds,
                latencyMs, errors, acceptedErrors, blockers, waiting, finalized, taken, wayBack);
    }

    RunStatus withWayBack(WayBackStatus reverse) {
        return new RunStatus(phase, source, target, startedAt, lag, tables, rows, total, rowsPerSecond, etaSeconds,
                latencyMs, errors, acceptedErrors, blockers, waiting, finalized, backup, reverse);
    }

    /**
     * The way back, while its slot exists: changes written into SQLite, repeats skipped, changes in the error log, the
     * WAL the slot holds back (null when unknown), and what degrades health.
     */
    record WayBackStatus(String slot, boolean streaming, long applied, long skipped, long failed, Long retainedWalBytes,
                         List<String> warnings) {
        WayBackStatus {
            warnings = List.copyOf(warnings);
        }
    }

    /** What the error log's counts keep from READY. */
    static List<String> blockers(ErrorLog.ErrorCounts errors) {
        if (errors.blocking() == 0) {
            return List.of();
        }
        return List.of(String.format("%,d %s in the error log (errors.jsonl) did not reach PostgreSQL: fix the cause and "
                + "run again with --replay-errors, or accept %s with `cutover finalize --accept-errors`",
                errors.blocking(), errors.blocking() == 1 ? "change" : "changes", errors.blocking() == 1 ? "it" : "them"));
    }

    record LagStatus(long events, long ms, long source, long raw, long rows) {
    }

    /**
     * @param roundedFloatNoise per column, the REAL values this run stored rounded to the column's scale because their
     *                          extra digits were float noise (see {@link dev.cutover.schemas.plan.FloatNoise})
     */
    record TableStatus(String name, long rows, long total, long percent, Map<String, Long> roundedFloatNoise) {
    }
}
