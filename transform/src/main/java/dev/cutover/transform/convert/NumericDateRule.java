package dev.cutover.transform.convert;

import dev.cutover.schemas.plan.NumericDates;

/**
 * How a date/time column reads INTEGER and REAL values: its {@link NumericDates} unit and the precision steps it
 * keeps. Immutable.
 *
 * @param unit  the plan's unit, or null when the plan gives none (numbers then fail)
 * @param steps instant resolutions in microseconds, coarsest first; the last is what the column keeps
 */
record NumericDateRule(NumericDates unit, long[] steps) {

    /** Epoch microseconds of an INTEGER or REAL, at a multiple of the finest step. */
    long micros(Object raw, Target target) {
        if (unit == null) {
            throw target.fail(raw, "is a number, but the plan does not say how numbers in this column are read;"
                    + " set the column's numericDates to EPOCH_SECONDS, EPOCH_MILLIS or JULIAN_DAY" + Target.IN_PLAN);
        }
        if (raw instanceof Double d) {
            return EpochNumbers.fromReal(d, unit, steps, target);
        }
        long micros = EpochNumbers.fromInteger((Long) raw, unit, target);
        long finest = steps[steps.length - 1];
        if (micros % finest != 0) {
            if (finest == CivilTime.MICROS_PER_DAY) {
                throw target.fail(raw, "is not midnight UTC when read as " + EpochNumbers.describe(unit) + " ("
                        + CivilTime.formatTimestamp(micros, false) + " UTC), so it is not a date; set the column's"
                        + " targetType to timestamp" + Target.IN_PLAN);
            }
            throw target.fail(raw, "read as " + EpochNumbers.describe(unit) + " is more precise than " + target.type()
                    + " keeps, so PostgreSQL would round it; set the column's targetType to one that keeps more"
                    + " (timestamp keeps microseconds)" + Target.IN_PLAN);
        }
        return micros;
    }

    /** Steps for a timestamp keeping {@code digits} fraction digits: 1 s, 0.1 s, ... 10^-digits s. */
    static long[] fractionSteps(int digits) {
        long[] steps = new long[digits + 1];
        long step = CivilTime.MICROS_PER_SECOND;
        for (int i = 0; i <= digits; i++) {
            steps[i] = step;
            step /= 10;
        }
        return steps;
    }
}
