package dev.cutover.schemas.plan;

/** How a number stored in a date or timestamp column is read. Text values are always read as ISO-8601 text. */
public enum NumericDates {
    /** Seconds since 1970-01-01T00:00:00Z (SQLite's {@code unixepoch()}, {@code strftime('%s')}). */
    EPOCH_SECONDS,
    /** Milliseconds since 1970-01-01T00:00:00Z (how Prisma stores DateTime in SQLite). */
    EPOCH_MILLIS,
    /** Julian day number (SQLite's {@code julianday()}). */
    JULIAN_DAY
}
