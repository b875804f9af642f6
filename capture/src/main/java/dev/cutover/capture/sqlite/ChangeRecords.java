package dev.cutover.capture.sqlite;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.ChangeEventBatch;
import dev.cutover.schemas.codec.ChangeEventBatchEncoder;
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
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the Connect records capture emits. Keys and values are Avro single-object encoded ({@link RecordKey},
 * {@link ChangeEvent}, {@link ChangeEventBatch}, {@link ControlEvent}), so the bytes on the topics are the same whether
 * the connector runs embedded or on a Connect cluster with the ByteArrayConverter.
 *
 * <p>Snapshot rows can travel in batches (see {@link #batches}): one Kafka record, one Debezium record and one set of
 * column names per few hundred rows instead of per row, which is most of what a row costs on its way. A batch holds
 * rows whose keys hash to the same raw partition and names that partition, so every row is in the partition its own
 * key chooses, the one its later changes go to: per-key order holds as it does for single events.
 */
final class ChangeRecords {
    /** Header on a batch record: how many rows it carries. */
    static final String ROWS_HEADER = "cutover.rows";

    private final String sourceId;
    private final Topics topics;
    private final Map<String, String> partition;
    private final int rawPartitions;
    private final int batchMaxBytes;
    private final ChangeEventBatchEncoder[] encoders;
    private final byte[][] firstKeys;

    /** One record per row. */
    ChangeRecords(String sourceId, Topics topics) {
        this(sourceId, topics, 0, 1 << 20);
    }

    /**
     * @param rawPartitions the raw topic's partitions (0: one record per row, no batches)
     * @param batchMaxBytes size at which a batch is sent; rows above a quarter of it travel alone
     */
    ChangeRecords(String sourceId, Topics topics, int rawPartitions, int batchMaxBytes) {
        this.sourceId = sourceId;
        this.topics = topics;
        this.partition = SqliteOffsetContext.partition(sourceId);
        this.rawPartitions = rawPartitions;
        this.batchMaxBytes = batchMaxBytes;
        this.encoders = new ChangeEventBatchEncoder[rawPartitions];
        this.firstKeys = new byte[rawPartitions][];
        for (int i = 0; i < rawPartitions; i++) {
            encoders[i] = new ChangeEventBatchEncoder();
        }
    }

    /** True when snapshot rows travel in batches. */
    boolean batching() {
        return rawPartitions > 0;
    }

    /**
     * The records for one poll of snapshot rows, all of one table: per raw partition, batches of the rows whose keys
     * hash to it (a row bigger than a quarter of the batch size travels alone). Every record but the last carries
     * {@code before}, the last {@code after}: the engine may commit any prefix of the records, and only the offset
     * after the whole poll skips rows.
     */
    List<SourceRecord> batches(List<RowEvent> events, Map<String, ?> before, SqliteOffsetContext after) {
        List<Pending> pending = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (RowEvent event : events) {
            byte[] key = RecordKeyCodec.encode(event.table(), keyForPartitioning(event.key()));
            int target = Topics.partitionOf(key, rawPartitions);
            ChangeEventBatchEncoder encoder = encoders[target];
            if (encoder.rows() == 0) {
                encoder.start(sourceId, event.table(), event.op(), event.keyColumns(), event.columns(), event.sequence(),
                        event.sourceTimeMs(), now);
                firstKeys[target] = key;
            }
            if (encoder.add(event.key(), event.values()) > batchMaxBytes / 4) {
                encoder.removeLast();
                pending.add(new Pending(target, key, ChangeEventCodec.encode(event(event, now)), 1));
            } else if (encoder.size() >= batchMaxBytes) {
                pending.add(flush(target));
            }
        }
        for (int target = 0; target < rawPartitions; target++) {
            if (encoders[target].rows() > 0) {
                pending.add(flush(target));
            }
        }
        List<SourceRecord> records = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            ConnectHeaders headers = new ConnectHeaders();
            headers.addInt(ROWS_HEADER, p.rows());
            records.add(new SourceRecord(partition, i == pending.size() - 1 ? after.toMap() : before, topics.raw(),
                    p.partition(), Schema.BYTES_SCHEMA, p.key(), Schema.BYTES_SCHEMA, p.value(), now, headers));
        }
        return records;
    }

    private Pending flush(int target) {
        int rows = encoders[target].rows();
        return new Pending(target, firstKeys[target], encoders[target].finish(), rows);
    }

    /** A record about to be built: its partition, key (a batch's is its first row's), value and row count. */
    private record Pending(int partition, byte[] key, byte[] value, int rows) {
    }

    private ChangeEvent event(RowEvent event, long captureTimeMs) {
        return new ChangeEvent(sourceId, event.table(), event.op(), event.keyColumns(), event.key(), event.columns(),
                event.values(), event.sequence(), event.sourceTimeMs(), captureTimeMs);
    }

    SourceRecord row(RowEvent event, SqliteOffsetContext offset) {
        ChangeEvent value = event(event, System.currentTimeMillis());
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
