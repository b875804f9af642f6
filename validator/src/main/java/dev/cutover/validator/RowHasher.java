package dev.cutover.validator;

/**
 * A 64-bit hash of one row's canonical texts ({@link CanonicalValue#text}), in order: FNV-1a over each text's length
 * and characters (the length keeps {@code "ab","c"} apart from {@code "a","bc"}), finished with MurmurHash3's 64-bit
 * mix so that sums of many row hashes stay well spread. Chunk checksums are such sums.
 *
 * <p>Mutable and not thread-safe: one per reader, reused row after row.
 */
final class RowHasher {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    /** Adds the next canonical text of the current row. */
    RowHasher add(String canonical) {
        long h = (hash ^ canonical.length()) * PRIME;
        for (int i = 0; i < canonical.length(); i++) {
            h = (h ^ canonical.charAt(i)) * PRIME;
        }
        hash = h;
        return this;
    }

    /** The current row's hash; the hasher starts over for the next row. */
    long finish() {
        long z = hash;
        hash = OFFSET;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
