package dev.cutover.capture;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/** A source key as a JSON object (column to value), as error reports show it. */
final class KeyJson {
    private KeyJson() {
    }

    static String of(List<String> columns, List<Object> values) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            Object value = values.get(i);
            String column = columns.get(i);
            if (value == null) {
                node.putNull(column);
            } else if (value instanceof Long l) {
                node.put(column, l);
            } else if (value instanceof Double d) {
                node.put(column, d);
            } else if (value instanceof ByteBuffer || value instanceof InvalidText) {
                ByteBuffer bytes = value instanceof InvalidText t ? t.getBytes() : (ByteBuffer) value;
                byte[] array = new byte[bytes.remaining()];
                bytes.duplicate().get(array);
                node.putObject(column).put("$base64", Base64.getEncoder().encodeToString(array));
            } else {
                node.put(column, value.toString());
            }
        }
        return node.toString();
    }
}
