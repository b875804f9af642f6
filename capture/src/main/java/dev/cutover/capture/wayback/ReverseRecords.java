package dev.cutover.capture.wayback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.wayback.ReverseChange;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns Debezium's PostgreSQL change records into {@link ReverseChange}s. Values become JSON in one canonical form per
 * kind: temporal values as ISO text (a date {@code 2024-01-05}, a timestamp {@code 2024-01-05T10:20:30.123456}, a
 * time {@code 10:20:30.123456}; timestamptz as Debezium gives it, ISO in UTC), numerics as decimal text, bytea as
 * base64 text, JSON as its text, NaN and infinities as text; sink's {@code SqliteValueConverter} reads them back by
 * column type.
 */
final class ReverseRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Debezium sends for a TOASTed value an update left unchanged (pgoutput does not repeat it). */
    private static final String UNAVAILABLE = "__debezium_unavailable_value";
    private static final String UNAVAILABLE_BYTES = Base64.getEncoder().encodeToString(
            UNAVAILABLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private ReverseRecords() {
    }

    /** The change a data record carries; empty for heartbeats, tombstones and anything else that is not a row change. */
    static Optional<ReverseChange> of(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return Optional.empty();
        }
        String op = value.getString("op");
        Struct source = value.getStruct("source");
        String table = source.getString("schema") + "." + source.getString("table");
        long commitLsn = position(source, 0);
        long lsn = source.getInt64("lsn");
        ObjectNode key = render((Struct) record.key());
        if (op.equals("d")) {
            return Optional.of(ReverseChange.deletion(table, key, commitLsn, lsn));
        }
        return Optional.of(ReverseChange.upsert(table, key, render(value.getStruct("after")), commitLsn, lsn));
    }

    /** Debezium's {@code sequence}: {@code ["<last commit lsn>", "<lsn>"]}, as text. */
    private static long position(Struct source, int index) {
        String sequence = source.getString("sequence");
        if (sequence == null) {
            return 0;
        }
        String part = sequence.replaceAll("[\\[\\]\" ]", "").split(",")[index];
        return part.isEmpty() || part.equals("null") ? 0 : Long.parseLong(part);
    }

    static ObjectNode render(Struct struct) {
        ObjectNode node = NODES.objectNode();
        if (struct == null) {
            return node;
        }
        for (Field field : struct.schema().fields()) {
            com.fasterxml.jackson.databind.JsonNode value = value(field.schema(), struct.get(field));
            if (!unavailable(value)) {
                node.set(field.name(), value);
            }
        }
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        String name = schema.name() == null ? "" : schema.name();
        return switch (name) {
            case "io.debezium.time.Date" -> NODES.textNode(LocalDate.ofEpochDay(((Number) value).longValue()).toString());
            case "io.debezium.time.Timestamp" -> NODES.textNode(timestamp(((Number) value).longValue() * 1000));
            case "io.debezium.time.MicroTimestamp" -> NODES.textNode(timestamp(((Number) value).longValue()));
            case "io.debezium.time.NanoTimestamp" -> NODES.textNode(timestamp(((Number) value).longValue() / 1000));
            case "io.debezium.time.Time" -> NODES.textNode(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000).toString());
            case "io.debezium.time.MicroTime" -> NODES.textNode(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1000).toString());
            case "io.debezium.time.NanoTime" -> NODES.textNode(LocalTime.ofNanoOfDay(((Number) value).longValue()).toString());
            default -> plain(schema, value);
        };
    }

    private static com.fasterxml.jackson.databind.JsonNode plain(Schema schema, Object value) {
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? NODES.numberNode(new BigDecimal(Double.toString(d))) : NODES.textNode(Double.toString(d));
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.textNode(decimal.toPlainString());
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(value(schema.valueSchema(), item)));
            return array;
        }
        if (value instanceof Struct struct) {
            return render(struct);
        }
        if (value instanceof Map<?, ?>) {
            return JSON.valueToTree(value);
        }
        return NODES.textNode(value.toString());
    }

    /** An unchanged TOASTed value: left out, so SQLite keeps what it has. */
    private static boolean unavailable(com.fasterxml.jackson.databind.JsonNode value) {
        return value.isTextual() && (value.asText().equals(UNAVAILABLE) || value.asText().equals(UNAVAILABLE_BYTES));
    }

    private static String timestamp(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), (int) Math.floorMod(micros, 1_000_000) * 1000,
                ZoneOffset.UTC).toString();
    }
}
