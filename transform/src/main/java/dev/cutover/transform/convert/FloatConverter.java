package dev.cutover.transform.convert;

import java.math.BigDecimal;

/**
 * {@code double precision} and {@code real}: output the shortest decimal that reads back as the identical binary
 * value ({@link DoubleText}), or {@code Infinity} / {@code -Infinity}.
 *
 * <p>INTEGER: its exact decimal, when the float type holds it exactly (every integer up to 2^53 in magnitude for
 * double precision, 2^24 for real, and larger ones with enough trailing zero bits); otherwise it fails. REAL: any
 * value for double precision; for real only when it converts to a 4-byte float exactly. TEXT: a decimal literal
 * (surrounding whitespace ignored) whose decimal value is exactly the float's shortest form, so no digit is lost
 * ({@code 0.1} is fine, {@code 0.12345678901234567890} fails), or infinity; NaN fails.
 */
final class FloatConverter extends StorageClassConverter {
    private final boolean single;

    private FloatConverter(Target target, boolean single) {
        super(target);
        this.single = single;
    }

    static FloatConverter doublePrecision(Target target) {
        return new FloatConverter(target, false);
    }

    static FloatConverter real(Target target) {
        return new FloatConverter(target, true);
    }

    @Override
    protected Object fromInteger(long value) {
        boolean exact = single
                ? (float) value != 0x1p63f && (long) (float) value == value
                : (double) value != 0x1p63 && (long) (double) value == value;
        if (!exact) {
            String becomes = single ? DoubleText.sqlite((float) value) : DoubleText.sqlite((double) value);
            throw target.fail(value, "cannot be held exactly by " + target.type() + " (it would become " + becomes
                    + "); set the column's targetType to bigint or numeric" + Target.IN_PLAN);
        }
        return Long.toString(value);
    }

    @Override
    protected Object fromReal(double value) {
        if (!single) {
            return DoubleText.sqlite(value);
        }
        float f = (float) value;
        if (f != value) {
            throw target.fail(value, "cannot be held exactly by " + target.type() + " (it would become "
                    + DoubleText.sqlite(f) + "); set the column's targetType to double precision" + Target.IN_PLAN);
        }
        return DoubleText.sqlite(f);
    }

    @Override
    protected Object fromText(String text) {
        int b = Chars.start(text);
        int e = Chars.end(text, b);
        switch (NumberSyntax.classify(text, b, e)) {
            case NumberSyntax.POSITIVE_INFINITY:
                return "Infinity";
            case NumberSyntax.NEGATIVE_INFINITY:
                return "-Infinity";
            case NumberSyntax.DECIMAL:
                return fromDecimalText(text, text.substring(b, e));
            default:
                throw target.fail(text, "is not a number; fix the value in the source, or set the column's targetType"
                        + " to text" + Target.IN_PLAN);
        }
    }

    private String fromDecimalText(String raw, String literal) {
        BigDecimal exact;
        try {
            exact = new BigDecimal(literal);
        } catch (NumberFormatException e) {
            throw tooLarge(raw);
        }
        DoubleText.Decimal shortest;
        if (single) {
            float f = Float.parseFloat(literal);
            if (Float.isInfinite(f)) {
                throw tooLarge(raw);
            }
            shortest = DoubleText.shortest(f);
        } else {
            double d = Double.parseDouble(literal);
            if (Double.isInfinite(d)) {
                throw tooLarge(raw);
            }
            shortest = DoubleText.shortest(d);
        }
        if (shortest.toBigDecimal().compareTo(exact) != 0) {
            throw target.fail(raw, "has more digits than " + target.type() + " holds (it would become "
                    + DoubleText.sqlite(shortest) + "); set the column's targetType to numeric or text"
                    + Target.IN_PLAN);
        }
        return DoubleText.sqlite(shortest);
    }

    private ConversionException tooLarge(String raw) {
        return target.fail(raw, "is beyond the range of " + target.type() + "; set the column's targetType to numeric"
                + " or text" + Target.IN_PLAN);
    }
}
