package dev.cutover.validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cutover.schemas.plan.FloatNoise;
import dev.cutover.schemas.plan.NumericDates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One value of a column in a form both sides share, for checksums and for ordering keys: a source value (as SQLite
 * stores it) and a target value (as {@link TargetValues#read} returns it) are first <em>normalized</em> into the same
 * Java type by the column's target type, then written as a tagged canonical {@link #text}.
 *
 * <p>Contract, for one target type: when {@link ValueEquality} finds a source and a target value equal, their
 * canonical texts are the same, and the same canonical text implies that {@link ValueEquality} finds them equal. A
 * value without a normal form becomes a {@link Marker} naming its side, whose text never equals the other side's, so
 * a chunk holding it is always compared row by row. Stateless and thread-safe.
 */
final class CanonicalValue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private CanonicalValue() {
    }

    /** How values of a target type are normalized; mirrors the cases of {@link ValueEquality#equal}. */
    enum Kind {
        INTEGER, REAL, DOUBLE, NUMERIC, BOOLEAN, BYTEA, DATE, TIMESTAMP, TIMESTAMPTZ, TIME, JSON, UUID, TEXT, OTHER;

        static Kind of(String targetType) {
            return switch (TargetValues.baseType(targetType)) {
                case "smallint", "integer", "bigint" -> INTEGER;
                case "real" -> REAL;
                case "double precision" -> DOUBLE;
                case "numeric" -> NUMERIC;
                case "boolean" -> BOOLEAN;
                case "bytea" -> BYTEA;
                case "date" -> DATE;
                case "timestamp" -> TIMESTAMP;
                case "timestamp with time zone" -> TIMESTAMPTZ;
                case "time" -> TIME;
                case "json", "jsonb" -> JSON;
                case "uuid" -> UUID;
                case "text", "character varying", "character", "char", "bpchar" -> TEXT;
                default -> OTHER;
            };
        }
    }

    /** A value that has no normal form, tagged with the side it came from. */
    enum Marker {
        SOURCE, TARGET
    }

    /**
     * The normal form of a source value: Long, Float, Double, BigDecimal, Boolean, byte[], LocalDate, LocalDateTime
     * (UTC for timestamptz), LocalTime, UUID or String (canonical JSON text for json); null for null;
     * {@link Marker#SOURCE} when it has none.
     */
    static Object source(Object value, Kind kind, NumericDates numericDates) {
        return source(value, kind, numericDates, OptionalInt.empty());
    }

    /**
     * As {@link #source(Object, Kind, NumericDates)}, for a column whose numeric(p,s) target has this scale: a REAL
     * whose digits beyond it are float noise is normalized rounded, as the transformer writes it ({@link FloatNoise}).
     */
    static Object source(Object value, Kind kind, NumericDates numericDates, OptionalInt scale) {
        if (value == null) {
            return null;
        }
        Object source = value instanceof Integer i ? Long.valueOf(i) : value;
        try {
            return switch (kind) {
                case INTEGER -> sourceInteger(source);
                case REAL -> (float) sourceDouble(source);
                case DOUBLE -> sourceDouble(source);
                case NUMERIC -> sourceNumeric(source, scale);
                case BOOLEAN -> sourceBoolean(source);
                case BYTEA -> bytes(source);
                case DATE -> ValueEquality.Dates.date(source, numericDates);
                case TIMESTAMP, TIMESTAMPTZ -> ValueEquality.Dates.timestamp(source, numericDates);
                case TIME -> LocalTime.parse(source.toString().trim());
                case JSON -> json(JSON.readTree(asText(source)));
                case UUID -> java.util.UUID.fromString(asText(source).trim().replace("{", "").replace("}", ""));
                case TEXT, OTHER -> sourceText(source);
            };
        } catch (RuntimeException | JsonProcessingException e) {
            return Marker.SOURCE;
        }
    }

    /** The normal form of a target value, in the types {@link #source} produces; {@link Marker#TARGET} when none. */
    static Object target(Object value, Kind kind) {
        if (value == null) {
            return null;
        }
        try {
            return switch (kind) {
                case INTEGER -> value instanceof Long || value instanceof Integer || value instanceof Short
                        ? (Object) ((Number) value).longValue() : Marker.TARGET;
                case REAL, DOUBLE -> value instanceof Float || value instanceof Double ? value : Marker.TARGET;
                case NUMERIC -> value instanceof BigDecimal || value instanceof Double ? value : Marker.TARGET;
                case BOOLEAN -> value instanceof Boolean ? value : Marker.TARGET;
                case BYTEA -> value instanceof byte[] ? value : Marker.TARGET;
                case DATE -> value instanceof LocalDate ? value : Marker.TARGET;
                case TIMESTAMP -> value instanceof LocalDateTime ? value : Marker.TARGET;
                case TIMESTAMPTZ -> ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                case TIME -> value instanceof LocalTime ? value : Marker.TARGET;
                case JSON -> json(JSON.readTree(value.toString()));
                case UUID -> value instanceof UUID ? value : Marker.TARGET;
                case TEXT, OTHER -> value.toString();
            };
        } catch (RuntimeException | JsonProcessingException e) {
            return Marker.TARGET;
        }
    }

    /**
     * The canonical text of a normal form: a one-letter type tag and the value, so that normal forms of different
     * Java types never share a text.
     */
    static String text(Object normal) {
        if (normal == null) {
            return "N";
        }
        if (normal instanceof Marker marker) {
            return marker == Marker.SOURCE ? "!s" : "!t";
        }
        if (normal instanceof Long l) {
            return "L" + l;
        }
        if (normal instanceof Float f) {
            return "F" + f;
        }
        if (normal instanceof Double d) {
            return "D" + d;
        }
        if (normal instanceof BigDecimal b) {
            return "B" + b.stripTrailingZeros().toPlainString();
        }
        if (normal instanceof Boolean b) {
            return b ? "bt" : "bf";
        }
        if (normal instanceof byte[] bytes) {
            return "X" + HEX.formatHex(bytes);
        }
        return tag(normal) + normal.toString();
    }

    /** The canonical text of a source value in a column of the target type. */
    static String source(Object value, String targetType, NumericDates numericDates) {
        return text(source(value, Kind.of(targetType), numericDates, FloatNoise.scaleOf(targetType)));
    }

    /** The canonical text of a target value in a column of the target type. */
    static String target(Object value, String targetType) {
        return text(target(value, Kind.of(targetType)));
    }

    private static char tag(Object normal) {
        if (normal instanceof LocalDate) {
            return 'd';
        }
        if (normal instanceof LocalDateTime) {
            return 'T';
        }
        if (normal instanceof LocalTime) {
            return 't';
        }
        if (normal instanceof UUID) {
            return 'U';
        }
        return 'S';
    }

    /** As {@link ValueEquality}: a double equals a long only when integral and in range; text by decimal value. */
    private static Object sourceInteger(Object source) {
        if (source instanceof Long) {
            return source;
        }
        if (source instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (Object) (long) (double) d : Marker.SOURCE;
        }
        return new BigDecimal(asText(source).trim()).longValueExact();
    }

    private static double sourceDouble(Object source) {
        return source instanceof Number n ? n.doubleValue() : Double.parseDouble(asText(source).trim());
    }

    /**
     * A finite double is read as its shortest decimal text: a target decimal with that value converts back to the
     * same double, which is when {@link ValueEquality} finds them equal; in numeric(p,s), as that rounded to s when
     * the digits beyond s are float noise. Infinities stay doubles (numeric's own).
     */
    private static Object sourceNumeric(Object source, OptionalInt scale) {
        if (source instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (source instanceof Double d) {
            return Double.isFinite(d) ? ValueEquality.roundedNoise(d, scale) : d;
        }
        return new BigDecimal(asText(source).trim());
    }

    private static Object sourceBoolean(Object source) {
        if (source instanceof Number n) {
            double d = n.doubleValue();
            return d == 1 ? Boolean.TRUE : d == 0 ? Boolean.FALSE : Marker.SOURCE;
        }
        String s = asText(source).trim().toLowerCase(Locale.ROOT);
        if (s.matches("true|t|1|yes|y|on")) {
            return Boolean.TRUE;
        }
        return s.matches("false|f|0|no|n|off") ? Boolean.FALSE : Marker.SOURCE;
    }

    /** A double as its shortest text: a target text that parses back to the same double holds that text. */
    private static String sourceText(Object source) {
        if (source instanceof Double d) {
            return Double.toString(d);
        }
        return asText(source);
    }

    /**
     * JSON in one spelling: object keys sorted, numbers as their decimal value without trailing zeros, strings
     * quoted; the same text exactly when {@link ValueEquality#jsonEqual} holds.
     */
    static String json(JsonNode node) {
        StringBuilder out = new StringBuilder();
        writeJson(node, out);
        return out.toString();
    }

    private static void writeJson(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    writeJson(node.get(i), out);
                }
                out.append(']');
            }
            case NUMBER -> out.append(node.decimalValue().stripTrailingZeros().toPlainString());
            case STRING, BOOLEAN, NULL -> out.append(node);
            default -> throw new IllegalArgumentException("no canonical JSON for a " + node.getNodeType() + " node");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            fields.put(name, node.get(name));
        }
        out.append('{');
        boolean first = true;
        for (var field : fields.entrySet()) {
            out.append(first ? "" : ",").append(TextNode.valueOf(field.getKey())).append(':');
            writeJson(field.getValue(), out);
            first = false;
        }
        out.append('}');
    }

    private static String asText(Object source) {
        return ValueEquality.text(source);
    }

    private static byte[] bytes(Object source) {
        return ValueEquality.bytes(source);
    }
}
