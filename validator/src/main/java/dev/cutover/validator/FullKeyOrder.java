package dev.cutover.validator;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.UUID;

/**
 * The order of keys by their normal forms, which is PostgreSQL's order of the target key (text under
 * {@code COLLATE "C"}): integers and decimals by value; floats by value with NaN last and -0 equal to 0; text by code
 * point, which is the byte order of UTF-8 and so also SQLite's BINARY collation; bytea and uuid by unsigned bytes;
 * booleans false first; dates and times chronologically (timestamptz as UTC). NULL sorts last, as PostgreSQL's
 * ascending order puts it. Columns compare left to right.
 *
 * <p>SQLite's order of the same source keys agrees wherever the source values are of the column's own kind; where it
 * does not (mixed types, other date encodings), the readers notice that their stream is not increasing.
 */
final class FullKeyOrder {
    private FullKeyOrder() {
    }

    static int compare(FullKey a, FullKey b) {
        for (int i = 0; i < a.normal().length; i++) {
            int c = comparePart(a.normal()[i], b.normal()[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Checks that {@code key} comes strictly after {@code previous} (null: the first key).
     *
     * @throws FullOrderMismatch when it does not, or when the key has no place in the order
     */
    static void requireAfter(FullKey previous, FullKey key, String side) {
        if (!key.orderable()) {
            throw new FullOrderMismatch(side + " key " + Arrays.toString(key.values()) + " has no value of the key's type");
        }
        if (previous != null && compare(previous, key) >= 0) {
            throw new FullOrderMismatch(side + " streamed key " + Arrays.toString(key.values()) + " after "
                    + Arrays.toString(previous.values()) + ", which is not its order");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int comparePart(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof String x && b instanceof String y) {
            return byCodePoint(x, y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            int high = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
            return comparable.compareTo(b);
        }
        throw new FullOrderMismatch("key values " + a + " and " + b + " are of different kinds");
    }

    private static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
