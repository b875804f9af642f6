package dev.cutover.capture.document.plan;

import java.util.Arrays;

/**
 * A set of {@link ValueKey}s in 16 bytes per value (two longs in one growing array): a collection's {@code _id}s, or a
 * field's values that a reference may point to. A million documents take 16 MB; no per-value objects are kept. Filled
 * first, then {@link #seal() sealed} (sorted, repeats counted and removed), then looked up by binary search.
 */
final class KeySet {
    private long[] pairs = new long[64];
    private int size;
    private long repeats;
    private long objectIds;
    private boolean sealed;

    void add(ValueKey key) {
        if (sealed) {
            throw new IllegalStateException("key set is sealed");
        }
        if (2 * size + 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, (pairs.length + pairs.length / 2 + 2) & ~1);
        }
        pairs[2 * size] = key.hi();
        pairs[2 * size + 1] = key.lo();
        size++;
        if (key.objectId()) {
            objectIds++;
        }
    }

    /** Sorts the keys and removes repeats, counting them; afterwards the set is read-only. */
    KeySet seal() {
        if (!sealed) {
            PairSort.sort(pairs, size);
            int distinct = 0;
            for (int i = 0; i < size; i++) {
                if (distinct > 0 && compare(i, distinct - 1) == 0) {
                    repeats++;
                } else {
                    pairs[2 * distinct] = pairs[2 * i];
                    pairs[2 * distinct + 1] = pairs[2 * i + 1];
                    distinct++;
                }
            }
            size = distinct;
            pairs = Arrays.copyOf(pairs, 2 * size);
            sealed = true;
        }
        return this;
    }

    boolean contains(ValueKey key) {
        if (!sealed) {
            throw new IllegalStateException("key set is not sealed");
        }
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = PairSort.compare(pairs[2 * mid], pairs[2 * mid + 1], key.hi(), key.lo());
            if (order == 0) {
                return true;
            } else if (order < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return false;
    }

    /** Keys added that equal one added before (valid once sealed). */
    long repeats() {
        return repeats;
    }

    /** ObjectId keys added, repeats included. */
    long objectIds() {
        return objectIds;
    }

    private int compare(int i, int j) {
        return PairSort.compare(pairs[2 * i], pairs[2 * i + 1], pairs[2 * j], pairs[2 * j + 1]);
    }
}
