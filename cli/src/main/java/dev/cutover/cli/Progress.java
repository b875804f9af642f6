package dev.cutover.cli;

import dev.cutover.capture.CaptureListener;
import dev.cutover.schemas.avro.TableCount;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.sink.SinkListener;
import dev.cutover.transform.TransformListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's live state, fed by every stage: what the snapshot holds, what each stage has done, whether PostgreSQL is
 * unavailable, and the first failure. Thread-safe; stages call in from their own threads.
 */
final class Progress implements CaptureListener, TransformListener, SinkListener {
    private final Map<String, String> targetOf = new HashMap<>();
    private final Map<String, Long> totals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> written = new ConcurrentHashMap<>();
    private final Map<Integer, Long> sinkOffsets = new ConcurrentHashMap<>();
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong transformed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final long startedMs = System.currentTimeMillis();
    private volatile boolean snapshotStarted;
    private volatile boolean snapshotCompleted;
    private volatile String waiting;
    private volatile Throwable failure;

    Progress(Plan plan) {
        for (TablePlan table : plan.tables()) {
            targetOf.put(table.source(), table.target());
        }
    }

    @Override
    public void snapshotStarted(List<TableCount> tables) {
        for (TableCount count : tables) {
            totals.put(targetOf.getOrDefault(count.getTable(), count.getTable()), count.getRows());
        }
        snapshotStarted = true;
    }

    @Override
    public void snapshotCompleted() {
        snapshotCompleted = true;
    }

    @Override
    public void forwarded(int records) {
        captured.addAndGet(records);
    }

    @Override
    public void committed(int rows, int rejectedRows) {
        transformed.addAndGet(rows);
        rejected.addAndGet(rejectedRows);
    }

    @Override
    public void committed(Map<String, long[]> tables, int refusedRows, Map<Integer, Long> nextOffsets, long newestSourceTimeMs) {
        tables.forEach((table, counts) -> written.computeIfAbsent(table, t -> new LongAdder()).add(counts[0] + counts[1]));
        refused.addAndGet(refusedRows);
        nextOffsets.forEach((partition, offset) -> sinkOffsets.merge(partition, offset, Math::max));
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

    /** Row-topic partition to the next offset the sink will apply. */
    Map<Integer, Long> sinkOffsets() {
        return Map.copyOf(sinkOffsets);
    }

    long rowsWritten() {
        return written.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long snapshotTotal() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }

    long errors() {
        return rejected.get() + refused.get();
    }

    /** One line for the terminal: phase, rows, percent, rate, ETA, errors, and why the sink waits if it does. */
    String line() {
        long done = rowsWritten();
        double seconds = Math.max(0.001, (System.currentTimeMillis() - startedMs) / 1000.0);
        long rate = Math.round(done / seconds);
        StringBuilder line = new StringBuilder();
        if (!snapshotStarted) {
            line.append("starting");
        } else {
            long total = snapshotTotal();
            long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
            line.append(String.format("snapshot %3d%%  %,d/%,d rows  %,d rows/s", percent, done, total, rate));
            if (rate > 0 && done < total) {
                line.append("  ETA ").append(duration((total - done) / rate));
            }
        }
        line.append(String.format("  [read %,d  transformed %,d  written %,d]", captured.get(), transformed.get(), done));
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
