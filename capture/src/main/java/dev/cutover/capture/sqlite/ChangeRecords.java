package dev.cutover.capture.sqlite;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.codec.RecordKeyCodec;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.InvalidText;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.TableCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the Connect records capture emits. Keys and values are Avro single-object encoded ({@link RecordKey},
 * {@link ChangeEvent}, {@link ControlEvent}), so the bytes on the topics are the same whether the connector runs
 * embedded or on a Connect cluster with the ByteArrayConverter.
 */
final class ChangeRecords {
    private final String sourceId;
    private final Topics topics;
    private final Map<String, String> partition;

    ChangeRecords(String sourceId, Topics topics) {
        this.sourceId = sourceId;
        this.topics = topics;
        this.partition = SqliteOffsetContext.partition(sourceId);
    }

    SourceRecord row(RowEvent event, SqliteOffsetContext offset) {
        ChangeEvent value = new ChangeEvent(sourceId, event.table(), event.op(), event.keyColumns(), event.key(),
                event.columns(), event.values(), event.sequence(), event.sourceTimeMs(), System.currentTimeMillis());
        byte[] key = RecordKeyCodec.encode(event.table(), keyForPartitioning(event.key()));
        return new SourceRecord(partition, offset.toMap(), topics.raw(), null,
                Schema.BYTES_SCHEMA, key, Schema.BYTES_SCHEMA, ChangeEventCodec.encode(value), value.getCaptureTimeMs());
    }

    SourceRecord control(ControlType type, List<TableCount> tables, SqliteOffsetContext offset) {
        ControlEvent value = new ControlEvent(sourceId, type, tables, System.currentTimeMillis());
        return new SourceRecord(partition, offset.toMap(), topics.control(), null,
                Schema.BYTES_SCHEMA, sourceId.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Schema.BYTES_SCHEMA, encode(value), value.getTimeMs());
    }

    private static List<Object> keyForPartitioning(List<Object> key) {
        List<Object> values = new ArrayList<>(key.size());
        for (Object value : key) {
            values.add(value instanceof InvalidText invalid ? invalid.getBytes() : value);
        }
        return values;
    }

    private static byte[] encode(Object record) {
        try {
            ByteBuffer buffer;
            buffer = ((ControlEvent) record).toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }
}
