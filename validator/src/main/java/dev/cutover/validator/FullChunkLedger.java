package dev.cutover.validator;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of one table, as the target reader closes them: how many, which differ, and the ranges to compare row by
 * row, at most {@code maxRanges} (a table that differs everywhere is not diffed forever). Beyond that, differing
 * chunks are counted from their row counts alone: the rows both sides have as different, a surplus as missing or
 * extra. Confined to one thread at a time (the target reader, then the comparator after it ended).
 */
final class FullChunkLedger {
    private final int maxRanges;
    private final List<FullRange> ranges = new ArrayList<>();
    private long chunks;
    private long differing;
    private long uncheckedDifferent;
    private long uncheckedMissing;
    private long uncheckedExtra;

    FullChunkLedger(int maxRanges) {
        this.maxRanges = maxRanges;
    }

    /** Closes the chunk {@code (low, chunk.high()]} with what the target held in it. */
    void close(FullKey low, FullChunk chunk, long targetRows, long targetChecksum) {
        chunks++;
        if (chunk.rows() == targetRows && chunk.checksum() == targetChecksum) {
            return;
        }
        differing++;
        if (ranges.size() < maxRanges) {
            ranges.add(new FullRange(low, chunk.high(), chunk.rows(), targetRows));
            return;
        }
        uncheckedDifferent += Math.min(chunk.rows(), targetRows);
        uncheckedMissing += Math.max(0, chunk.rows() - targetRows);
        uncheckedExtra += Math.max(0, targetRows - chunk.rows());
    }

    long chunks() {
        return chunks;
    }

    long differing() {
        return differing;
    }

    /** The differing ranges to compare row by row, in key order. */
    List<FullRange> ranges() {
        return List.copyOf(ranges);
    }

    long uncheckedDifferent() {
        return uncheckedDifferent;
    }

    long uncheckedMissing() {
        return uncheckedMissing;
    }

    long uncheckedExtra() {
        return uncheckedExtra;
    }
}
