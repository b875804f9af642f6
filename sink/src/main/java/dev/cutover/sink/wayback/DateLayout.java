package dev.cutover.sink.wayback;

import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text layout of a SQLite column's dates, read from one of its values: date only, or date and time with 'T' or a
 * space, with or without seconds, with a fixed number of fraction digits (or as many as needed), and a zone suffix
 * ({@code Z}, {@code +00:00} or none). Dates written back in it read as the application's own did.
 *
 * @param dateOnly       {@code 2024-01-05}
 * @param separator      'T' or ' '
 * @param seconds        whether the time has seconds
 * @param fractionDigits digits after the seconds, or -1 for as many as the value needs (none when whole)
 * @param suffix         "", "Z" or "+00:00" (values are in UTC)
 */
record DateLayout(boolean dateOnly, char separator, boolean seconds, int fractionDigits, String suffix) {
    /** SQLite's own {@code datetime()} layout, used for a column that held no text to learn from. */
    static final DateLayout SQLITE = new DateLayout(false, ' ', true, -1, "");
    private static final Pattern TEXT = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\d(?:([T ])\\d\\d:\\d\\d(:\\d\\d)?(?:\\.(\\d+))?(Z|[+-]00:?00)?)?");

    /** The layout of {@code sample}, or SQLite's when it is not a date text. */
    static DateLayout of(String sample) {
        if (sample == null) {
            return SQLITE;
        }
        Matcher m = TEXT.matcher(sample.trim());
        if (!m.matches()) {
            return SQLITE;
        }
        if (m.group(1) == null) {
            return new DateLayout(true, ' ', true, -1, "");
        }
        return new DateLayout(false, m.group(1).charAt(0), m.group(2) != null,
                m.group(3) == null ? -1 : m.group(3).length(), m.group(4) == null ? "" : m.group(4));
    }

    /** The timestamp (UTC) in this layout; null when the layout cannot hold it without losing part of it. */
    String format(LocalDateTime value) {
        String date = value.toLocalDate().toString();
        if (dateOnly) {
            return value.toLocalTime().toNanoOfDay() == 0 ? date : null;
        }
        String time = String.format("%02d:%02d", value.getHour(), value.getMinute());
        if (!seconds && (value.getSecond() != 0 || value.getNano() != 0)) {
            return null;
        }
        if (seconds) {
            time += String.format(":%02d", value.getSecond()) + fraction(value.getNano());
        }
        return date + separator + time + suffix;
    }

    private String fraction(int nanos) {
        String digits = String.format("%09d", nanos);
        if (fractionDigits < 0) {
            String trimmed = digits.replaceFirst("0+$", "");
            return trimmed.isEmpty() ? "" : "." + trimmed;
        }
        String kept = digits.substring(0, Math.min(fractionDigits, 9));
        String dropped = digits.substring(kept.length());
        if (!dropped.matches("0*")) {
            String trimmed = digits.replaceFirst("0+$", "");
            return "." + trimmed;
        }
        return kept.isEmpty() ? "" : "." + kept;
    }
}
