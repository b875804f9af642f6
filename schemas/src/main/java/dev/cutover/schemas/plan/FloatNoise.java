package dev.cutover.schemas.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Float noise in a {@code numeric(p,s)} column: the rule that decides when a REAL is a decimal number written in
 * binary, and lands in PostgreSQL rounded to the column's scale, rather than a value with more digits than the column
 * keeps. The planner, the transformer (snapshot, live changes and {@code export}) and the validator all apply it
 * through this class, so they agree.
 *
 * <p>SQLite keeps arithmetic on a decimal column in REALs: {@code balance = balance + 1.0} turns 0.84 into
 * 1.8399999999999999, the double nearest to 0.84 + 1.0, not the one nearest to 1.84. The rule: a REAL is float noise
 * at scale s when its value rounded to 15 significant digits (the digits a double always holds: every decimal of 15
 * significant digits reads back from its nearest double unchanged) has at most s digits after the decimal point. It
 * then lands as the REAL rounded to s fraction digits (half away from zero, as PostgreSQL rounds), which differs from
 * it by less than half a unit in its 15th significant digit. A REAL whose 15 significant digits need more than s
 * fraction digits (0.125 at scale 2) carries digits the column would lose, and does not fit. At magnitudes of
 * 10^(15-s) and more, a double has fewer than s fraction digits to give, so every REAL there is rounded to s.
 *
 * <p>Unconstrained {@code numeric} keeps every digit a REAL has, so the rule has no scale to round to there. Keys are
 * never rounded: two source keys rounding to one would merge two rows. Stateless and thread-safe.
 */
public final class FloatNoise {
    /** Significant decimal digits a double always holds exactly (C's {@code DBL_DIG}). */
    public static final int DIGITS = 15;

    private static final MathContext DOUBLE_DIGITS = new MathContext(DIGITS, RoundingMode.HALF_EVEN);
    private static final Pattern CONSTRAINED_NUMERIC = Pattern.compile(
            "\\s*(?:numeric|decimal)\\s*\\(\\s*\\d+\\s*(?:,\\s*(-?\\d+)\\s*)?\\)\\s*", Pattern.CASE_INSENSITIVE);

    private FloatNoise() {
    }

    /**
     * The REAL rounded to {@code scale} fraction digits when its digits beyond them are float noise; null when its
     * value needs more fraction digits than {@code scale}, and for infinities and NaN. Callers ask only about a REAL
     * whose shortest decimal has more than {@code scale} fraction digits: one with fewer lands as that decimal.
     */
    public static BigDecimal rounded(double value, int scale) {
        if (!Double.isFinite(value)) {
            return null;
        }
        BigDecimal exact = new BigDecimal(value);
        if (exact.round(DOUBLE_DIGITS).stripTrailingZeros().scale() > scale) {
            return null;
        }
        return exact.setScale(scale, RoundingMode.HALF_UP);
    }

    /**
     * The scale the rule rounds to in a column of this target type: s for {@code numeric(p,s)} (and
     * {@code decimal}), 0 for {@code numeric(p)}; empty for every other type, unconstrained {@code numeric} included.
     */
    public static OptionalInt scaleOf(String targetType) {
        Matcher numeric = CONSTRAINED_NUMERIC.matcher(targetType);
        if (!numeric.matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(numeric.group(1) == null ? 0 : Integer.parseInt(numeric.group(1)));
    }
}
