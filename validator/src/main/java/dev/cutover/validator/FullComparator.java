package dev.cutover.validator;

import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares every row of one table between the source (through its read-back) and PostgreSQL, in bounded memory
 * whatever the table's size: both sides are streamed in key order in parallel and cut into the same key-range chunks of {@code chunkRows}
 * source rows, each side's chunk summed into a checksum over the canonical form of its rows ({@link CanonicalValue});
 * only chunks whose row count or checksum differ are read again and compared row by row with {@link ValueEquality},
 * which alone decides what is reported. Every planned column is compared, generated columns included.
 *
 * <p>At most {@link #MAX_DIFFED_CHUNKS} differing chunks are compared row by row; further differing chunks are
 * counted from their row counts alone (the rows both sides have as different, a surplus as missing or extra), without
 * examples. A table whose sides do not stream keys in one order (a dynamically typed source such as SQLite, key types
 * without a shared order) is compared by key-hash partitions instead ({@link FullPartitions}), exactly, with one scan per partition.
 *
 * <p>Not thread-safe; one comparison at a time.
 */
public final class FullComparator {
    /** Differing chunks compared row by row, per table. */
    static final int MAX_DIFFED_CHUNKS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(FullComparator.class);

    private final FullTable table;
    private final FullSql sql;
    private final int chunkRows;
    private final int maxExamples;

    /**
     * @param chunkRows   source rows per checksummed chunk, 1 or more
     * @param maxExamples keys and differences listed per kind, 0 or more (counts are always exact)
     */
    public FullComparator(String targetSchema, TablePlan table, int chunkRows, int maxExamples) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunk rows " + chunkRows + " is too small; use 1 or more");
        }
        if (maxExamples < 0) {
            throw new IllegalArgumentException("examples " + maxExamples + " is negative; use 0 or more");
        }
        this.table = new FullTable(table);
        this.sql = new FullSql(targetSchema, this.table);
        this.chunkRows = chunkRows;
        this.maxExamples = maxExamples;
    }

    /**
     * Compares the table; {@code source} and {@code postgres} are used by this call only (from two reader threads,
     * never at once). A {@code postgres} connection in autocommit mode is taken out of it for the call (cursors need
     * a transaction) and put back, its read-only transaction rolled back; one already in a transaction is left in it.
     *
     * @param pending keys with a change still on its way; asked from the calling thread only
     * @throws SQLException from the target, or when the calling thread is interrupted (interrupt status kept); the
     *                      source's read-back throws its own (unchecked) failures
     */
    public TableComparison compare(ReadBack source, Connection postgres, PendingKeys pending) throws SQLException {
        return compare(source, postgres, pending, LoggedKeys.NONE);
    }

    /**
     * As {@link #compare(ReadBack, Connection, PendingKeys)}; a row that differs on a key {@code logged} says was
     * accepted counts as accepted.
     */
    public TableComparison compare(ReadBack source, Connection postgres, PendingKeys pending, LoggedKeys logged)
            throws SQLException {
        FullRowDiff diff = new FullRowDiff(table, pending, logged, maxExamples);
        try (FullCursorScope scope = FullCursorScope.open(postgres)) {
            if (!table.ordered()) {
                return byPartitions(source, postgres, diff, "its key type has no order both sides share");
            }
            FullStream.Result pass;
            try {
                pass = FullStream.run(table, sql, source, postgres, chunkRows, MAX_DIFFED_CHUNKS);
            } catch (FullOrderMismatch e) {
                scope.restart();
                return byPartitions(source, postgres, diff, e.getMessage());
            }
            return byChunks(pass, source, postgres, diff);
        }
    }

    private TableComparison byChunks(FullStream.Result pass, ReadBack source, Connection postgres, FullRowDiff diff)
            throws SQLException {
        FullChunkLedger ledger = pass.ledger();
        FullChunkDiff chunkDiff = new FullChunkDiff(table, sql, diff);
        for (FullRange range : ledger.ranges()) {
            chunkDiff.compare(range, source, postgres);
        }
        diff.unchecked(ledger.uncheckedDifferent(), ledger.uncheckedMissing(), ledger.uncheckedExtra());
        if (ledger.differing() > MAX_DIFFED_CHUNKS) {
            LOG.warn("validate {}: {} chunks differ; the first {} were compared row by row, the others counted",
                    table.name(), ledger.differing(), MAX_DIFFED_CHUNKS);
        }
        if (pass.source().nullKeyRows() > 0) {
            nullKeysMissing(source, pass.source().nullKeyRows(), diff);
        }
        return diff.result(pass.source().rows() + pass.source().nullKeyRows(), ledger.chunks(), ledger.differing());
    }

    private TableComparison byPartitions(ReadBack source, Connection postgres, FullRowDiff diff, String reason)
            throws SQLException {
        LOG.info("validate {}: keys cannot be compared in key ranges ({}); comparing by key hash, one scan per "
                + "partition", table.name(), reason);
        FullPartitions.Result result = new FullPartitions(table, sql, diff).compare(source, postgres, chunkRows);
        return diff.result(result.compared(), result.partitions(), result.differing());
    }

    /**
     * The {@code expected} source rows with a NULL key column the stream counted: PostgreSQL keys are never NULL, so
     * they are missing. The scan ends once it has them all (at the start for a one-column SQLite key, whose NULLs
     * come first).
     */
    private void nullKeysMissing(ReadBack source, long expected, FullRowDiff diff) {
        long found = 0;
        try (ReadBack.Cursor cursor = source.stream(table.plan(), KeyRange.ALL)) {
            while (found < expected && cursor.hasNext()) {
                FullRow row = table.sourceRow(cursor.next());
                if (row.key().hasNull()) {
                    diff.missing(row);
                    found++;
                }
            }
        }
    }
}
