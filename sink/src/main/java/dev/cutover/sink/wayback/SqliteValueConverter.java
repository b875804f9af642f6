package dev.cutover.sink.wayback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.plan.NumericDates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * A PostgreSQL value (as capture's {@code ReverseRecords} renders it) in the form SQLite held the column's values in:
 * booleans as 0/1, dates as the column's text layout or its epoch numbers, numbers as INTEGER or REAL as before, JSON
 * as text (the text SQLite already holds when it means the same JSON, so an update of other columns changes none of
 * it).
 * A value SQLite cannot hold faithfully in that form throws {@link NoSqliteForm}.
 */
final class SqliteValueConverter {
    private static final long JULIAN_UNIX_EPOCH_DAY = 2440587;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqliteValueConverter() {
    }

    /** The value to write; {@code current} is what SQLite holds now (null when the row is new). */
    static Object toSqlite(SqliteColumn column, JsonNode value, Object current) {
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (column.baseType()) {
            case "boolean" -> value.asBoolean() ? 1L : 0L;
            case "smallint", "integer", "bigint" -> value.asLong();
            case "double precision", "real" -> real(column, value);
            case "numeric" -> numeric(column, value.asText());
            case "bytea" -> Base64.getDecoder().decode(value.asText());
            case "date", "timestamp", "timestamp with time zone" -> keptOr(current, column, value.asText());
            case "json", "jsonb" -> json(column, value.asText(), current);
            default -> {
                if (value.isContainerNode()) {
                    throw new NoSqliteForm(column, "a " + column.baseType() + " value (" + value + ") has no SQLite form");
                }
                yield value.asText();
            }
        };
    }

    private static Object real(SqliteColumn column, JsonNode value) {
        if (value.isTextual()) {
            throw new NoSqliteForm(column, value.asText() + " cannot be stored by SQLite (it stores NaN as NULL and has "
                    + "no literal for infinities)");
        }
        return value.asDouble();
    }

    private static Object numeric(SqliteColumn column, String text) {
        if (column.storedAs() == SqliteColumn.Storage.TEXT) {
            return text;
        }
        if (text.equals("NaN")) {
            throw new NoSqliteForm(column, "NaN cannot be stored by SQLite as a number");
        }
        BigDecimal decimal = new BigDecimal(text);
        if (column.storedAs() == SqliteColumn.Storage.INTEGER && decimal.stripTrailingZeros().scale() <= 0
                && decimal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return decimal.longValueExact();
        }
        double d = decimal.doubleValue();
        if (new BigDecimal(Double.toString(d)).compareTo(decimal) != 0) {
            throw new NoSqliteForm(column, text + " has more digits than SQLite's REAL (an 8-byte float) keeps");
        }
        return d;
    }

    /** The date SQLite holds when it is the same moment (whatever its layout), else the value in the column's form. */
    private static Object keptOr(Object current, SqliteColumn column, String text) {
        Object written = temporal(column, text);
        if (current instanceof String held && written instanceof String && sameMoment(held, (String) written)) {
            return held;
        }
        return written;
    }

    private static boolean sameMoment(String held, String written) {
        try {
            return parse(held).equals(parse(written));
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** ISO-8601 text, 'T' or space, optional seconds and fraction, optional Z or offset (converted to UTC). */
    private static LocalDateTime parse(String text) {
        String iso = text.trim().replace(' ', 'T');
        if (iso.length() == 10) {
            return LocalDate.parse(iso).atStartOfDay();
        }
        if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
            return OffsetDateTime.parse(iso.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return LocalDateTime.parse(iso);
    }

    private static Object temporal(SqliteColumn column, String text) {
        LocalDateTime value = utc(column, text);
        SqliteColumn.Storage storage = column.storedAs();
        if (storage == SqliteColumn.Storage.INTEGER || storage == SqliteColumn.Storage.REAL) {
            return number(column, value, storage);
        }
        String formatted = column.dateLayout().format(value);
        if (formatted == null) {
            throw new NoSqliteForm(column, text + " does not fit the column's date layout (it has a time of day, or "
                    + "seconds the layout leaves out)");
        }
        return formatted;
    }

    private static LocalDateTime utc(SqliteColumn column, String text) {
        try {
            return switch (column.baseType()) {
                case "date" -> LocalDate.parse(text).atStartOfDay();
                case "timestamp with time zone" -> OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime();
                default -> LocalDateTime.parse(text);
            };
        } catch (java.time.DateTimeException e) {
            throw new NoSqliteForm(column, "'" + text + "' is not a date SQLite can hold (infinity or a year beyond "
                    + "9999?)");
        }
    }

    private static Object number(SqliteColumn column, LocalDateTime value, SqliteColumn.Storage storage) {
        BigDecimal micros = BigDecimal.valueOf(value.toEpochSecond(ZoneOffset.UTC)).movePointRight(6)
                .add(BigDecimal.valueOf(value.getNano() / 1000));
        NumericDates reading = column.numericDates() == null ? NumericDates.EPOCH_SECONDS : column.numericDates();
        BigDecimal number = switch (reading) {
            case EPOCH_MILLIS -> micros.movePointLeft(3);
            case JULIAN_DAY -> micros.divide(BigDecimal.valueOf(86_400_000_000L), 12, RoundingMode.HALF_EVEN)
                    .add(BigDecimal.valueOf(JULIAN_UNIX_EPOCH_DAY)).add(new BigDecimal("0.5"));
            case EPOCH_SECONDS -> micros.movePointLeft(6);
        };
        if (storage == SqliteColumn.Storage.INTEGER) {
            if (number.stripTrailingZeros().scale() > 0) {
                throw new NoSqliteForm(column, value + " has a fraction the column's whole " + reading.name()
                        .toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " cannot hold");
            }
            return number.longValueExact();
        }
        return number.doubleValue();
    }

    private static Object json(SqliteColumn column, String text, Object current) {
        try {
            JsonNode value = JSON.readTree(text);
            if (current instanceof String held && value.equals(JSON.readTree(held))) {
                return held;
            }
            return column.baseType().equals("json") ? text : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    /** A value with no faithful SQLite form: it goes to the error log by key instead. */
    static final class NoSqliteForm extends RuntimeException {
        private final String column;

        NoSqliteForm(SqliteColumn column, String reason) {
            super(column.source() + ": " + reason);
            this.column = column.source();
        }

        String column() {
            return column;
        }
    }
}
