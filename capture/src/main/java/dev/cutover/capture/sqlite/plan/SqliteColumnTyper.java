package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.NumericDates;
import dev.cutover.schemas.plan.ValueProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a column's target type from its declared type and the values it holds. SQLite is dynamically typed, so the
 * declared type is a hint: when the values do not fit, the type is widened (smallint → integer → bigint by range;
 * integers with reals → double precision or numeric; numeric(p,s) → numeric; date with times → timestamp) or, when
 * they do not parse at all, the column becomes {@code text}. Every such change carries a note. BLOBs in a non-bytea
 * column do not widen it (they go to the error log) unless every value is a BLOB.
 */
final class SqliteColumnTyper {
    private SqliteColumnTyper() {
    }

    /** The metrics the profile query must compute for a column of this mapped type. */
    static List<Metric> metricsFor(MappedType type) {
        switch (type.kind()) {
            case SMALLINT: case INTEGER: case BIGINT: case DOUBLE:
                return List.of(Metric.NOT_NUMBER);
            case NUMERIC:
                return type.precision() == null ? List.of(Metric.NOT_NUMBER)
                        : List.of(Metric.NOT_NUMBER, Metric.NUMERIC_OVERFLOW);
            case BOOLEAN:
                return List.of(Metric.BOOL_REAL_OTHER, Metric.BOOL_TEXT_INVALID);
            case DATE:
                return List.of(Metric.DATE_TEXT_INVALID, Metric.DATE_TEXT_WITH_TIME, Metric.INT_SECONDS_WITH_TIME,
                        Metric.INT_MILLIS_WITH_TIME, Metric.REAL_JULIAN_WITH_TIME, Metric.REAL_SECONDS_WITH_TIME);
            case TIMESTAMP:
                return List.of(Metric.DATE_TEXT_INVALID);
            case TIME:
                return List.of(Metric.TIME_TEXT_INVALID);
            case JSONB:
                return List.of(Metric.JSON_INVALID);
            case UUID:
                return List.of(Metric.UUID_INVALID);
            default:
                return List.of();
        }
    }

    /**
     * @param declared the declared type as written, for notes
     * @param forcedText FTS columns: always text
     */
    static TypedColumn type(String declared, MappedType mapped, ColumnStats stats, boolean forcedText) {
        if (forcedText) {
            return new TypedColumn("text", null, null, stats.blobs());
        }
        String was = declared.isBlank() ? "no declared type" : "declared " + declared;
        if (mapped.kind() != MappedType.Kind.BYTEA && mapped.kind() != MappedType.Kind.OBSERVED && stats.nonNull() > 0
                && stats.blobs() == stats.nonNull()) {
            return new TypedColumn("bytea", was + " but every value is a BLOB: bytea", null, 0);
        }
        TypedColumn typed = byKind(was, mapped, stats);
        return withBlobNote(typed, stats);
    }

    private static TypedColumn byKind(String was, MappedType mapped, ColumnStats stats) {
        switch (mapped.kind()) {
            case OBSERVED: return observed(was, stats);
            case SMALLINT: case INTEGER: case BIGINT: return integer(was, mapped, stats);
            case DOUBLE: return decimal(was, mapped, stats);
            case NUMERIC: return numeric(was, mapped, stats);
            case BOOLEAN: return bool(was, stats);
            case DATE: case TIMESTAMP: case TIME: return temporal(was, mapped, stats);
            case JSONB: return json(was, mapped, stats);
            case UUID: return uuid(was, stats);
            case VARCHAR: return varchar(was, mapped, stats);
            case BYTEA: return bytea(was, stats);
            default: return kept(mapped.pgType());
        }
    }

    private static TypedColumn observed(String was, ColumnStats stats) {
        String seen = " (" + describe(stats) + ")";
        if (stats.nonNull() == 0) {
            return new TypedColumn("text", was + " and no values: text", null, 0);
        }
        if (stats.texts() > 0) {
            return new TypedColumn("text", was + ": text, from the values" + seen, null, 0);
        }
        if (stats.blobs() == stats.nonNull()) {
            return new TypedColumn("bytea", was + ": bytea, from the values" + seen, null, 0);
        }
        if (stats.reals() > 0) {
            String type = decimalFor(stats);
            return new TypedColumn(type, was + ": " + type + ", from the values" + seen, null, 0);
        }
        return new TypedColumn("bigint", was + ": bigint, from the values" + seen, null, 0);
    }

    private static TypedColumn integer(String was, MappedType mapped, ColumnStats stats) {
        if (stats.metric(Metric.NOT_NUMBER) > 0) {
            return notParsed(was, stats.metric(Metric.NOT_NUMBER), "numbers");
        }
        if (stats.reals() > 0) {
            String type = decimalFor(stats);
            return new TypedColumn(type, was + " but holds " + stats.reals() + " REAL values: " + type, null, 0);
        }
        String type = integerFor(stats, mapped.kind());
        if (!type.equals(mapped.pgType())) {
            return new TypedColumn(type, was + " but holds integers from " + stats.minInteger() + " to "
                    + stats.maxInteger() + ": " + type, null, 0);
        }
        return kept(type);
    }

    private static TypedColumn decimal(String was, MappedType mapped, ColumnStats stats) {
        if (stats.metric(Metric.NOT_NUMBER) > 0) {
            return notParsed(was, stats.metric(Metric.NOT_NUMBER), "numbers");
        }
        if (!stats.integersExactInDouble()) {
            return new TypedColumn("numeric", was + " but holds integers beyond ±2^53, which double precision would "
                    + "round: numeric", null, 0);
        }
        return kept(mapped.pgType());
    }

    private static TypedColumn numeric(String was, MappedType mapped, ColumnStats stats) {
        if (stats.metric(Metric.NOT_NUMBER) > 0) {
            return notParsed(was, stats.metric(Metric.NOT_NUMBER), "numbers");
        }
        if (stats.metric(Metric.NUMERIC_OVERFLOW) > 0) {
            return new TypedColumn("numeric", was + " but " + stats.metric(Metric.NUMERIC_OVERFLOW) + " values do not fit "
                    + mapped.pgType() + " (PostgreSQL would round or reject them): numeric", null, 0);
        }
        return kept(mapped.pgType());
    }

    private static TypedColumn bool(String was, ColumnStats stats) {
        if (stats.metric(Metric.BOOL_TEXT_INVALID) > 0) {
            return notParsed(was, stats.metric(Metric.BOOL_TEXT_INVALID), "boolean words");
        }
        if (stats.metric(Metric.BOOL_REAL_OTHER) > 0) {
            return new TypedColumn("double precision", was + " but holds REAL values other than 0 and 1: double "
                    + "precision", null, 0);
        }
        if (stats.minInteger() != null && (stats.minInteger() < 0 || stats.maxInteger() > 1)) {
            String type = integerFor(stats, MappedType.Kind.SMALLINT);
            return new TypedColumn(type, was + " but holds integers other than 0 and 1 (from " + stats.minInteger()
                    + " to " + stats.maxInteger() + "): " + type, null, 0);
        }
        return kept("boolean");
    }

    private static TypedColumn temporal(String was, MappedType mapped, ColumnStats stats) {
        Metric invalid = mapped.kind() == MappedType.Kind.TIME ? Metric.TIME_TEXT_INVALID : Metric.DATE_TEXT_INVALID;
        if (stats.metric(invalid) > 0) {
            return notParsed(was, stats.metric(invalid), mapped.kind() == MappedType.Kind.TIME ? "times of day"
                    : "ISO-8601 dates");
        }
        NumericDates numericDates = NumericDates.of(profile(stats, 0));
        List<String> notes = new ArrayList<>();
        if (stats.integers() + stats.reals() > 0) {
            notes.add("numbers are read as " + numericDates + " (" + describe(stats) + ")");
        }
        String type = mapped.pgType();
        if (mapped.kind() == MappedType.Kind.DATE && withTime(stats, numericDates) > 0) {
            type = "timestamp";
            notes.add(0, was + " but " + withTime(stats, numericDates) + " values have a time of day: timestamp");
        }
        return new TypedColumn(type, notes.isEmpty() ? null : String.join("; ", notes), numericDates, 0);
    }

    private static long withTime(ColumnStats stats, NumericDates numericDates) {
        long texts = stats.metric(Metric.DATE_TEXT_WITH_TIME);
        switch (numericDates) {
            case EPOCH_MILLIS:
                return texts + stats.metric(Metric.INT_MILLIS_WITH_TIME) + stats.reals();
            case JULIAN_DAY:
                return texts + stats.metric(Metric.REAL_JULIAN_WITH_TIME) + stats.integers();
            default:
                return texts + stats.metric(Metric.INT_SECONDS_WITH_TIME) + stats.metric(Metric.REAL_SECONDS_WITH_TIME);
        }
    }

    private static TypedColumn json(String was, MappedType mapped, ColumnStats stats) {
        TypedColumn typed = invalidOrKept(was, mapped, stats, Metric.JSON_INVALID, "JSON");
        if (!typed.pgType().equals("jsonb")) {
            return typed;
        }
        return new TypedColumn("jsonb", "jsonb keeps every JSON value but not its whitespace, key order or duplicate "
                + "keys", null, 0);
    }

    private static TypedColumn uuid(String was, ColumnStats stats) {
        if (stats.integers() + stats.reals() > 0) {
            return new TypedColumn("text", was + " but holds numbers, which are not UUIDs: text", null, 0);
        }
        return invalidOrKept(was, MappedType.of(MappedType.Kind.UUID), stats, Metric.UUID_INVALID, "UUIDs");
    }

    private static TypedColumn invalidOrKept(String was, MappedType mapped, ColumnStats stats, Metric metric,
            String what) {
        if (stats.metric(metric) > 0) {
            return notParsed(was, stats.metric(metric), what);
        }
        return kept(mapped.pgType());
    }

    private static TypedColumn varchar(String was, MappedType mapped, ColumnStats stats) {
        if (stats.maxTextLength() != null && stats.maxTextLength() > mapped.length()) {
            return new TypedColumn("text", was + " but holds values of up to " + stats.maxTextLength()
                    + " characters (SQLite does not enforce the length): text", null, 0);
        }
        return kept(mapped.pgType());
    }

    private static TypedColumn bytea(String was, ColumnStats stats) {
        if (stats.blobs() == 0 && stats.nonNull() > 0) {
            TypedColumn chosen = observed(was, stats);
            return new TypedColumn(chosen.pgType(), was + " but holds no BLOB values: " + chosen.pgType()
                    + ", from the values (" + describe(stats) + ")", null, 0);
        }
        if (stats.nonNull() > stats.blobs()) {
            return new TypedColumn("bytea", "bytea; " + (stats.nonNull() - stats.blobs()) + " values are not BLOBs ("
                    + describe(stats) + ") and are converted to bytes or go to the error log", null, 0);
        }
        return kept("bytea");
    }

    private static TypedColumn withBlobNote(TypedColumn typed, ColumnStats stats) {
        if (typed.pgType().equals("bytea") || stats.blobs() == 0) {
            return typed;
        }
        String blobs = stats.blobs() + " BLOB values cannot be stored as " + typed.pgType()
                + " and will go to the error log";
        String note = typed.note() == null ? blobs : typed.note() + "; " + blobs;
        return new TypedColumn(typed.pgType(), note, typed.numericDates(), typed.invalid() + stats.blobs());
    }

    private static TypedColumn notParsed(String was, long count, String what) {
        return new TypedColumn("text", was + " but " + count + " TEXT values are not " + what
                + "; kept as text so nothing is lost", null, 0);
    }

    private static TypedColumn kept(String pgType) {
        return new TypedColumn(pgType, null, null, 0);
    }

    private static String integerFor(ColumnStats stats, MappedType.Kind atLeast) {
        long min = stats.minInteger() == null ? 0 : stats.minInteger();
        long max = stats.maxInteger() == null ? 0 : stats.maxInteger();
        if (atLeast == MappedType.Kind.SMALLINT && min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) {
            return "smallint";
        }
        if (atLeast != MappedType.Kind.BIGINT && min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) {
            return "integer";
        }
        return "bigint";
    }

    private static String decimalFor(ColumnStats stats) {
        return stats.integersExactInDouble() ? "double precision" : "numeric";
    }

    static String describe(ColumnStats stats) {
        List<String> parts = new ArrayList<>();
        add(parts, stats.integers(), "INTEGER");
        add(parts, stats.reals(), "REAL");
        add(parts, stats.texts(), "TEXT");
        add(parts, stats.blobs(), "BLOB");
        add(parts, stats.nulls(), "NULL");
        return parts.isEmpty() ? "no rows" : String.join(", ", parts);
    }

    private static void add(List<String> parts, long count, String what) {
        if (count > 0) {
            parts.add(count + " " + what);
        }
    }

    /** The plan's view of the stats, with the invalid count for the chosen type. */
    static ValueProfile profile(ColumnStats stats, long invalid) {
        return new ValueProfile(stats.nulls(), stats.integers(), stats.reals(), stats.texts(), stats.blobs(),
                stats.minInteger(), stats.maxInteger(), stats.maxTextLength(), invalid, stats.minReal(), stats.maxReal());
    }
}
