package dev.cutover.schemas.plan;

/** How a number stored in a date or timestamp column is read. Text values are always read as ISO-8601 text. */
public enum NumericDates {
    /** Seconds since 1970-01-01T00:00:00Z (SQLite's {@code unixepoch()}, {@code strftime('%s')}). */
    EPOCH_SECONDS,
    /** Milliseconds since 1970-01-01T00:00:00Z (how Prisma stores DateTime in SQLite). */
    EPOCH_MILLIS,
    /** Julian day number (SQLite's {@code julianday()}). */
    JULIAN_DAY;

    /** Integers at least this large (in magnitude) are milliseconds: as seconds they would be after the year 5000. */
    static final double MILLIS_THRESHOLD = 1e11;
    /** Julian day numbers of the years 2 BC to 22666 AD; as epoch seconds these would all fall in early 1970. */
    static final double JULIAN_LOW = 1e6;
    static final double JULIAN_HIGH = 1e7;

    /**
     * The reading that fits the numbers a column holds. Integers decide when there are any: magnitudes of at least
     * 1e11 are milliseconds, smaller ones seconds. Otherwise REALs all within [1e6, 1e7) are Julian days, other REALs
     * seconds. A column without numbers reads future ones as seconds.
     */
    public static NumericDates of(ValueProfile profile) {
        if (profile == null) {
            return EPOCH_SECONDS;
        }
        if (profile.integers() > 0 && profile.minInteger() != null && profile.maxInteger() != null) {
            double largest = Math.max(Math.abs((double) profile.minInteger()), Math.abs((double) profile.maxInteger()));
            return largest >= MILLIS_THRESHOLD ? EPOCH_MILLIS : EPOCH_SECONDS;
        }
        if (profile.reals() > 0 && profile.minReal() != null && profile.maxReal() != null) {
            boolean julian = profile.minReal() >= JULIAN_LOW && profile.maxReal() < JULIAN_HIGH;
            return julian ? JULIAN_DAY : EPOCH_SECONDS;
        }
        return EPOCH_SECONDS;
    }
}
