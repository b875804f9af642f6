package dev.cutover.capture.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Encodes a key (a list of SQLite values) as compact JSON text for source offsets, and back; and reads a key as the
 * error log names it (a JSON object from column to value) back into SQLite values.
 */
final class KeyCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE64 = "$base64";
    /** How the error log writes TEXT whose bytes are not valid UTF-8. */
    private static final String HEX = "$hex";

    private KeyCodec() {
    }

    static String encode(List<Object> key) {
        if (key.size() == 1 && key.get(0) instanceof Long rowid) {
            return "[" + rowid + "]";
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Object value : key) {
            if (value == null) {
                array.addNull();
            } else if (value instanceof Long l) {
                array.add(l);
            } else if (value instanceof Double d) {
                array.add(d);
            } else if (value instanceof String s) {
                array.add(s);
            } else {
                array.addObject().put(BASE64, Base64.getEncoder().encodeToString(bytes(value)));
            }
        }
        return array.toString();
    }

    /** Decodes to JDBC parameter values: Long, Double, String or byte[]. */
    static List<Object> decode(String json) {
        try {
            List<Object> values = new ArrayList<>();
            for (JsonNode node : MAPPER.readTree(json)) {
                values.add(decodeValue(node));
            }
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored capture offset key is not valid JSON: " + json, e);
        }
    }

    /**
     * The values of a key written as a JSON object from column to value (the error log's {@code key}), in the order of
     * {@code columns}: integral numbers as Long, other numbers as Double, text as String, {@code $base64} as bytes,
     * {@code $hex} as {@link InvalidText}. Empty when the text is not such an object, or lacks a column.
     */
    static Optional<List<Object>> values(String json, List<String> columns) {
        try {
            JsonNode object = MAPPER.readTree(json);
            List<Object> values = new ArrayList<>(columns.size());
            for (String column : columns) {
                JsonNode node = object == null ? null : object.get(column);
                if (node == null || !decodable(node)) {
                    return Optional.empty();
                }
                values.add(decodeValue(node));
            }
            return Optional.of(values);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static boolean decodable(JsonNode node) {
        return node.isNull() || node.isTextual() || node.isFloatingPointNumber()
                || (node.isIntegralNumber() && node.canConvertToLong())
                || (node.isObject() && (node.has(BASE64) || node.has(HEX)));
    }

    private static Object decodeValue(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.has(HEX)) {
            return new InvalidText(ByteBuffer.wrap(HexFormat.of().parseHex(node.get(HEX).textValue())));
        }
        return Base64.getDecoder().decode(node.get(BASE64).textValue());
    }

    private static byte[] bytes(Object value) {
        ByteBuffer buffer = value instanceof InvalidText invalid ? invalid.getBytes() : (ByteBuffer) value;
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
