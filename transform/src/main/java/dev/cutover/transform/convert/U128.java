package dev.cutover.transform.convert;

/**
 * The few unsigned 128-bit operations {@link DoubleText} needs, on the product a·b of two non-negative longs:
 * the product shifted right, and facts about the bits shifted out. Stateless.
 */
final class U128 {
    private U128() {
    }

    /** ⌊a·b / 2^shift⌋ for 0 < shift < 128; the caller guarantees it fits in a long. */
    static long shiftedProduct(long a, long b, int shift) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return shift >= 64 ? high >>> (shift - 64) : high << (64 - shift) | low >>> shift;
    }

    /** Whether a·b is a multiple of 2^shift. */
    static boolean remainderIsZero(long a, long b, int shift) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return shift >= 64 ? low == 0 && (high & mask(shift - 64)) == 0 : (low & mask(shift)) == 0;
    }

    /** The sign of (a·b mod 2^shift) − 2^(shift−1): whether the fraction shifted out is below, at or above ½. */
    static int compareRemainderToHalf(long a, long b, int shift) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        long remainderHigh = shift >= 64 ? high & mask(shift - 64) : 0;
        long remainderLow = shift >= 64 ? low : low & mask(shift);
        long halfHigh = shift - 1 >= 64 ? 1L << (shift - 65) : 0;
        long halfLow = shift - 1 >= 64 ? 0 : 1L << (shift - 1);
        int cmp = Long.compareUnsigned(remainderHigh, halfHigh);
        return cmp != 0 ? cmp : Long.compareUnsigned(remainderLow, halfLow);
    }

    private static long mask(int bits) {
        return bits == 0 ? 0 : -1L >>> (64 - bits);
    }
}
