package dev.cutover.validator;

import dev.cutover.schemas.avro.InvalidText;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Source values between the read-back's form (the raw events': Long, Double, String, ByteBuffer, InvalidText) and the
 * validator's (Long, Double, String, byte[]), and keys read elsewhere (the target, a key's JSON) in the read-back's.
 */
final class SourceValues {
    private SourceValues() {
    }

    /**
     * A read-back value as the validator compares it: a BLOB as byte[], text whose bytes are not UTF-8 decoded with
     * replacement characters (as text is reported), anything else as it is.
     */
    static Object plain(Object value) {
        if (value instanceof ByteBuffer buffer) {
            return ValueEquality.bytes(buffer);
        }
        if (value instanceof InvalidText invalid) {
            return new String(ValueEquality.bytes(invalid.getBytes()), StandardCharsets.UTF_8);
        }
        return value instanceof CharSequence text ? text.toString() : value;
    }

    /** {@link #plain} of every value. */
    static Object[] plain(List<Object> values) {
        Object[] plain = new Object[values.size()];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = plain(values.get(i));
        }
        return plain;
    }

    /**
     * A key read from the target or from its JSON, to look up in the source: whole numbers as Long, byte[], Double and
     * text as they are, anything else (a uuid, a timestamp, a decimal fraction) as its text.
     */
    static List<Object> key(Object[] values) {
        List<Object> key = new ArrayList<>(values.length);
        for (Object value : values) {
            key.add(keyValue(value));
        }
        return key;
    }

    private static Object keyValue(Object value) {
        if (value instanceof BigDecimal decimal && decimal.scale() <= 0) {
            return decimal.longValueExact();
        }
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof Long || value instanceof Double || value instanceof String
                || value instanceof byte[]) {
            return value;
        }
        return value.toString();
    }
}
