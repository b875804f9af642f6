package dev.cutover.transform.convert;

/**
 * Recognises numeric literals in text without regular expressions or allocation.
 *
 * <p>A decimal literal is {@code [+-] digits [. [digits]] [(e|E) [+-] digits]} or {@code [+-] . digits [exponent]},
 * the forms SQLite, PostgreSQL and {@link java.math.BigDecimal} all read. Infinity is {@code [+-]Infinity} or
 * {@code [+-]inf} in any case. NaN is not a number here: SQLite cannot store a NaN REAL, so a text "NaN" is an
 * application's marker, not a value.
 */
final class NumberSyntax {
    static final int INVALID = 0;
    static final int DECIMAL = 1;
    static final int POSITIVE_INFINITY = 2;
    static final int NEGATIVE_INFINITY = 3;

    private NumberSyntax() {
    }

    /** Classifies {@code s[begin, end)}. */
    static int classify(String s, int begin, int end) {
        int i = begin;
        boolean negative = false;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (isInfinity(s, i, end)) {
            return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        int digits = 0;
        while (i < end && Chars.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && Chars.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return INVALID;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && Chars.isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return INVALID;
            }
        }
        return i == end ? DECIMAL : INVALID;
    }

    private static boolean isInfinity(String s, int i, int end) {
        int n = end - i;
        return (n == 8 && s.regionMatches(true, i, "infinity", 0, 8))
                || (n == 3 && s.regionMatches(true, i, "inf", 0, 3));
    }
}
