package dev.cutover.validator;

/**
 * A chunk of the source stream as the source reader hands it to the target reader: the chunk is every key after the
 * previous chunk's {@code high} up to this one's.
 *
 * @param high     the chunk's last source key (inclusive); null for the last chunk, which takes every key after
 * @param rows     source rows in the chunk
 * @param checksum sum of their row hashes
 */
record FullChunk(FullKey high, long rows, long checksum) {

    boolean last() {
        return high == null;
    }
}
