package dev.cutover.transform.convert;

/**
 * {@code smallint}, {@code integer}, {@code bigint}: output the decimal integer.
 *
 * <p>INTEGER within range. REAL that is a whole number within range ({@code 3.0} → {@code 3}); a fraction,
 * infinity or out-of-range value fails. TEXT that is an integer literal — optional sign, decimal digits, surrounding
 * whitespace ignored as SQLite's affinity and PostgreSQL both do — within range, in canonical form ({@code " +007"}
 * → {@code 7}); {@code 1.0}, {@code 1e3} or hex fail. BLOB fails.
 */
final class IntegerConverter extends StorageClassConverter {
    private final long min;
    private final long max;
    private final String wider;

    IntegerConverter(Target target, long min, long max, String wider) {
        super(target);
        this.min = min;
        this.max = max;
        this.wider = wider;
    }

    static IntegerConverter smallint(Target target) {
        return new IntegerConverter(target, Short.MIN_VALUE, Short.MAX_VALUE, "integer");
    }

    static IntegerConverter integer(Target target) {
        return new IntegerConverter(target, Integer.MIN_VALUE, Integer.MAX_VALUE, "bigint");
    }

    static IntegerConverter bigint(Target target) {
        return new IntegerConverter(target, Long.MIN_VALUE, Long.MAX_VALUE, "numeric");
    }

    /** The integer itself: its text is its decimal digits, which the row encoder writes without a String. */
    @Override
    protected Object fromInteger(long value) {
        return inRange(value, value);
    }

    @Override
    protected Object fromReal(double value) {
        if (!Double.isFinite(value) || value != Math.rint(value)) {
            throw target.fail(value, "is not a whole number, so " + target.type() + " cannot hold it; set the column's"
                    + " targetType to double precision or numeric" + Target.IN_PLAN);
        }
        if (value < -0x1p63 || value >= 0x1p63) {
            throw outOfRange(value);
        }
        return Long.toString(inRange(value, (long) value));
    }

    @Override
    protected Object fromText(String text) {
        int b = Chars.start(text);
        int e = Chars.end(text, b);
        int i = b;
        boolean negative = false;
        if (i < e && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (i == e) {
            throw notInteger(text);
        }
        boolean canonical = b == 0 && e == text.length() && text.charAt(0) != '+'
                && (text.charAt(i) != '0' || (i + 1 == e && !negative));
        long accumulated = 0;  // negative, so Long.MIN_VALUE fits
        boolean overflow = false;
        for (; i < e; i++) {
            char c = text.charAt(i);
            if (!Chars.isDigit(c)) {
                throw notInteger(text);
            }
            int digit = c - '0';
            if (accumulated < Long.MIN_VALUE / 10 || accumulated * 10 < Long.MIN_VALUE + digit) {
                overflow = true;
            } else {
                accumulated = accumulated * 10 - digit;
            }
        }
        if (overflow || (!negative && accumulated == Long.MIN_VALUE)) {
            throw outOfRange(text);
        }
        long value = inRange(text, negative ? accumulated : -accumulated);
        return canonical ? text : Long.toString(value);
    }

    private long inRange(Object raw, long value) {
        if (value < min || value > max) {
            throw outOfRange(raw);
        }
        return value;
    }

    private ConversionException outOfRange(Object raw) {
        return target.fail(raw, "is out of range for " + target.type() + " (" + min + " to " + max + "); set the"
                + " column's targetType to " + wider + Target.IN_PLAN);
    }

    private ConversionException notInteger(String text) {
        return target.fail(text, "is not an integer (expected an optional sign and decimal digits); fix the value in"
                + " the source, or set the column's targetType to text" + Target.IN_PLAN);
    }
}
