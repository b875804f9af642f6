package dev.cutover.cli;

import dev.cutover.capture.CaptureListener;
import dev.cutover.schemas.avro.TableCount;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.sink.SinkListener;
import dev.cutover.transform.RoundedCounts;
import dev.cutover.transform.TransformListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's live state, fed by every stage: what the snapshot holds, what each stage has done, how fresh the target
 * is, whether PostgreSQL is unavailable, and the first failure. Thread-safe; stages call in from their own threads.
 */
final class Progress implements CaptureListener, TransformListener, SinkListener {
    private final List<String> tables = new ArrayList<>();
    private final Map<String, String> targetOf = new HashMap<>();
    private final Map<String, Long> totals = new ConcurrentHashMap<>();
    private final Map<String, Long> baseline = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> loaded = new ConcurrentHashMap<>();
    private final Map<Integer, Long> sinkOffsets = new ConcurrentHashMap<>();
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong transformed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final RoundedCounts rounded = new RoundedCounts();
    private final AtomicLong liveChanges = new AtomicLong();
    private final AtomicLong acknowledgedSequence = new AtomicLong(-1);
    private final AtomicLong newestAppliedSourceMs = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private final long startedMs = System.currentTimeMillis();
    private volatile long snapshotLoadedMs;
    private volatile boolean snapshotStarted;
    private volatile boolean snapshotCompleted;
    private volatile boolean finalized;
    private volatile String waiting;
    private volatile Throwable failure;

    Progress(Plan plan) {
        for (TablePlan table : plan.tables()) {
            tables.add(table.target());
            targetOf.put(table.source(), table.target());
        }
    }

    /** Rows each target table held when this run started (a resumed run continues from them). */
    void baseline(Map<String, Long> rows) {
        baseline.putAll(rows);
    }

    @Override
    public void snapshotStarted(List<TableCount> counts) {
        for (TableCount count : counts) {
            totals.put(targetOf.getOrDefault(count.getTable(), count.getTable()), count.getRows());
        }
        snapshotStarted = true;
    }

    @Override
    public void snapshotCompleted() {
        snapshotCompleted = true;
    }

    @Override
    public void forwarded(int rows) {
        captured.addAndGet(rows);
    }

    @Override
    public void acknowledgedUpTo(long sequence) {
        acknowledgedSequence.accumulateAndGet(sequence, Math::max);
    }

    @Override
    public void committed(int rows, int rejectedRows, RoundedCounts roundedValues) {
        transformed.addAndGet(rows);
        rejected.addAndGet(rejectedRows);
        if (!roundedValues.isEmpty()) {
            rounded.add(roundedValues);
        }
    }

    @Override
    public void committed(Batch batch) {
        batch.written().forEach((table, counts) -> loaded.computeIfAbsent(table, t -> new LongAdder()).add(counts[0]));
        refused.addAndGet(batch.rejected());
        batch.nextOffsets().forEach((partition, offset) -> sinkOffsets.merge(partition, offset, Math::max));
        newestAppliedSourceMs.accumulateAndGet(batch.newestSourceMs(), Math::max);
        liveChanges.addAndGet(batch.liveLatencyMs().length);
        latencies.add(batch.liveLatencyMs());
    }

    @Override
    public void waiting(String reason) {
        waiting = reason;
    }

    @Override
    public void failed(Throwable error) {
        if (failure == null) {
            failure = error;
        }
    }

    Throwable failure() {
        return failure;
    }

    boolean snapshotLoadedByCapture() {
        return snapshotCompleted;
    }

    void snapshotLoaded() {
        snapshotLoadedMs = System.currentTimeMillis();
    }

    boolean snapshotLoadedInTarget() {
        return snapshotLoadedMs > 0;
    }

    void finalized() {
        finalized = true;
    }

    boolean isFinalized() {
        return finalized;
    }

    /** The change-log sequence Kafka holds everything up to; -1 before streaming. */
    long acknowledgedSequence() {
        return acknowledgedSequence.get();
    }

    long startedMs() {
        return startedMs;
    }

    long newestAppliedSourceMs() {
        return newestAppliedSourceMs.get();
    }

    /** Row-topic partition to the next offset the sink will apply. */
    Map<Integer, Long> sinkOffsets() {
        return Map.copyOf(sinkOffsets);
    }

    long snapshotTotal() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }

    long loadedThisRun() {
        return loaded.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long errors() {
        return rejected.get() + refused.get();
    }

    /** Rows and announcements capture has had acknowledged by Kafka in this run. */
    long captured() {
        return captured.get();
    }

    /** Row changes the transformer committed in this run. */
    long transformed() {
        return transformed.get();
    }

    /** Rows the transformer sent to the dead-letter topic in this run. */
    long rejected() {
        return rejected.get();
    }

    /** Rows PostgreSQL refused (sent to the dead-letter topic) in this run. */
    long refused() {
        return refused.get();
    }

    /** Rows the sink wrote into this target table in this run. */
    long written(String table) {
        LongAdder rows = loaded.get(table);
        return rows == null ? 0 : rows.sum();
    }

    /** Target tables, in the plan's order. */
    List<String> tables() {
        return List.copyOf(tables);
    }

    /** REAL values this run stored rounded from float noise: target table → column → count. */
    Map<String, Map<String, Long>> roundedFloatNoise() {
        return rounded.byTable();
    }

    String waitingReason() {
        return waiting;
    }

    Latencies.Summary latency() {
        return latencies.summary();
    }

    /** snapshot, streaming or caught up. */
    String phase(Lag lag) {
        if (!snapshotLoadedInTarget()) {
            return "snapshot";
        }
        return lag.events() == 0 ? "caught up" : "streaming";
    }

    /** Per table: rows now (baseline + loaded this run), the snapshot's total, percent, values rounded this run. */
    List<RunStatus.TableStatus> tableStatuses() {
        List<RunStatus.TableStatus> statuses = new ArrayList<>();
        Map<String, Map<String, Long>> roundedByTable = rounded.byTable();
        for (String table : tables) {
            long rows = baseline.getOrDefault(table, 0L) + (loaded.containsKey(table) ? loaded.get(table).sum() : 0);
            Long total = totals.get(table);
            long shown = total == null ? rows : Math.max(total, rows);
            long percent = shown == 0 ? 100 : Math.min(100, rows * 100 / shown);
            statuses.add(new RunStatus.TableStatus(table, rows, total == null ? rows : total, snapshotLoadedInTarget()
                    ? 100 : percent, roundedByTable.getOrDefault(table, Map.of())));
        }
        return statuses;
    }

    long rowsPerSecond() {
        double seconds = Math.max(0.001, (System.currentTimeMillis() - startedMs) / 1000.0);
        return Math.round(loadedThisRun() / seconds);
    }

    /**
     * Once the snapshot is in (in this run, or in an earlier one that this run resumed: then no snapshot-started event
     * comes), the phase, lag, live changes and their latency.
     */
    private void liveLine(StringBuilder line, Lag lag) {
        line.append(phase(lag)).append(String.format("  lag %,d events / %,d ms  live changes %,d", lag.events(),
                lag.ms(), liveChanges.get()));
        Latencies.Summary latency = latency();
        if (latency != null) {
            line.append(String.format("  latency p50 %d ms p99 %d ms", latency.p50(), latency.p99()));
        }
    }

    /** One line for the terminal. */
    String line(Lag lag) {
        StringBuilder line = new StringBuilder();
        if (snapshotLoadedInTarget()) {
            liveLine(line, lag);
        } else if (!snapshotStarted) {
            line.append("starting");
        } else {
            long done = tableStatuses().stream().mapToLong(RunStatus.TableStatus::rows).sum();
            long total = Math.max(done, tableStatuses().stream().mapToLong(RunStatus.TableStatus::total).sum());
            long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
            long rate = rowsPerSecond();
            line.append(String.format("snapshot %3d%%  %,d/%,d rows  %,d rows/s", percent, done, total, rate));
            if (rate > 0 && done < total) {
                line.append("  ETA ").append(duration((total - done) / rate));
            }
            line.append(String.format("  [read %,d  transformed %,d  written %,d]", captured.get(), transformed.get(),
                    loadedThisRun()));
        }
        line.append(String.format("  errors %,d", errors()));
        if (waiting != null) {
            line.append("  WAITING: ").append(waiting);
        }
        return line.toString();
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
