package dev.cutover.transform.convert;

/**
 * Proleptic Gregorian calendar arithmetic on epoch days and epoch microseconds (UTC), and PostgreSQL's ISO output
 * forms. Allocation-free except for the returned strings. Stateless and thread-safe.
 *
 * <p>Dates are limited to years 0001–9999: the years SQLite's date functions handle, and the years PostgreSQL
 * writes as plain {@code YYYY-MM-DD} (no {@code BC}, no five-digit years).
 */
final class CivilTime {
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    /** 0001-01-01 00:00:00 UTC. */
    static final long MIN_MICROS = daysFromCivil(1, 1, 1) * MICROS_PER_DAY;
    /** 9999-12-31 23:59:59.999999 UTC. */
    static final long MAX_MICROS = daysFromCivil(10000, 1, 1) * MICROS_PER_DAY - 1;

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final String[] MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private CivilTime() {
    }

    static boolean isLeapYear(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    static int daysInMonth(int year, int month) {
        return month == 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
    }

    static String monthName(int month) {
        return MONTH_NAMES[month - 1];
    }

    /** Days since 1970-01-01 of a valid date; counts in 400-year cycles of 146097 days, years starting in March. */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int monthFromMarch = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * monthFromMarch + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    static boolean inRange(long micros) {
        return micros >= MIN_MICROS && micros <= MAX_MICROS;
    }

    /** {@code YYYY-MM-DD} of an epoch day within years 0001–9999. */
    static String formatDate(long epochDay) {
        char[] out = new char[10];
        writeDate(out, epochDay);
        return new String(out);
    }

    /**
     * {@code YYYY-MM-DD HH:MM:SS[.ffffff]} (fraction without trailing zeros), with {@code +00} when
     * {@code withZone}; micros must be within {@link #MIN_MICROS}..{@link #MAX_MICROS}.
     */
    static String formatTimestamp(long micros, boolean withZone) {
        char[] out = new char[30];
        long day = Math.floorDiv(micros, MICROS_PER_DAY);
        writeDate(out, day);
        out[10] = ' ';
        int n = writeTime(out, 11, micros - day * MICROS_PER_DAY);
        if (withZone) {
            out[n++] = '+';
            out[n++] = '0';
            out[n++] = '0';
        }
        return new String(out, 0, n);
    }

    /** {@code HH:MM:SS[.ffffff]} of microseconds since midnight, 0..{@link #MICROS_PER_DAY} (24:00:00) inclusive. */
    static String formatTime(long microsOfDay) {
        char[] out = new char[15];
        return new String(out, 0, writeTime(out, 0, microsOfDay));
    }

    private static void writeDate(char[] out, long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (int) ((5 * dayOfYear + 2) / 153);
        int day = (int) (dayOfYear - (153L * monthFromMarch + 2) / 5 + 1);
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        write4(out, 0, year);
        out[4] = '-';
        write2(out, 5, month);
        out[7] = '-';
        write2(out, 8, day);
    }

    private static int writeTime(char[] out, int at, long microsOfDay) {
        long seconds = microsOfDay / MICROS_PER_SECOND;
        int fraction = (int) (microsOfDay - seconds * MICROS_PER_SECOND);
        write2(out, at, (int) (seconds / 3600));
        out[at + 2] = ':';
        write2(out, at + 3, (int) (seconds / 60 % 60));
        out[at + 5] = ':';
        write2(out, at + 6, (int) (seconds % 60));
        int n = at + 8;
        if (fraction != 0) {
            out[n++] = '.';
            int divisor = 100_000;
            while (fraction != 0) {
                out[n++] = (char) ('0' + fraction / divisor);
                fraction %= divisor;
                divisor /= 10;
            }
        }
        return n;
    }

    private static void write2(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

    private static void write4(char[] out, int at, int value) {
        write2(out, at, value / 100);
        write2(out, at + 2, value % 100);
    }
}
