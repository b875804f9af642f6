package dev.cutover.validator.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cutover.schemas.plan.ObjectIdUuids;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Compares a document's value with what PostgreSQL's {@code to_jsonb} gives for its column, by the column's target
 * type; and writes a document's key value as PostgreSQL input text, to look its row up. Stateless.
 */
final class DocumentValues {
    static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentValues() {
    }

    /** True when {@code target} (a {@code to_jsonb} value, null or JSON null for SQL NULL) holds {@code source}. */
    static boolean matches(BsonValue source, JsonNode target, String targetType) {
        boolean sourceNull = source == null || source.isNull() || source.getBsonType() == org.bson.BsonType.UNDEFINED;
        boolean targetNull = target == null || target.isNull();
        if (sourceNull || targetNull) {
            return sourceNull && targetNull;
        }
        String type = baseType(targetType);
        if (type.endsWith("[]")) {
            return arrayMatches(source, target, type.substring(0, type.length() - 2));
        }
        return switch (family(type)) {
            case "json" -> jsonEquals(relaxedJson(source), target);
            case "uuid" -> uuidText(source).map(u -> u.equals(target.asText().toLowerCase(Locale.ROOT))).orElse(false);
            case "number" -> target.isTextual() ? specialMatches(source, target.asText())
                    : number(source).map(n -> target.isNumber() && n.compareTo(target.decimalValue()) == 0).orElse(false);
            case "boolean" -> source.isBoolean() && target.isBoolean()
                    && source.asBoolean().getValue() == target.booleanValue();
            case "timestamp" -> source.isDateTime() && target.isTextual()
                    && millis(target.asText()).map(ms -> ms == source.asDateTime().getValue()).orElse(false);
            case "bytea" -> source.isBinary() && target.isTextual()
                    && target.asText().equalsIgnoreCase("\\x" + HexFormat.of().formatHex(source.asBinary().getData()));
            default -> textMatches(source, target);
        };
    }

    private static boolean arrayMatches(BsonValue source, JsonNode target, String elementType) {
        if (!source.isArray() || !target.isArray() || source.asArray().size() != target.size()) {
            return false;
        }
        BsonArray array = source.asArray();
        for (int i = 0; i < array.size(); i++) {
            if (!matches(array.get(i), target.get(i), elementType)) {
                return false;
            }
        }
        return true;
    }

    /** A text (or enum, or unknown) column: the same string, or a scalar written as text that means the same. */
    private static boolean textMatches(BsonValue source, JsonNode target) {
        if (!target.isTextual()) {
            return jsonEquals(relaxedJson(source), target);
        }
        String text = target.asText();
        if (source.isString()) {
            return source.asString().getValue().equals(text);
        }
        if (source.isObjectId()) {
            return source.asObjectId().getValue().toHexString().equals(text);
        }
        if (source.isBoolean()) {
            return Boolean.toString(source.asBoolean().getValue()).equals(text);
        }
        if (source.isDateTime()) {
            return millis(text).map(ms -> ms == source.asDateTime().getValue()).orElse(false);
        }
        Optional<BigDecimal> number = number(source);
        if (number.isPresent()) {
            return parseDecimal(text).map(n -> n.compareTo(number.get()) == 0).orElse(false)
                    || specialMatches(source, text);
        }
        return jsonEquals(relaxedJson(source), parse(text));
    }

    private static boolean specialMatches(BsonValue source, String text) {
        if (!source.isDouble()) {
            return false;
        }
        double d = source.asDouble().getValue();
        return Double.isNaN(d) ? text.equals("NaN") : Double.isInfinite(d) && text.equals(d > 0 ? "Infinity" : "-Infinity");
    }

    /** The value as PostgreSQL input text for a key column of this type, or empty when it has none. */
    static Optional<String> keyText(BsonValue value, String targetType) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String family = family(baseType(targetType));
        if (family.equals("uuid")) {
            return uuidText(value);
        }
        if (family.equals("json")) {
            return Optional.of(relaxedJson(value).toString());
        }
        if (value.isObjectId()) {
            return Optional.of(value.asObjectId().getValue().toHexString());
        }
        if (value.isString()) {
            return Optional.of(value.asString().getValue());
        }
        if (value.isDateTime()) {
            return Optional.of(LocalDateTime.ofEpochSecond(Math.floorDiv(value.asDateTime().getValue(), 1000),
                    (int) Math.floorMod(value.asDateTime().getValue(), 1000) * 1_000_000, ZoneOffset.UTC).toString());
        }
        if (value.isBoolean()) {
            return Optional.of(Boolean.toString(value.asBoolean().getValue()));
        }
        Optional<BigDecimal> number = number(value);
        if (number.isPresent()) {
            return Optional.of(number.get().toPlainString());
        }
        return Optional.of(relaxedJson(value).toString());
    }

    /**
     * The canonical text of a key value the document gives, comparable with {@link #canonical(JsonNode)} of what
     * {@code to_jsonb} gives for the target's column: a {@code jsonb} key compares as the JSON its input text is.
     */
    static String canonicalKey(String keyText, String targetType) {
        return family(baseType(targetType)).equals("json") ? canonical(parse(keyText)) : canonical(keyText);
    }

    /** The canonical text of a target key value as {@code to_jsonb} gives it, comparable with {@link #canonical}. */
    static String canonical(JsonNode target) {
        if (target == null || target.isNull()) {
            return "";
        }
        if (target.isContainerNode()) {
            return sortedJson(target);
        }
        return canonical(target.isTextual() ? target.asText() : target.isNumber()
                ? target.decimalValue().toPlainString() : target.toString());
    }

    /** JSON with object members sorted by name and numbers by value, so jsonb's reordering does not matter. */
    private static String sortedJson(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, String> members = new TreeMap<>();
            node.fields().forEachRemaining(f -> members.put(f.getKey(), sortedJson(f.getValue())));
            StringBuilder out = new StringBuilder("{");
            members.forEach((k, v) -> out.append(out.length() > 1 ? "," : "")
                    .append(TextNode.valueOf(k)).append(':').append(v));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (JsonNode element : node) {
                out.append(out.length() > 1 ? "," : "").append(sortedJson(element));
            }
            return out.append(']').toString();
        }
        return node.isNumber() ? canonical(node.decimalValue().toPlainString()) : node.toString();
    }

    /**
     * A key value's text in one form whichever side wrote it: numbers by value ({@code 1.0} is {@code 1}), timestamps
     * by their instant, UUIDs in lower case.
     */
    static String canonical(String text) {
        Optional<BigDecimal> number = parseDecimal(text);
        if (number.isPresent()) {
            BigDecimal n = number.get();
            return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
        }
        if (isUuid(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        Optional<Long> ms = text.length() >= 19 && text.charAt(4) == '-' ? millis(text) : Optional.empty();
        return ms.map(m -> "@" + m).orElse(text);
    }

    private static boolean isUuid(String text) {
        try {
            return text.length() == 36 && UUID.fromString(text) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> uuidText(BsonValue value) {
        if (value.isObjectId()) {
            return Optional.of(ObjectIdUuids.toUuid(value.asObjectId().getValue().toByteArray()).toString());
        }
        if (value.isBinary()) {
            byte type = value.asBinary().getType();
            if (type == BsonBinarySubType.UUID_STANDARD.getValue() || type == BsonBinarySubType.UUID_LEGACY.getValue()) {
                UuidRepresentation representation = type == BsonBinarySubType.UUID_STANDARD.getValue()
                        ? UuidRepresentation.STANDARD : UuidRepresentation.JAVA_LEGACY;
                return Optional.of(value.asBinary().asUuid(representation).toString());
            }
            return Optional.empty();
        }
        if (value.isString()) {
            String text = value.asString().getValue();
            return isUuid(text) ? Optional.of(text.toLowerCase(Locale.ROOT)) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<BigDecimal> number(BsonValue value) {
        return switch (value.getBsonType()) {
            case INT32 -> Optional.of(BigDecimal.valueOf(value.asInt32().getValue()));
            case INT64 -> Optional.of(BigDecimal.valueOf(value.asInt64().getValue()));
            case DOUBLE -> {
                double d = value.asDouble().getValue();
                yield Double.isFinite(d) ? Optional.of(new BigDecimal(Double.toString(d))) : Optional.empty();
            }
            case DECIMAL128 -> value.asDecimal128().getValue().isNaN() || value.asDecimal128().getValue().isInfinite()
                    ? Optional.empty() : Optional.of(value.asDecimal128().getValue().bigDecimalValue());
            default -> Optional.empty();
        };
    }

    private static Optional<BigDecimal> parseDecimal(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A timestamp as {@code to_jsonb} writes it ({@code 2024-01-02T03:04:05.123}, UTC; or with an offset). */
    static Optional<Long> millis(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().toEpochMilli());
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    /** The value written as relaxed Extended JSON v2, as a JSON tree. */
    static JsonNode relaxedJson(BsonValue value) {
        BsonDocument wrapper = new BsonDocument("v", value);
        return parse(wrapper.toJson(RELAXED)).get("v");
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(json);
        }
    }

    /** JSON equality with numbers compared by value ({@code 1}, {@code 1.0} and {@code 1e0} are equal). */
    static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b || (a == null ? b.isNull() : a.isNull());
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            return objectsEqual(a, b);
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!jsonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean objectsEqual(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!b.has(field.getKey()) || !jsonEquals(field.getValue(), b.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The type without modifiers, lower case: {@code numeric(12,2)} → {@code numeric}, {@code text[]} kept. */
    static String baseType(String targetType) {
        String type = targetType.trim();
        if (type.startsWith("\"")) {
            return type;
        }
        boolean array = type.endsWith("[]");
        String base = array ? type.substring(0, type.length() - 2) : type;
        int paren = base.indexOf('(');
        if (paren >= 0) {
            base = base.substring(0, paren).trim();
        }
        return base.toLowerCase(Locale.ROOT) + (array ? "[]" : "");
    }

    private static String family(String type) {
        return switch (type) {
            case "json", "jsonb" -> "json";
            case "uuid" -> "uuid";
            case "smallint", "integer", "int", "int2", "int4", "int8", "bigint", "numeric", "decimal", "real",
                 "double precision", "float4", "float8" -> "number";
            case "boolean", "bool" -> "boolean";
            case "timestamp", "timestamp without time zone", "timestamptz", "timestamp with time zone" -> "timestamp";
            case "bytea" -> "bytea";
            default -> "text";
        };
    }
}
