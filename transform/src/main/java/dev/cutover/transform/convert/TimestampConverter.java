package dev.cutover.transform.convert;

import dev.cutover.schemas.plan.NumericDates;

/**
 * {@code timestamp[(p)] [without time zone]} and {@code timestamp[(p)] with time zone}: the column holds UTC.
 *
 * <p>Output {@code YYYY-MM-DD HH:MM:SS[.f]} with the fraction's trailing zeros dropped; with time zone it ends in
 * {@code +00}, so PostgreSQL reads the same instant whatever the session's time zone. TEXT is read by
 * {@link DateTimeText} (offsets converted to UTC), INTEGER and REAL per the column's {@link NumericDates} by
 * {@link EpochNumbers}. Values more precise than the column (default 6 fraction digits) fail.
 */
final class TimestampConverter extends StorageClassConverter {
    private final boolean withZone;
    private final int precision;
    private final NumericDateRule numbers;

    TimestampConverter(Target target, boolean withZone, int precision, NumericDates numericDates) {
        super(target);
        this.withZone = withZone;
        this.precision = precision;
        this.numbers = new NumericDateRule(numericDates, NumericDateRule.fractionSteps(precision));
    }

    @Override
    protected Object fromText(String text) {
        long micros = DateTimeText.parseTimestamp(text, precision, target);
        return !withZone && isCanonical(text) ? text : CivilTime.formatTimestamp(micros, withZone);
    }

    @Override
    protected Object fromInteger(long value) {
        return CivilTime.formatTimestamp(numbers.micros(value, target), withZone);
    }

    @Override
    protected Object fromReal(double value) {
        return CivilTime.formatTimestamp(numbers.micros(value, target), withZone);
    }

    /**
     * Whether text that parsed is already the output form, {@code YYYY-MM-DD HH:MM:SS[.f]} with no zone and no
     * trailing zero in the fraction, so it can be returned as is.
     */
    private static boolean isCanonical(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(10) != ' ' || s.charAt(16) != ':') {
            return false;
        }
        if (n == 19) {
            return true;
        }
        if (s.charAt(19) != '.' || n == 20 || s.charAt(n - 1) == '0') {
            return false;
        }
        for (int i = 20; i < n; i++) {
            if (!Chars.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
