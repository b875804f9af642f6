package dev.cutover.validator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * A row's key as the report names it: a JSON object from source key column to value, in key order, e.g.
 * {@code {"TrackId":5}}. The same row gives the same text whichever side it was read from, which is what lets keys
 * be matched against the pending set and against each other.
 */
public final class RowKey {
    private RowKey() {
    }

    /**
     * @param columns source key column names
     * @param values  key values: Long/Integer/BigDecimal/Double are written as numbers, byte arrays as base64 text,
     *                anything else as its text
     */
    public static String json(List<String> columns, Object[] values) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            put(key, columns.get(i), values[i]);
        }
        return key.toString();
    }

    /**
     * The key values of a {@link #json} text, in the order of {@code columns}: integral numbers as Long, other numbers
     * as Double, text as String. (Byte keys come back as their base64 text.)
     */
    public static Object[] values(String json, List<String> columns) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(node.get(columns.get(i)));
            }
            return values;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a row key: " + json, e);
        }
    }

    /**
     * A key written elsewhere as a JSON object (e.g. the {@code sourceKey} of a row change, where bytes are
     * {@code {"$base64": ...}}) in this class's form.
     */
    public static String normalize(String json, List<String> columns) {
        Object[] values = values(json, columns);
        return json(columns, values);
    }

    private static Object value(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isObject() && node.has("$base64")) {
            return Base64.getDecoder().decode(node.get("$base64").asText());
        }
        return node.asText();
    }

    private static void put(ObjectNode key, String column, Object value) {
        if (value == null) {
            key.putNull(column);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            key.put(column, ((Number) value).longValue());
        } else if (value instanceof java.math.BigDecimal decimal && decimal.scale() <= 0) {
            key.put(column, decimal.longValueExact());
        } else if (value instanceof Double d) {
            key.put(column, d);
        } else if (value instanceof byte[] bytes) {
            key.put(column, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            key.put(column, Base64.getEncoder().encodeToString(bytes));
        } else {
            key.put(column, value.toString());
        }
    }
}
