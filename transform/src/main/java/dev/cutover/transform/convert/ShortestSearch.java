package dev.cutover.transform.convert;

import dev.cutover.transform.convert.DoubleText.Decimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Finds the shortest decimal that reads back as a given double, three ways, cheapest first; each returns null when
 * it cannot decide, never a wrong answer. Stateless and thread-safe.
 *
 * <p>{@link #fast}: for j = 0, 1, 2, ... the candidates m with m / 10^j nearest to v are tested by computing
 * {@code m / 10^j} in double arithmetic. With m ≤ 2^53 and 10^j ≤ 10^22 both operands are exact, and IEEE division
 * rounds the true quotient to nearest-even exactly as {@link Double#parseDouble} does, so equality proves the
 * decimal reads back as v. Finds values with a short decimal form (prices, measurements, timestamps) in a few
 * nanoseconds.
 *
 * <p>{@link #wide}: exact integer arithmetic on 128-bit products for 1e-10 ≤ v < 2^53, mostly values that need 16 or
 * 17 digits (results of arithmetic).
 *
 * <p>{@link #exact}: {@link BigDecimal}, for everything. The set of n for which some n-digit decimal reads back as v is
 * upward closed (pad with zeros), and when an n-digit decimal reads back, one of the two n-digit neighbours of v's
 * exact value does too (the reading-back interval is convex and contains v). So a binary search over n, testing
 * both neighbours, is exact.
 */
final class ShortestSearch {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final double TWO_53 = 0x1p53;
    private static final long[] POWERS = new long[19];
    private static final long[] POW5 = new long[28];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
        POW5[0] = 1;
        for (int i = 1; i < POW5.length; i++) {
            POW5[i] = POW5[i - 1] * 5;
        }
    }

    private ShortestSearch() {
    }

    /** See the class documentation; null when the value has no short form or several candidates tie. */
    static Decimal fast(boolean negative, double a) {
        if (a >= TWO_53) {
            return null;
        }
        for (int j = 0; j < POW10.length; j++) {
            double scaled = a * POW10[j];
            if (scaled >= TWO_53) {
                return null;
            }
            long r = (long) Math.rint(scaled);
            long found = 0;
            int count = 0;
            for (long c = Math.max(1, r - 1); c <= r + 1 && c <= (long) TWO_53; c++) {
                if (c / POW10[j] == a) {
                    found = c;
                    count++;
                }
            }
            if (count == 1) {
                return Decimal.of(negative, found, -j);
            }
            if (count > 1) {
                return null;  // several candidates: let the exact searches pick the nearest
            }
        }
        return null;
    }

    /**
     * Exact search in 128-bit integer arithmetic for 1e-10 ≤ a < 2^53, where the fast path gives up (mostly values
     * needing 16 or 17 digits). With a = m·2^e and j chosen so that a·10^j has about 17 digits, the reals that read
     * back as a, scaled by 10^j, lie between (4m−2)·5^j·2^(e−2+j) and (4m+2)·5^j·2^(e−2+j) (4m−1 below a power of
     * two); the products fit in 128 bits. Among the integers c in that range, the one with the most trailing zeros
     * (nearest a on a tie of length) gives the shortest decimal c·10^−j. Null when the range is empty at this scale.
     */
    static Decimal wide(boolean negative, double a) {
        if (a < 1e-10 || a >= TWO_53) {
            return null;
        }
        long bits = Double.doubleToRawLongBits(a);
        int biasedExponent = (int) (bits >>> 52);
        long m = (bits & ((1L << 52) - 1)) | (1L << 52);
        int j = 16 - (int) Math.floor(Math.log10(a));
        int shift = 2 - (biasedExponent - 1075) - j;
        if (j < 0 || j >= POW5.length || shift <= 0 || shift >= 128) {
            return null;
        }
        long p5 = POW5[j];
        boolean closed = (m & 1) == 0;
        long lowNumerator = 4 * m - (m == 1L << 52 && biasedExponent > 1 ? 1 : 2);
        long low = U128.shiftedProduct(lowNumerator, p5, shift);
        if (!closed || !U128.remainderIsZero(lowNumerator, p5, shift)) {
            low++;
        }
        long high = U128.shiftedProduct(4 * m + 2, p5, shift);
        if (!closed && U128.remainderIsZero(4 * m + 2, p5, shift)) {
            high--;
        }
        if (low > high) {
            return null;
        }
        long t = U128.shiftedProduct(4 * m, p5, shift);
        int fractionVsHalf = U128.compareRemainderToHalf(4 * m, p5, shift);
        boolean fractionZero = U128.remainderIsZero(4 * m, p5, shift);
        for (int k = POWERS.length - 1; k >= 0; k--) {
            long step = POWERS[k];
            long below = t / step * step;
            long above = below + step;
            boolean belowFits = below >= low && below <= high;
            boolean aboveFits = above >= low && above <= high;
            if (belowFits && aboveFits) {
                return Decimal.of(negative, nearer(below, above, t, fractionVsHalf, fractionZero, step), -j);
            }
            if (belowFits || aboveFits) {
                return Decimal.of(negative, belowFits ? below : above, -j);
            }
        }
        return null;
    }

    /**
     * Of two neighbouring multiples of step around the exact value t + f (0 ≤ f < 1), the nearer; on a tie the one
     * that is an even multiple. below is nearer exactly when 2f < D with D = above + below − 2t.
     */
    private static long nearer(long below, long above, long t, int fractionVsHalf, boolean fractionZero, long step) {
        long d = above + below - 2 * t;
        int cmp;  // < 0: below is nearer
        if (d >= 2) {
            cmp = -1;
        } else if (d == 1) {
            cmp = fractionVsHalf;
        } else if (d == 0) {
            cmp = fractionZero ? 0 : 1;
        } else {
            cmp = 1;
        }
        if (cmp == 0) {
            return (below / step & 1) == 0 ? below : above;
        }
        return cmp < 0 ? below : above;
    }

    /** The shortest decimal of the positive finite {@code a}, read back as a float when {@code isFloat}. */
    static Decimal exact(boolean negative, double a, boolean isFloat) {
        BigDecimal value = new BigDecimal(a);
        int low = 1;
        int high = isFloat ? 9 : 17;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (candidate(value, mid, a, isFloat) != null) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        BigDecimal best = candidate(value, low, a, isFloat);
        return Decimal.of(negative, best.unscaledValue().longValueExact(), -best.scale());
    }

    /** The n-digit decimal nearest {@code value} that reads back as {@code a}, or null when neither neighbour does. */
    private static BigDecimal candidate(BigDecimal value, int n, double a, boolean isFloat) {
        BigDecimal down = value.round(new MathContext(n, RoundingMode.DOWN));
        BigDecimal up = value.round(new MathContext(n, RoundingMode.UP));
        boolean downOk = readsBack(down, a, isFloat);
        boolean upOk = up.compareTo(down) != 0 && readsBack(up, a, isFloat);
        if (downOk && upOk) {
            int cmp = value.subtract(down).compareTo(up.subtract(value));
            if (cmp != 0) {
                return cmp < 0 ? down : up;
            }
            return down.unscaledValue().testBit(0) ? up : down;
        }
        return downOk ? down : upOk ? up : null;
    }

    private static boolean readsBack(BigDecimal candidate, double a, boolean isFloat) {
        String text = candidate.toString();
        return isFloat ? Float.parseFloat(text) == (float) a : Double.parseDouble(text) == a;
    }
}
