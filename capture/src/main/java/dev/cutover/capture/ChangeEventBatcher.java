package dev.cutover.capture;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.InvalidText;
import dev.cutover.schemas.codec.ChangeEventBatchEncoder;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.codec.RecordKeyCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups snapshot change events of one table into {@link dev.cutover.schemas.avro.ChangeEventBatch} records, one set
 * per raw partition: a batch holds rows whose keys hash to the same partition and names that partition, so every row is
 * in the partition its own key chooses, the one its later changes go to, and per-key order holds as for single events.
 * A batch is closed once it reaches {@code batchMaxBytes}; a row bigger than a quarter of that travels alone, as a
 * single {@link ChangeEvent}. Not thread-safe; reusable.
 */
public final class ChangeEventBatcher {
    private final int rawPartitions;
    private final int batchMaxBytes;
    private final ChangeEventBatchEncoder[] encoders;
    private final byte[][] firstKeys;

    /**
     * One encoded record.
     *
     * @param partition the raw partition it goes to
     * @param key       its Kafka key (a batch's is its first row's)
     * @param value     a ChangeEventBatch, or a single ChangeEvent
     * @param rows      rows it carries
     */
    public record Batch(int partition, byte[] key, byte[] value, int rows) {
    }

    /**
     * @param rawPartitions the raw topic's partitions (at least 1)
     * @param batchMaxBytes size at which a batch is closed
     */
    public ChangeEventBatcher(int rawPartitions, int batchMaxBytes) {
        this.rawPartitions = rawPartitions;
        this.batchMaxBytes = batchMaxBytes;
        this.encoders = new ChangeEventBatchEncoder[rawPartitions];
        this.firstKeys = new byte[rawPartitions][];
        for (int i = 0; i < rawPartitions; i++) {
            encoders[i] = new ChangeEventBatchEncoder();
        }
    }

    /** The records for {@code events}, all of one table, operation and column list. */
    public List<Batch> batch(List<ChangeEvent> events) {
        List<Batch> batches = new ArrayList<>();
        for (ChangeEvent event : events) {
            byte[] key = recordKey(event);
            int target = Topics.partitionOf(key, rawPartitions);
            ChangeEventBatchEncoder encoder = encoders[target];
            if (encoder.rows() == 0) {
                encoder.start(event.getSource(), event.getTable(), event.getOp(), event.getKeyColumns(),
                        event.getColumns(), event.getSequence(), event.getSourceTimeMs(), event.getCaptureTimeMs());
                firstKeys[target] = key;
            }
            if (encoder.add(event.getKey(), event.getValues()) > batchMaxBytes / 4) {
                encoder.removeLast();
                batches.add(new Batch(target, key, ChangeEventCodec.encode(event), 1));
            } else if (encoder.size() >= batchMaxBytes) {
                batches.add(finish(target));
            }
        }
        for (int target = 0; target < rawPartitions; target++) {
            if (encoders[target].rows() > 0) {
                batches.add(finish(target));
            }
        }
        return batches;
    }

    private Batch finish(int target) {
        int rows = encoders[target].rows();
        return new Batch(target, firstKeys[target], encoders[target].finish(), rows);
    }

    /** The Kafka key of an event on the raw topic: its table and key (invalid text keyed by its bytes). */
    public static byte[] recordKey(ChangeEvent event) {
        List<Object> values = new ArrayList<>(event.getKey().size());
        for (Object value : event.getKey()) {
            values.add(value instanceof InvalidText invalid ? invalid.getBytes() : value);
        }
        return RecordKeyCodec.encode(event.getTable(), values);
    }
}
