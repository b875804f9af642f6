package dev.cutover.transform.convert;

import dev.cutover.schemas.plan.FloatNoise;
import java.math.BigDecimal;

/**
 * {@code numeric}, {@code numeric(p)}, {@code numeric(p,s)} (and {@code decimal}): output plain decimal text.
 *
 * <p>INTEGER exactly. REAL as its shortest round-trip decimal ({@code 0.99}, not the binary expansion
 * {@code 0.98999999999999999112}). TEXT that is a decimal literal (surrounding whitespace ignored, exponents
 * allowed) in plain notation, keeping its written fraction digits ({@code 1.50} stays {@code 1.50}, as numeric's
 * display scale does). Infinity (REAL or text) only for unconstrained numeric, which PostgreSQL 14+ accepts; NaN
 * text fails.
 *
 * <p>With precision p and scale s, a value fails when it has more than s significant fraction digits (PostgreSQL
 * would round it) or is at least 10^(p-s) in magnitude (PostgreSQL would refuse it). One exception: a REAL whose
 * digits beyond s are float noise ({@link FloatNoise}: 1.8399999999999999, the sum 0.84 + 1.0, in numeric(12,2)) lands
 * rounded to s, as a {@link RoundedReal} so that the rounding is counted. Unconstrained numeric fails beyond
 * PostgreSQL's 131072 integer digits or 16383 fraction digits.
 */
final class NumericConverter extends StorageClassConverter {
    private static final int MAX_INTEGER_DIGITS = 131072;
    private static final int MAX_FRACTION_DIGITS = 16383;

    private final boolean constrained;
    private final int precision;
    private final int scale;

    NumericConverter(Target target, boolean constrained, int precision, int scale) {
        super(target);
        this.constrained = constrained;
        this.precision = precision;
        this.scale = scale;
    }

    @Override
    protected Object fromInteger(long value) {
        if (constrained) {
            fits(value, BigDecimal.valueOf(value));
        }
        return Long.toString(value);
    }

    @Override
    protected Object fromReal(double value) {
        if (Double.isInfinite(value)) {
            return infinity(value, value > 0);
        }
        DoubleText.Decimal decimal = DoubleText.shortest(value);
        if (constrained) {
            BigDecimal shortest = decimal.toBigDecimal();
            if (fractionDigits(shortest) > scale) {
                BigDecimal rounded = FloatNoise.rounded(value, scale);
                if (rounded != null) {
                    fitsIntegerDigits(value, rounded);
                    return new RoundedReal(plain(rounded));
                }
            }
            fits(value, shortest);
        }
        return DoubleText.plain(decimal);
    }

    @Override
    protected Object fromText(String text) {
        int b = Chars.start(text);
        int e = Chars.end(text, b);
        switch (NumberSyntax.classify(text, b, e)) {
            case NumberSyntax.POSITIVE_INFINITY:
                return infinity(text, true);
            case NumberSyntax.NEGATIVE_INFINITY:
                return infinity(text, false);
            case NumberSyntax.DECIMAL:
                return fromDecimalText(text, text.substring(b, e));
            default:
                throw target.fail(text, "is not a number; fix the value in the source, or set the column's targetType"
                        + " to text" + Target.IN_PLAN);
        }
    }

    private String fromDecimalText(String raw, String literal) {
        BigDecimal value;
        try {
            value = new BigDecimal(literal);
        } catch (NumberFormatException e) {
            throw outOfRange(raw);
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS) {
            throw outOfRange(raw);
        }
        if (constrained) {
            fits(raw, value);
        }
        return plain(value);
    }

    private static String plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    private String infinity(Object raw, boolean positive) {
        if (constrained) {
            throw target.fail(raw, "is infinite, which " + target.type() + " cannot hold; set the column's targetType"
                    + " to numeric (PostgreSQL 14 or later) or double precision" + Target.IN_PLAN);
        }
        return positive ? "Infinity" : "-Infinity";
    }

    private void fits(Object raw, BigDecimal value) {
        int fractionDigits = fractionDigits(value);
        if (fractionDigits > scale) {
            throw target.fail(raw, "has " + fractionDigits + " digits after the decimal point, but " + target.type()
                    + " keeps " + scale + ", so PostgreSQL would round it; set the column's targetType to numeric("
                    + (precision + fractionDigits - scale) + "," + fractionDigits + ") or numeric" + Target.IN_PLAN);
        }
        fitsIntegerDigits(raw, value);
    }

    /** Digits after the decimal point, trailing zeros left out (negative for a multiple of 10, 100, ...). */
    private static int fractionDigits(BigDecimal value) {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().scale();
    }

    private void fitsIntegerDigits(Object raw, BigDecimal value) {
        if (value.signum() == 0) {
            return;
        }
        BigDecimal significant = value.stripTrailingZeros();
        int integerDigits = significant.precision() - significant.scale();
        if (integerDigits > precision - scale) {
            throw target.fail(raw, "has " + integerDigits + " digits before the decimal point, but " + target.type()
                    + " allows " + Math.max(0, precision - scale) + "; set the column's targetType to numeric("
                    + (integerDigits + scale) + "," + scale + ") or numeric" + Target.IN_PLAN);
        }
    }

    private ConversionException outOfRange(String raw) {
        return target.fail(raw, "is beyond the range of numeric (131072 digits before the decimal point, 16383 after);"
                + " set the column's targetType to text" + Target.IN_PLAN);
    }
}
