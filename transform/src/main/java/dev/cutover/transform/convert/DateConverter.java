package dev.cutover.transform.convert;

import dev.cutover.schemas.plan.NumericDates;

/**
 * {@code date}: output {@code YYYY-MM-DD}.
 *
 * <p>TEXT is a date, or a date-time that is exactly midnight UTC (after applying its offset); any other time of day
 * fails, because a date column would drop it. INTEGER and REAL are read per the column's {@link NumericDates} and
 * must land exactly on a UTC midnight (see {@link EpochNumbers} for REAL).
 */
final class DateConverter extends StorageClassConverter {
    private final NumericDateRule numbers;

    DateConverter(Target target, NumericDates numericDates) {
        super(target);
        this.numbers = new NumericDateRule(numericDates, new long[] {CivilTime.MICROS_PER_DAY});
    }

    @Override
    protected Object fromText(String text) {
        long micros = DateTimeText.parseTimestamp(text, 6, target);
        if (micros % CivilTime.MICROS_PER_DAY != 0) {
            throw target.fail(text, "has a time of day other than midnight UTC ("
                    + CivilTime.formatTimestamp(micros, false) + " UTC), which a date would drop; the column should be"
                    + " timestamp: set its targetType to timestamp" + Target.IN_PLAN);
        }
        return text.length() == 10 ? text : CivilTime.formatDate(micros / CivilTime.MICROS_PER_DAY);
    }

    @Override
    protected Object fromInteger(long value) {
        return CivilTime.formatDate(Math.floorDiv(numbers.micros(value, target), CivilTime.MICROS_PER_DAY));
    }

    @Override
    protected Object fromReal(double value) {
        return CivilTime.formatDate(Math.floorDiv(numbers.micros(value, target), CivilTime.MICROS_PER_DAY));
    }
}
