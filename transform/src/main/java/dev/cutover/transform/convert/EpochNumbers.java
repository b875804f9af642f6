package dev.cutover.transform.convert;

import dev.cutover.schemas.plan.NumericDates;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Reads INTEGER and REAL values of date/time columns as instants, per the column's {@link NumericDates}.
 *
 * <p>INTEGER values are exact: seconds and milliseconds scale to microseconds, an integral Julian day is noon UTC.
 *
 * <p>REAL values, in two steps:
 * <ol>
 *   <li><em>Exact:</em> the instant with the fewest fractional-second digits (whole seconds, then tenths, ... down
 *       to the column's precision) that converts back to exactly the same REAL; among several with that many
 *       digits, the nearest to the REAL's binary value. A REAL cannot tell such instants apart (an epoch-seconds REAL
 *       around 2023 is precise to 0.24 µs, a Julian day to about 40 µs), so this is no change at all: converting the
 *       stored instant back gives the identical REAL. This is how {@code 1700000000.123} gives {@code .123} (not the
 *       binary {@code .12299990654}) and {@code julianday('2021-01-01 12:34:56.789')} gives {@code .789}. For
 *       seconds and milliseconds it is the REAL's shortest round-trip decimal ({@link DoubleText}).</li>
 *   <li><em>Rounded, only below the REAL's 15th significant digit:</em> when no instant at the column's precision
 *       converts back, the value is rounded to the nearest step (ties to even) if that step is at most one unit of
 *       the REAL's 15th significant decimal digit. A double carries 15 significant decimal digits reliably (every
 *       15-digit decimal survives a round trip through it, not every 16- or 17-digit one), so the rounding touches
 *       only digits that are artifacts of binary rounding. Example: Python's {@code time.time()} stored as REAL,
 *       {@code 1700000000.1234567}, is {@code .123457} in a timestamp (the 15th digit is the 10 µs place). In a
 *       {@code timestamp(3)} it fails, because rounding to milliseconds would drop real digits; near 1970, where a
 *       REAL holds sub-microsecond digits reliably, extra digits fail too.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe. Julian-day REALs that are not whole half-days take an exact {@link BigDecimal}
 * search (a few microseconds each); everything else is arithmetic on longs.
 */
final class EpochNumbers {
    /** Julian day of 1970-01-01 00:00 UTC. */
    private static final double JULIAN_EPOCH = 2440587.5;
    private static final BigDecimal JULIAN_EPOCH_EXACT = new BigDecimal("2440587.5");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    static final long NONE = Long.MIN_VALUE;

    private EpochNumbers() {
    }

    /** Microseconds of the unit: how many microseconds one second, millisecond or day is. */
    private static long unitMicros(NumericDates unit) {
        return switch (unit) {
            case EPOCH_SECONDS -> CivilTime.MICROS_PER_SECOND;
            case EPOCH_MILLIS -> 1000;
            case JULIAN_DAY -> CivilTime.MICROS_PER_DAY;
        };
    }

    /** Epoch microseconds of an INTEGER; fails outside years 0001–9999. */
    static long fromInteger(long value, NumericDates unit, Target target) {
        long limit = Long.MAX_VALUE / 2 / unitMicros(unit);
        if (value > limit || value < -limit) {
            throw outOfRange(value, unit, target);
        }
        long micros = unit == NumericDates.JULIAN_DAY
                ? (value - 2440588) * CivilTime.MICROS_PER_DAY + CivilTime.MICROS_PER_DAY / 2
                : value * unitMicros(unit);
        if (!CivilTime.inRange(micros)) {
            throw outOfRange(value, unit, target);
        }
        return micros;
    }

    /**
     * Epoch microseconds of a REAL: the instant with the fewest fraction digits that converts back to it, trying
     * the steps (in microseconds, coarsest first); fails when none does or when it is outside years 0001–9999.
     */
    static long fromReal(double value, NumericDates unit, long[] steps, Target target) {
        if (!Double.isFinite(value)) {
            throw target.fail(value, "is not a finite number, so it is no instant; fix the value in the source, or set"
                    + " the column's targetType to double precision" + Target.IN_PLAN);
        }
        double approxMicros = unit == NumericDates.JULIAN_DAY
                ? (value - JULIAN_EPOCH) * CivilTime.MICROS_PER_DAY
                : value * unitMicros(unit);
        if (!(approxMicros >= CivilTime.MIN_MICROS - CivilTime.MICROS_PER_DAY
                && approxMicros <= CivilTime.MAX_MICROS + CivilTime.MICROS_PER_DAY)) {
            throw outOfRange(value, unit, target);
        }
        long finest = steps[steps.length - 1];
        long micros = exactFastPath(value, unit);
        if (micros != NONE) {
            micros = micros % finest == 0 ? micros : NONE;
        } else {
            micros = unit == NumericDates.JULIAN_DAY
                    ? search(value, unit, steps)
                    : shortestInstant(value, unit, finest);
        }
        if (micros == NONE && onlyUnreliableDigitsBelow(value, unit, finest)) {
            micros = nearest(value, unit, finest);
        }
        if (micros == NONE) {
            throw tooPrecise(value, unit, steps, target);
        }
        if (!CivilTime.inRange(micros)) {
            throw outOfRange(value, unit, target);
        }
        return micros;
    }

    /**
     * For seconds and milliseconds: the REAL's shortest round-trip decimal as microseconds when it is a multiple of
     * {@code finest}, else {@link #NONE}. The shortest decimal has the fewest fraction digits of all decimals that
     * read back as the REAL, so it is the instant step 1 looks for.
     */
    static long shortestInstant(double value, NumericDates unit, long finest) {
        DoubleText.Decimal decimal = DoubleText.shortest(value);
        int shift = decimal.exponent() + (unit == NumericDates.EPOCH_SECONDS ? 6 : 3);
        if (shift < 0) {
            return NONE;
        }
        long micros = decimal.digits();
        for (int i = 0; i < shift; i++) {
            micros = Math.multiplyExact(micros, 10);
        }
        micros = decimal.negative() ? -micros : micros;
        return micros % finest == 0 ? micros : NONE;
    }

    /** Whether a step of {@code finest} microseconds is at most one unit of the REAL's 15th significant digit. */
    private static boolean onlyUnreliableDigitsBelow(double value, NumericDates unit, long finest) {
        int fifteenthDigit = DoubleText.shortest(value).scientificExponent() - 14;
        return fifteenthDigit >= 0
                ? finest <= timesPowerOfTen(unitMicros(unit), fifteenthDigit)
                : timesPowerOfTen(finest, -fifteenthDigit) <= unitMicros(unit);
    }

    /** x·10^k for x ≥ 0, or {@link Long#MAX_VALUE} when that does not fit. */
    private static long timesPowerOfTen(long x, int k) {
        long result = x;
        for (int i = 0; i < k; i++) {
            if (result > Long.MAX_VALUE / 10) {
                return Long.MAX_VALUE;
            }
            result *= 10;
        }
        return result;
    }

    /**
     * The REAL's exact value in microseconds, rounded to the nearest multiple of {@code finest}, ties to even. Whole
     * microseconds of seconds and milliseconds in 128-bit integer arithmetic, the rest with {@link BigDecimal}.
     */
    static long nearest(double value, NumericDates unit, long finest) {
        long bits = Double.doubleToRawLongBits(Math.abs(value));
        int shift = 1075 - (int) (bits >>> 52);
        if (unit == NumericDates.JULIAN_DAY || finest != 1 || bits >>> 52 == 0 || shift <= 0 || shift >= 128) {
            return nearestExact(value, unit, finest);
        }
        long significand = (bits & ((1L << 52) - 1)) | (1L << 52);
        long scale = unitMicros(unit);
        long micros = U128.shiftedProduct(significand, scale, shift);
        int fraction = U128.compareRemainderToHalf(significand, scale, shift);
        if (fraction > 0 || (fraction == 0 && (micros & 1) == 1)) {
            micros++;
        }
        return value < 0 ? -micros : micros;
    }

    static long nearestExact(double value, NumericDates unit, long finest) {
        BigDecimal micros = toMicros(new BigDecimal(value), unit);
        return micros.divide(BigDecimal.valueOf(finest), 0, RoundingMode.HALF_EVEN).longValueExact() * finest;
    }

    /**
     * The exact instant of a REAL that is a whole number of seconds or milliseconds, or a whole number of half days
     * since the Julian epoch; {@link #NONE} for others. Such an instant is itself the one with fewest digits.
     */
    private static long exactFastPath(double value, NumericDates unit) {
        if (unit == NumericDates.JULIAN_DAY) {
            if (value < JULIAN_EPOCH / 2 || value > JULIAN_EPOCH * 2) {
                return NONE;
            }
            double halfDays = (value - JULIAN_EPOCH) * 2;  // exact: Sterbenz, then a power of two
            return halfDays == Math.rint(halfDays) ? (long) halfDays * (CivilTime.MICROS_PER_DAY / 2) : NONE;
        }
        return value == Math.rint(value) && Math.abs(value) < 0x1p53 ? (long) value * unitMicros(unit) : NONE;
    }

    /**
     * The instant with fewest fraction digits whose exact value in the unit rounds (to nearest, ties to even) to
     * {@code value}, or {@link #NONE}. Those are the reals between the midpoints to the neighbouring doubles; a
     * midpoint itself rounds to {@code value} when its significand is even.
     */
    static long search(double value, NumericDates unit, long[] steps) {
        BigDecimal exact = new BigDecimal(value);
        BigDecimal t = toMicros(exact, unit);
        BigDecimal low = toMicros(exact.add(new BigDecimal(Math.nextDown(value))).multiply(HALF), unit);
        BigDecimal high = toMicros(exact.add(new BigDecimal(Math.nextUp(value))).multiply(HALF), unit);
        boolean closed = (Double.doubleToRawLongBits(value) & 1) == 0;
        for (long step : steps) {
            BigDecimal size = BigDecimal.valueOf(step);
            BigDecimal below = t.divide(size, 0, RoundingMode.FLOOR).multiply(size);
            BigDecimal above = below.add(size);
            boolean belowFits = inside(below, low, high, closed);
            boolean aboveFits = inside(above, low, high, closed);
            if (belowFits && aboveFits) {
                int cmp = t.subtract(below).compareTo(above.subtract(t));
                boolean belowEven = !below.divide(size).toBigInteger().testBit(0);
                return (cmp < 0 || (cmp == 0 && belowEven) ? below : above).longValueExact();
            }
            if (belowFits || aboveFits) {
                return (belowFits ? below : above).longValueExact();
            }
        }
        return NONE;
    }

    private static boolean inside(BigDecimal candidate, BigDecimal low, BigDecimal high, boolean closed) {
        int lo = candidate.compareTo(low);
        int hi = candidate.compareTo(high);
        return closed ? lo >= 0 && hi <= 0 : lo > 0 && hi < 0;
    }

    private static BigDecimal toMicros(BigDecimal units, NumericDates unit) {
        BigDecimal fromEpoch = unit == NumericDates.JULIAN_DAY ? units.subtract(JULIAN_EPOCH_EXACT) : units;
        return fromEpoch.multiply(BigDecimal.valueOf(unitMicros(unit)));
    }

    private static ConversionException outOfRange(Object value, NumericDates unit, Target target) {
        return target.fail(value, "lies outside years 0001–9999 when read as " + describe(unit) + " (numericDates "
                + unit + "); if the column holds another unit, set its numericDates" + Target.IN_PLAN
                + ", otherwise set its targetType to bigint or double precision");
    }

    private static ConversionException tooPrecise(double value, NumericDates unit, long[] steps, Target target) {
        long finest = steps[steps.length - 1];
        if (finest == CivilTime.MICROS_PER_DAY) {
            long micros = Math.round(toMicros(new BigDecimal(value), unit).doubleValue());
            String when = CivilTime.inRange(micros) ? " (" + CivilTime.formatTimestamp(micros, false) + " UTC)" : "";
            return target.fail(value, "is not midnight UTC when read as " + describe(unit) + when
                    + ", so it is not a date; set the column's targetType to timestamp" + Target.IN_PLAN);
        }
        return target.fail(value, "read as " + describe(unit) + " is more precise than " + target.type()
                + " keeps, so PostgreSQL would round it; set the column's targetType to one that keeps more"
                + " (timestamp keeps microseconds) or to double precision" + Target.IN_PLAN);
    }

    static String describe(NumericDates unit) {
        return switch (unit) {
            case EPOCH_SECONDS -> "seconds since 1970-01-01 UTC";
            case EPOCH_MILLIS -> "milliseconds since 1970-01-01 UTC";
            case JULIAN_DAY -> "a Julian day number";
        };
    }
}
