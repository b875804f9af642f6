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
