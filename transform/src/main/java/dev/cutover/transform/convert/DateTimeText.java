package dev.cutover.transform.convert;

/**
 * Reads date, date-time and time text by hand: no regular expressions, no allocation on success.
 *
 * <p>Date-time forms: {@code YYYY-MM-DD}, optionally followed by {@code T}, {@code t} or a space and
 * {@code HH:MM}, {@code HH:MM:SS} or {@code HH:MM:SS.f} (1 to 9 fraction digits), optionally followed (after at most
 * one space) by {@code Z}, {@code z}, {@code ±HH}, {@code ±HHMM} or {@code ±HH:MM}. This covers SQLite's
 * {@code datetime()} and {@code strftime()} output, ISO 8601 / RFC 3339 and JavaScript's {@code toISOString()}.
 * Text without an offset is UTC wall time; text with one is converted to UTC. Surrounding whitespace is ignored.
 *
 * <p>Rejected, because PostgreSQL would change or refuse the value: dates that do not exist ({@code 2021-02-30}),
 * years outside 0001–9999, hour 24 and second 60 in date-times (PostgreSQL rolls them over to the next day or
 * minute), and fraction digits beyond the column's precision that are not zero (PostgreSQL would round them).
 */
final class DateTimeText {
    private static final String EXPECTED = " (expected YYYY-MM-DD, optionally followed by HH:MM[:SS[.fraction]]"
            + " and Z or ±HH:MM)";
    private static final String KEEP_AS_TEXT = "; fix the value in the source, or set the column's targetType to"
            + " text" + Target.IN_PLAN + " to keep it as written";

    private DateTimeText() {
    }

    /**
     * Reads a date or date-time as epoch microseconds, UTC.
     *
     * @param keptDigits fraction digits the column keeps (0..6); non-zero digits beyond them fail
     */
    static long parseTimestamp(String s, int keptDigits, Target target) {
        int b = Chars.start(s);
        int e = Chars.end(s, b);
        if (e - b < 10 || s.charAt(b + 4) != '-' || s.charAt(b + 7) != '-') {
            throw notDateTime(s, target);
        }
        int year = year(s, b, target);
        int month = Chars.twoDigits(s, b + 5, e);
        int day = Chars.twoDigits(s, b + 8, e);
        if (month < 0 || day < 0) {
            throw notDateTime(s, target);
        }
        checkDate(s, year, month, day, target);
        long micros = CivilTime.daysFromCivil(year, month, day) * CivilTime.MICROS_PER_DAY;
        int i = b + 10;
        if (i == e) {
            return micros;
        }
        char separator = s.charAt(i);
        if (separator != 'T' && separator != 't' && separator != ' ') {
            throw notDateTime(s, target);
        }
        long packed = parseTimeOfDay(s, i + 1, e, keptDigits, false, target);
        micros += packed >>> 8;
        int zoneStart = i + 1 + (int) (packed & 0xff);
        micros -= offsetMicros(s, zoneStart, e, target);
        if (!CivilTime.inRange(micros)) {
            throw target.fail(s, "lies outside years 0001–9999 in UTC" + KEEP_AS_TEXT);
        }
        return micros;
    }

    /**
     * Reads {@code HH:MM[:SS[.f]]} as microseconds since midnight; {@code 24:00:00} is allowed, as in PostgreSQL's
     * {@code time}.
     */
    static long parseTime(String s, int keptDigits, Target target) {
        int b = Chars.start(s);
        int e = Chars.end(s, b);
        long packed = parseTimeOfDay(s, b, e, keptDigits, true, target);
        if (b + (int) (packed & 0xff) != e) {
            throw target.fail(s, "is not a time of day (expected HH:MM[:SS[.fraction]] without date or offset)"
                    + KEEP_AS_TEXT);
        }
        return packed >>> 8;
    }

    /**
     * Reads a time of day at {@code s[i..]}; returns its microseconds shifted left by 8, with the number of
     * characters read in the low 8 bits.
     */
    private static long parseTimeOfDay(String s, int i, int e, int keptDigits, boolean allow24, Target target) {
        int hour = Chars.twoDigits(s, i, e);
        int minute = i + 5 <= e && s.charAt(i + 2) == ':' ? Chars.twoDigits(s, i + 3, e) : -1;
        if (hour < 0 || minute < 0) {
            throw notTime(s, allow24, target);
        }
        int n = 5;
        int second = 0;
        long fractionMicros = 0;
        if (i + n < e && s.charAt(i + n) == ':') {
            second = Chars.twoDigits(s, i + n + 1, e);
            if (second < 0) {
                throw notTime(s, allow24, target);
            }
            n += 3;
            if (i + n < e && s.charAt(i + n) == '.') {
                int digitsEnd = i + n + 1;
                while (digitsEnd < e && Chars.isDigit(s.charAt(digitsEnd))) {
                    digitsEnd++;
                }
                fractionMicros = fraction(s, i + n + 1, digitsEnd, keptDigits, target);
                n = digitsEnd - i;
            }
        }
        checkTime(s, hour, minute, second, fractionMicros, allow24, target);
        long micros = ((hour * 60L + minute) * 60 + second) * CivilTime.MICROS_PER_SECOND + fractionMicros;
        return micros << 8 | n;
    }

    private static long fraction(String s, int from, int to, int keptDigits, Target target) {
        int digits = to - from;
        if (digits == 0 || digits > 9) {
            throw target.fail(s, "has " + (digits == 0 ? "no digits" : digits + " digits") + " after the decimal point"
                    + " of the seconds (expected 1 to 9)" + KEEP_AS_TEXT);
        }
        long micros = 0;
        for (int k = 0; k < digits; k++) {
            int digit = s.charAt(from + k) - '0';
            if (k >= keptDigits && digit != 0) {
                throw target.fail(s, "has " + digits + " digits after the decimal point of the seconds, but "
                        + target.type() + " keeps " + keptDigits + ", so PostgreSQL would round it; fix the value in the"
                        + " source, or set the column's targetType to one that keeps them (timestamp keeps 6) or to"
                        + " text" + Target.IN_PLAN);
            }
            if (k < 6) {
                micros = micros * 10 + digit;
            }
        }
        for (int k = digits; k < 6; k++) {
            micros *= 10;
        }
        return micros;
    }

    /** The UTC offset at {@code s[i..e)} in microseconds (0 when there is none); fails on anything else. */
    private static long offsetMicros(String s, int i, int e, Target target) {
        if (i == e) {
            return 0;
        }
        if (s.charAt(i) == ' ' && i + 1 < e) {
            i++;
        }
        char sign = s.charAt(i);
        if ((sign == 'Z' || sign == 'z') && i + 1 == e) {
            return 0;
        }
        if (sign != '+' && sign != '-') {
            throw notDateTime(s, target);
        }
        int hours = Chars.twoDigits(s, i + 1, e);
        int minutes = 0;
        int length = e - i;
        if (length == 6 && s.charAt(i + 3) == ':') {
            minutes = Chars.twoDigits(s, i + 4, e);
        } else if (length == 5) {
            minutes = Chars.twoDigits(s, i + 3, e);
        } else if (length != 3) {
            throw notDateTime(s, target);
        }
        if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) {
            throw target.fail(s, "has an offset that is not ±HH:MM with hours 00–23 and minutes 00–59"
                    + KEEP_AS_TEXT);
        }
        long micros = (hours * 60L + minutes) * 60 * CivilTime.MICROS_PER_SECOND;
        return sign == '-' ? -micros : micros;
    }

    private static int year(String s, int b, Target target) {
        int high = Chars.twoDigits(s, b, b + 4);
        int low = Chars.twoDigits(s, b + 2, b + 4);
        if (high < 0 || low < 0) {
            throw notDateTime(s, target);
        }
        int year = high * 100 + low;
        if (year == 0) {
            throw target.fail(s, "has year 0000, outside years 0001–9999" + KEEP_AS_TEXT);
        }
        return year;
    }

    private static void checkDate(String s, int year, int month, int day, Target target) {
        if (month < 1 || month > 12) {
            throw target.fail(s, "has month " + month + ", which does not exist" + KEEP_AS_TEXT);
        }
        if (day < 1 || day > CivilTime.daysInMonth(year, month)) {
            throw target.fail(s, "has day " + day + ", but " + CivilTime.monthName(month) + " " + year + " has "
                    + CivilTime.daysInMonth(year, month) + " days" + KEEP_AS_TEXT);
        }
    }

    private static void checkTime(String s, int hour, int minute, int second, long fraction, boolean allow24,
                                  Target target) {
        if (hour == 24 && minute == 0 && second == 0 && fraction == 0) {
            if (allow24) {
                return;
            }
            throw target.fail(s, "has hour 24, which PostgreSQL would move to the next day" + KEEP_AS_TEXT);
        }
        if (hour > 23) {
            throw target.fail(s, "has hour " + hour + ", which does not exist" + KEEP_AS_TEXT);
        }
        if (minute > 59) {
            throw target.fail(s, "has minute " + minute + ", which does not exist" + KEEP_AS_TEXT);
        }
        if (second == 60) {
            throw target.fail(s, "has second 60 (a leap second), which PostgreSQL would move to the next minute"
                    + KEEP_AS_TEXT);
        }
        if (second > 59) {
            throw target.fail(s, "has second " + second + ", which does not exist" + KEEP_AS_TEXT);
        }
    }

    private static ConversionException notDateTime(String s, Target target) {
        return target.fail(s, "is not a date or date-time" + EXPECTED + KEEP_AS_TEXT);
    }

    private static ConversionException notTime(String s, boolean timeOnly, Target target) {
        return timeOnly
                ? target.fail(s, "is not a time of day (expected HH:MM[:SS[.fraction]])" + KEEP_AS_TEXT)
                : notDateTime(s, target);
    }
}
