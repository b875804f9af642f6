package dev.cutover.capture.sqlite.plan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite's ways of writing "the current time" ({@code CURRENT_TIMESTAMP}, {@code datetime('now')},
 * {@code strftime('%s','now')}, {@code unixepoch()}, {@code julianday('now')} and simple arithmetic on them), kept
 * symbolic until the type they land in is known, then rendered as the PostgreSQL expression that gives the same value
 * in that type. Timestamps are UTC wall time ({@code now() AT TIME ZONE 'UTC'}) truncated to the source's resolution.
 *
 * @param shape     formatted text, epoch number or Julian day
 * @param format    TEXT: the strftime format
 * @param scale     EPOCH: units per second (1 seconds, 1000 milliseconds, 1/86400 days)
 * @param milli     the source reads the clock to the millisecond (otherwise to the second)
 * @param integral  EPOCH: the value is an integer (truncated)
 * @param localtime the source asked for local time, which becomes UTC
 */
record NowValue(Shape shape, String format, double scale, boolean milli, boolean integral, boolean localtime) {

    enum Shape { TEXT, EPOCH, JULIAN }

    private static final String UTC_NOW = "now() AT TIME ZONE 'UTC'";
    private static final String EPOCH = "extract(epoch FROM now())";
    private static final Pattern ISO_TIMESTAMP = Pattern.compile("%Y-%m-%d(?:[ T]%H:%M(:%S|:%f)?)?(Z?)");
    private static final Pattern ISO_TIME = Pattern.compile("%H:%M(:%S|:%f)?");
    private static final double JULIAN_UNIX_EPOCH = 2440587.5;

    static NowValue text(String format, boolean localtime) {
        if (format.equals("%s")) {
            return new NowValue(Shape.EPOCH, null, 1, false, true, localtime);
        }
        toCharFormat(format);
        return new NowValue(Shape.TEXT, format, 1, format.contains("%f"), false, localtime);
    }

    /**
     * {@code datetime(...)}, {@code date(...)}, {@code time(...)}, {@code strftime(fmt, ...)}, {@code julianday(...)},
     * {@code unixepoch(...)} when the time value is {@code 'now'}; null when they are about another value.
     *
     * @throws Untranslatable for 'now' with modifiers other than localtime, utc and subsec
     */
    static NowValue call(String function, List<Expr> args) {
        int first = function.equals("strftime") ? 1 : 0;
        if (function.equals("strftime") && (args.isEmpty() || !args.get(0).isLiteral(Expr.Literal.Kind.STRING))) {
            return null;
        }
        boolean implicitNow = args.size() == first;
        if (!implicitNow && !isNowLiteral(args.get(first))) {
            return null;
        }
        boolean localtime = false;
        boolean subsec = false;
        for (Expr modifier : args.subList(Math.min(first + 1, args.size()), args.size())) {
            String text = modifier.isLiteral(Expr.Literal.Kind.STRING) ? modifier.literal().value().toLowerCase(Locale.ROOT)
                    : "";
            switch (text) {
                case "localtime": localtime = true; break;
                case "utc": break;
                case "subsec": case "subsecond": subsec = true; break;
                default: throw new Untranslatable("time modifier " + (modifier.sql() == null ? "?" : modifier.sql()));
            }
        }
        switch (function) {
            case "datetime": return text(subsec ? "%Y-%m-%d %H:%M:%f" : "%Y-%m-%d %H:%M:%S", localtime);
            case "date": return text("%Y-%m-%d", localtime);
            case "time": return text(subsec ? "%H:%M:%f" : "%H:%M:%S", localtime);
            case "strftime": return text(args.get(0).literal().value(), localtime);
            case "julianday": return new NowValue(Shape.JULIAN, null, 1, true, false, localtime);
            case "unixepoch": return new NowValue(Shape.EPOCH, null, 1, subsec, !subsec, localtime);
            default: return null;
        }
    }

    private static boolean isNowLiteral(Expr expr) {
        return expr.isLiteral(Expr.Literal.Kind.STRING) && expr.literal().value().equalsIgnoreCase("now");
    }

    /** {@code this * factor} for a number literal factor. */
    NowValue times(double factor, boolean integerFactor) {
        if (shape != Shape.EPOCH) {
            throw new Untranslatable("arithmetic on a formatted current time");
        }
        return new NowValue(shape, format, scale * factor, milli, integral && integerFactor, localtime);
    }

    /** {@code this - subtrahend}: only Julian day minus the Julian day of 1970-01-01, which gives epoch days. */
    NowValue minus(double subtrahend) {
        if (shape == Shape.JULIAN && subtrahend == JULIAN_UNIX_EPOCH) {
            return new NowValue(Shape.EPOCH, null, 1.0 / 86400, true, false, localtime);
        }
        throw new Untranslatable("arithmetic on the current time other than julianday('now') - 2440587.5");
    }

    NowValue dividedBy(double divisor) {
        return times(1 / divisor, false);
    }

    /** {@code CAST(this AS INTEGER)}: truncates an epoch number. */
    NowValue truncated() {
        if (shape != Shape.EPOCH) {
            throw new Untranslatable("CAST of a formatted current time to a number");
        }
        return new NowValue(shape, format, scale, milli, true, localtime);
    }

    /** The PostgreSQL expression giving this value as the given type. */
    Expr render(ValueType type) {
        switch (type) {
            case TIMESTAMP: return asTimestamp();
            case DATE: return asDate();
            case TIME: return asTime();
            case TEXT: return asText();
            case INTEGER: return asInteger();
            case DECIMAL: return asDecimal();
            default: throw new Untranslatable("the current time as " + type.name().toLowerCase(Locale.ROOT));
        }
    }

    private Expr asTimestamp() {
        if (shape == Shape.TEXT) {
            Matcher iso = ISO_TIMESTAMP.matcher(format);
            if (!iso.matches()) {
                throw new Untranslatable("strftime format " + format + " is not an ISO-8601 timestamp");
            }
            return truncatedNow(resolution(format));
        }
        return truncatedNow(milli ? "milliseconds" : "second");
    }

    private Expr asDate() {
        if (shape == Shape.TEXT && format.equals("%Y-%m-%d")) {
            return Expr.atom("(" + UTC_NOW + ")::date", ValueType.DATE);
        }
        throw new Untranslatable("a current time with a time of day in a date column");
    }

    private Expr asTime() {
        if (shape == Shape.TEXT && ISO_TIME.matcher(format).matches()) {
            return Expr.atom(truncatedNow(resolution(format)).sql() + "::time", ValueType.TIME);
        }
        throw new Untranslatable("a current date or epoch number in a time column");
    }

    private Expr asText() {
        if (shape == Shape.TEXT) {
            return Expr.call("to_char(" + UTC_NOW + ", '" + toCharFormat(format) + "')", ValueType.TEXT);
        }
        return Expr.atom("(" + asInteger().sql() + ")::text", ValueType.TEXT);
    }

    private Expr asInteger() {
        if (shape != Shape.EPOCH || !integral) {
            throw new Untranslatable("a current time that is not a whole epoch number in an integer column");
        }
        if (scale == 1 && !milli) {
            return Expr.atom("floor(" + EPOCH + ")::bigint", ValueType.INTEGER);
        }
        if (scale == 1000 && !milli) {
            return Expr.of("floor(" + EPOCH + ")::bigint * 1000", ValueType.INTEGER);
        }
        if (scale == 1000 && milli) {
            return Expr.atom("floor(" + EPOCH + " * 1000)::bigint", ValueType.INTEGER);
        }
        throw new Untranslatable("an epoch number scaled by " + scale);
    }

    private Expr asDecimal() {
        if (shape == Shape.EPOCH && integral) {
            return asInteger();
        }
        String seconds = milli ? "round(" + EPOCH + ", 3)" : "floor(" + EPOCH + ")";
        if (shape == Shape.JULIAN) {
            return Expr.of(seconds + " / 86400 + " + JULIAN_UNIX_EPOCH, ValueType.DECIMAL);
        }
        if (scale == 1) {
            return Expr.call(seconds, ValueType.DECIMAL);
        }
        if (scale == 1000) {
            return Expr.of(seconds + " * 1000", ValueType.DECIMAL);
        }
        if (Math.abs(scale * 86400 - 1) < 1e-12) {
            return Expr.of(seconds + " / 86400", ValueType.DECIMAL);
        }
        throw new Untranslatable("an epoch number scaled by " + scale);
    }

    private static Expr truncatedNow(String resolution) {
        return Expr.call("date_trunc('" + resolution + "', " + UTC_NOW + ")", ValueType.TIMESTAMP);
    }

    private static String resolution(String format) {
        if (format.contains("%f")) {
            return "milliseconds";
        }
        if (format.contains("%S")) {
            return "second";
        }
        return format.contains("%M") ? "minute" : "day";
    }

    /**
     * The PostgreSQL {@code to_char} pattern for a strftime format; letters outside specifiers are quoted.
     *
     * @throws Untranslatable for specifiers without an equivalent
     */
    static String toCharFormat(String format) {
        StringBuilder pattern = new StringBuilder();
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                flushLetters(pattern, letters);
                pattern.append(specifier(format.charAt(++i)));
            } else if (c == '"' || c == '\\' || c == '\'') {
                throw new Untranslatable("strftime format with quote characters");
            } else if (Character.isLetter(c)) {
                letters.append(c);
            } else {
                flushLetters(pattern, letters);
                pattern.append(c);
            }
        }
        flushLetters(pattern, letters);
        return pattern.toString();
    }

    private static void flushLetters(StringBuilder pattern, StringBuilder letters) {
        if (letters.length() > 0) {
            pattern.append('"').append(letters).append('"');
            letters.setLength(0);
        }
    }

    private static String specifier(char c) {
        switch (c) {
            case 'Y': return "YYYY";
            case 'm': return "MM";
            case 'd': return "DD";
            case 'H': return "HH24";
            case 'M': return "MI";
            case 'S': return "SS";
            case 'f': return "SS.MS";
            case 'j': return "DDD";
            case '%': return "%";
            default: throw new Untranslatable("strftime specifier %" + c);
        }
    }
}
