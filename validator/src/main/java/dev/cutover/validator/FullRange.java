package dev.cutover.validator;

import dev.cutover.schemas.source.KeyRange;
import java.util.Arrays;

/**
 * A key range {@code low < key <= high} whose chunk checksums differed, to be compared row by row.
 *
 * @param low        exclusive lower bound, a source key; null from the first key
 * @param high       inclusive upper bound, a source key; null to the end (and target rows with a NULL key)
 * @param sourceRows rows the source streamed in the range
 * @param targetRows rows the target streamed in the range
 */
record FullRange(FullKey low, FullKey high, long sourceRows, long targetRows) {

    /** The range as the source's read-back takes it: its bounds' source key values. */
    KeyRange sourceKeys() {
        return new KeyRange(low == null ? null : Arrays.asList(low.values()),
                high == null ? null : Arrays.asList(high.values()));
    }
}
