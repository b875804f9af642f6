package dev.cutover.validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.cutover.schemas.plan.FloatNoise;
import dev.cutover.schemas.plan.NumericDates;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Type-aware equality between a value as SQLite stores it and the value PostgreSQL holds, judged by the target type:
 * numbers by value, dates in any source encoding against timestamps, 0/1 against booleans, JSON text against jsonb.
 * Independent of the transformer's conversion code on purpose: it checks the pipeline, it does not repeat it. The one
 * rule both share is {@link FloatNoise}: a REAL in numeric(p,s) equals itself rounded to s when the rest is noise.
 *
 * <p>Source values: null, Long, Double, String, byte[] (or ByteBuffer). Target values as read with
 * {@link TargetValues#read}: Number, BigDecimal, Boolean, String, byte[], LocalDate, LocalDateTime, LocalTime,
 * OffsetDateTime, UUID, or JSON text.
 */
public final class ValueEquality {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueEquality() {
    }

    public static boolean equal(Object source, Object target, String targetType, NumericDates numericDates) {
        if (source == null || target == null) {
            return source == null && target == null;
        }
        String type = TargetValues.baseType(targetType);
        try {
            return switch (type) {
                case "smallint", "integer", "bigint" -> integerEqual(source, target);
                case "double precision", "real" -> floatEqual(source, target);
                case "numeric" -> numericEqual(source, target, targetType);
                case "boolean" -> booleanEqual(source, target);
                case "bytea" -> Arrays.equals(bytes(source), (byte[]) target);
                case "date" -> target.equals(Dates.date(source, numericDates));
                case "timestamp" -> target.equals(Dates.timestamp(source, numericDates));
                case "timestamp with time zone" -> ((OffsetDateTime) target).withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime().equals(Dates.timestamp(source, numericDates));
                case "time" -> target.equals(LocalTime.parse(source.toString().trim()));
                case "jsonb", "json" -> jsonEqual(JSON.readTree(text(source)), JSON.readTree(target.toString()));
                case "uuid" -> target.equals(UUID.fromString(text(source).trim().replace("{", "").replace("}", "")));
                default -> textEqual(source, target);
            };
        } catch (RuntimeException | JsonProcessingException e) {
            return false;
        }
    }

    private static boolean integerEqual(Object source, Object target) {
        long value = ((Number) target).longValue();
        if (source instanceof Long l) {
            return l == value;
        }
        if (source instanceof Double d) {
            return d == (double) value && Math.abs(d) < 0x1p63;
        }
        return new BigDecimal(text(source).trim()).compareTo(BigDecimal.valueOf(value)) == 0;
    }

    private static boolean floatEqual(Object source, Object target) {
        double value = ((Number) target).doubleValue();
        double expected = source instanceof Number n ? n.doubleValue() : Double.parseDouble(text(source).trim());
        if (source instanceof Long l && (double) l != l.doubleValue()) {
            return false;
        }
        return Double.doubleToLongBits(expected) == Double.doubleToLongBits(value)
                || (target instanceof Float f && (float) expected == f);
    }

    /** A REAL equals the decimal it reads back as, or (in numeric(p,s)) itself rounded from float noise. */
    private static boolean numericEqual(Object source, Object target, String targetType) {
        if (target instanceof Double d) {
            return source instanceof Double s && s.equals(d);
        }
        BigDecimal value = (BigDecimal) target;
        if (source instanceof Long l) {
            return value.compareTo(BigDecimal.valueOf(l)) == 0;
        }
        if (source instanceof Double d) {
            return value.doubleValue() == d || value.compareTo(roundedNoise(d, FloatNoise.scaleOf(targetType))) == 0;
        }
        return value.compareTo(new BigDecimal(text(source).trim())) == 0;
    }

    /**
     * A REAL rounded to the scale of its numeric(p,s) column when its digits beyond the scale are float noise (see
     * {@link FloatNoise}); otherwise its shortest decimal, which is what lands when it fits.
     */
    static BigDecimal roundedNoise(double value, OptionalInt scale) {
        BigDecimal shortest = new BigDecimal(Double.toString(value));
        if (scale.isEmpty() || shortest.signum() == 0 || shortest.stripTrailingZeros().scale() <= scale.getAsInt()) {
            return shortest;
        }
        BigDecimal rounded = FloatNoise.rounded(value, scale.getAsInt());
        return rounded == null ? shortest : rounded;
    }

    private static boolean booleanEqual(Object source, Object target) {
        boolean value = (Boolean) target;
        if (source instanceof Number n) {
            return n.doubleValue() == (value ? 1 : 0);
        }
        String s = text(source).trim().toLowerCase(Locale.ROOT);
        return value ? s.matches("true|t|1|yes|y|on") : s.matches("false|f|0|no|n|off");
    }

    private static boolean textEqual(Object source, Object target) {
        String value = target.toString();
        if (source instanceof Long l) {
            return value.equals(Long.toString(l));
        }
        if (source instanceof Double d) {
            try {
                return Double.parseDouble(value) == d;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return value.equals(text(source));
    }

    /** JSON equality by value: object keys in any order, numbers compared numerically (jsonb normalizes both). */
    static boolean jsonEqual(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.getNodeType() == JsonNodeType.OBJECT) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!b.has(field.getKey()) || !jsonEqual(field.getValue(), b.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.getNodeType() == JsonNodeType.ARRAY) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEqual(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** The source value as text; a BLOB is not text. */
    static String text(Object source) {
        if (source instanceof byte[] || source instanceof ByteBuffer) {
            throw new IllegalArgumentException("a BLOB is not text");
        }
        return source.toString();
    }

    /** The source value's bytes: a BLOB as is, text as UTF-8. */
    static byte[] bytes(Object source) {
        if (source instanceof byte[] array) {
            return array;
        }
        if (source instanceof ByteBuffer buffer) {
            byte[] array = new byte[buffer.remaining()];
            buffer.duplicate().get(array);
            return array;
        }
        return source.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Dates in SQLite's encodings, read independently of the transformer. */
    static final class Dates {
        private static final long JULIAN_UNIX_EPOCH_DAY = 2440587;

        private Dates() {
        }

        static LocalDate date(Object source, NumericDates numericDates) {
            if (source instanceof Number) {
                return timestamp(source, numericDates).toLocalDate();
            }
            String text = source.toString().trim();
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            LocalDateTime timestamp = timestamp(source, numericDates);
            if (!timestamp.toLocalTime().equals(LocalTime.MIDNIGHT)) {
                throw new DateTimeParseException("has a time of day", text, 0);
            }
            return timestamp.toLocalDate();
        }

        static LocalDateTime timestamp(Object source, NumericDates numericDates) {
            if (source instanceof Long l) {
                return numericDates == NumericDates.EPOCH_MILLIS
                        ? LocalDateTime.ofEpochSecond(Math.floorDiv(l, 1000), (int) Math.floorMod(l, 1000) * 1_000_000, ZoneOffset.UTC)
                        : numericDates == NumericDates.JULIAN_DAY ? fromJulian(l.doubleValue())
                        : LocalDateTime.ofEpochSecond(l, 0, ZoneOffset.UTC);
            }
            if (source instanceof Double d) {
                if (numericDates == NumericDates.JULIAN_DAY) {
                    return fromJulian(d);
                }
                BigDecimal seconds = new BigDecimal(Double.toString(d));
                if (numericDates == NumericDates.EPOCH_MILLIS) {
                    seconds = seconds.movePointLeft(3);
                }
                return fromEpochMicros(seconds.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
            }
            return parse(source.toString().trim());
        }

        private static LocalDateTime fromJulian(double julianDay) {
            BigDecimal days = new BigDecimal(Double.toString(julianDay)).subtract(BigDecimal.valueOf(JULIAN_UNIX_EPOCH_DAY))
                    .subtract(new BigDecimal("0.5"));
            long micros = days.multiply(BigDecimal.valueOf(86_400_000_000L)).setScale(0, java.math.RoundingMode.HALF_EVEN)
                    .longValueExact();
            return fromEpochMicros(micros);
        }

        private static LocalDateTime fromEpochMicros(long micros) {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), (int) Math.floorMod(micros, 1_000_000) * 1000,
                    ZoneOffset.UTC);
        }

        /** ISO-8601 text, 'T' or space, optional seconds and fraction, optional Z or offset (converted to UTC). */
        static LocalDateTime parse(String text) {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay();
            }
            String iso = text.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                String normalized = iso.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
                return OffsetDateTime.parse(normalized).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
            return LocalDateTime.parse(iso);
        }
    }
}
