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
import java.util.List;

/** Encodes a key (a list of SQLite values) as compact JSON text for source offsets, and back. */
final class KeyCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE64 = "$base64";

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
        return Base64.getDecoder().decode(node.get(BASE64).textValue());
    }

    private static byte[] bytes(Object value) {
        ByteBuffer buffer = value instanceof InvalidText invalid ? invalid.getBytes() : (ByteBuffer) value;
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
