package dev.cutover.validator;

import dev.cutover.schemas.plan.ColumnPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The row-by-row verdicts of one table's full comparison: exact counts, examples capped at {@code maxExamples} per
 * list. A key whose logged failure the operator accepted ({@link LoggedKeys}) is counted as accepted, and a key with a
 * change still on its way ({@link PendingKeys}) as pending, instead of missing, extra or different. Confined to the
 * comparing thread.
 */
final class FullRowDiff {
    private final FullTable table;
    private final PendingKeys pending;
    private final LoggedKeys logged;
    private final int maxExamples;
    private long missing;
    private long extra;
    private long different;
    private long pendingSource;
    private long pendingTarget;
    private long accepted;
    private long acceptedSource;
    private final List<String> missingKeys = new ArrayList<>();
    private final List<String> extraKeys = new ArrayList<>();
    private final List<Difference> differences = new ArrayList<>();
    private final List<String> acceptedKeys = new ArrayList<>();

    FullRowDiff(FullTable table, PendingKeys pending, LoggedKeys logged, int maxExamples) {
        this.table = table;
        this.pending = pending;
        this.logged = logged;
        this.maxExamples = maxExamples;
    }

    /** A source and a target row with the same key: compared column by column with {@link ValueEquality}. */
    void both(FullRow source, FullRow target) {
        List<ColumnPlan> columns = table.plan().columns();
        String key = null;
        List<Difference> found = new ArrayList<>(0);
        for (int i = 0; i < columns.size(); i++) {
            ColumnPlan column = columns.get(i);
            Object expected = source.values()[i];
            Object actual = target.values()[i];
            if (!ValueEquality.equal(expected, actual, column.targetType(), column.numericDates())) {
                key = key == null ? table.keyJson(source.key().values()) : key;
                found.add(new Difference(key, column.source(), expected, actual));
            }
        }
        if (found.isEmpty() || isAccepted(key, true)) {
            return;
        }
        if (isPending(key)) {
            pendingSource++;
            return;
        }
        different++;
        found.forEach(d -> add(differences, d));
    }

    void missing(FullRow source) {
        String key = table.keyJson(source.key().values());
        if (isAccepted(key, true)) {
            return;
        }
        if (isPending(key)) {
            pendingSource++;
        } else {
            missing++;
            add(missingKeys, key);
        }
    }

    void extra(FullRow target) {
        String key = table.keyJson(target.key().values());
        if (isAccepted(key, false)) {
            return;
        }
        if (isPending(key)) {
            pendingTarget++;
        } else {
            extra++;
            add(extraKeys, key);
        }
    }

    /** Rows of differing chunks that were not compared row by row (see {@link FullChunkLedger}). */
    void unchecked(long differentRows, long missingRows, long extraRows) {
        different += differentRows;
        missing += missingRows;
        extra += extraRows;
    }

    /** How many rows were found not equal so far (pending and accepted included). */
    long findings() {
        return missing + extra + different + pendingSource + pendingTarget + accepted;
    }

    /**
     * @param compared source rows compared; rows equal are those neither missing, different nor pending
     */
    TableComparison result(long compared, long chunks, long differingChunks) {
        long equal = Math.max(0, compared - missing - different - pendingSource - acceptedSource);
        return new TableComparison(table.name(), "full", compared, equal, missing, extra, different,
                pendingSource + pendingTarget, missingKeys, extraKeys, differences, chunks, differingChunks, accepted,
                acceptedKeys);
    }

    /** Counts the key as accepted when its logged failure was; true then. */
    private boolean isAccepted(String key, boolean sourceRow) {
        if (!logged.accepted(table.name(), key)) {
            return false;
        }
        accepted++;
        acceptedSource += sourceRow ? 1 : 0;
        add(acceptedKeys, key);
        return true;
    }

    private boolean isPending(String key) {
        return pending.contains(table.name(), key);
    }

    private <T> void add(List<T> examples, T example) {
        if (examples.size() < maxExamples) {
            examples.add(example);
        }
    }
}
