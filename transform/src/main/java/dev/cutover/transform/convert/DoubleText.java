package dev.cutover.transform.convert;

import java.math.BigDecimal;

/**
 * The shortest decimal that reads back as exactly the same {@code double} (or {@code float}), and its text forms.
 *
 * <p>"Shortest" means fewest significant digits; among decimals of that length, the one nearest the binary value.
 * JDK 17's {@code Double.toString} is not always shortest (it prints {@code 4.9E-324} for {@code 5e-324}), so the
 * digits are found by {@link ShortestSearch}. Stateless and thread-safe.
 */
final class DoubleText {
    private DoubleText() {
    }

    /**
     * A finite decimal {@code (-1)^negative × digits × 10^exponent}; digits has no trailing zeros (zero is digits 0,
     * exponent 0).
     */
    record Decimal(boolean negative, long digits, int exponent) {

        static Decimal of(boolean negative, long digits, int exponent) {
            if (digits == 0) {
                return new Decimal(negative, 0, 0);
            }
            while (digits % 10 == 0) {
                digits /= 10;
                exponent++;
            }
            return new Decimal(negative, digits, exponent);
        }

        int digitCount() {
            int count = 1;
            for (long power = 10; count < 19 && digits >= power; power *= 10) {
                count++;
            }
            return count;
        }

        /** The exponent of the first digit in scientific notation: 1.5e3 → 3. */
        int scientificExponent() {
            return digitCount() - 1 + exponent;
        }

        BigDecimal toBigDecimal() {
            BigDecimal value = BigDecimal.valueOf(digits, -exponent);
            return negative ? value.negate() : value;
        }
    }

    /** The shortest round-trip decimal of a finite double. */
    static Decimal shortest(double v) {
        boolean negative = (Double.doubleToRawLongBits(v) < 0);
        double a = Math.abs(v);
        if (a == 0) {
            return new Decimal(negative, 0, 0);
        }
        Decimal found = ShortestSearch.fast(negative, a);
        if (found == null) {
            found = ShortestSearch.wide(negative, a);
        }
        return found != null ? found : ShortestSearch.exact(negative, a, false);
    }

    /** The shortest decimal that reads back as exactly this finite float. */
    static Decimal shortest(float f) {
        boolean negative = (Float.floatToRawIntBits(f) < 0);
        float a = Math.abs(f);
        if (a == 0) {
            return new Decimal(negative, 0, 0);
        }
        return ShortestSearch.exact(negative, a, true);
    }

    /**
     * SQLite's layout for REAL as text ({@code CAST(x AS TEXT)}: {@code 3.0}, {@code 0.1}, {@code 1.0e-07},
     * {@code 1.0e+16}) with shortest round-trip digits instead of SQLite's 15, which can lose information. Plain
     * notation for decimal exponents -4..14, scientific otherwise; always a fraction or exponent, so the text
     * still reads as a REAL. Infinities are {@code Infinity} and {@code -Infinity}. Valid JSON for finite values.
     */
    static String sqlite(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return sqlite(shortest(v));
    }

    /** {@link #sqlite(double)} for a float's own shortest digits. */
    static String sqlite(float f) {
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        return sqlite(shortest(f));
    }

    static String sqlite(Decimal d) {
        String digits = Long.toString(d.digits());
        int e = digits.length() - 1 + d.exponent();
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (d.negative()) {
            out.append('-');
        }
        if (e < -4 || e >= 15) {
            out.append(digits.charAt(0)).append('.');
            out.append(digits.length() > 1 ? digits.substring(1) : "0");
            out.append('e').append(e < 0 ? '-' : '+');
            int abs = Math.abs(e);
            if (abs < 10) {
                out.append('0');
            }
            return out.append(abs).toString();
        }
        appendPlain(out, digits, d.exponent());
        if (d.exponent() >= 0) {
            out.append(".0");
        }
        return out.toString();
    }

    /** Plain notation without exponent or trailing ".0", as numeric input: 3, 0.99, 1e20 → 100000000000000000000. */
    static String plain(Decimal d) {
        String digits = Long.toString(d.digits());
        StringBuilder out = new StringBuilder(digits.length() + Math.abs(d.exponent()) + 3);
        if (d.negative() && d.digits() != 0) {
            out.append('-');
        }
        appendPlain(out, digits, d.exponent());
        return out.toString();
    }

    private static void appendPlain(StringBuilder out, String digits, int exponent) {
        if (exponent >= 0) {
            out.append(digits);
            out.append("0".repeat(digits.equals("0") ? 0 : exponent));
            return;
        }
        int point = digits.length() + exponent;
        if (point > 0) {
            out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        } else {
            out.append("0.").append("0".repeat(-point)).append(digits);
        }
    }
}
