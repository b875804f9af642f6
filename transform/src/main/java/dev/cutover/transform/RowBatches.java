package dev.cutover.transform;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.codec.RowChangeBatchEncoder;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Gathers loaded snapshot rows into {@link dev.cutover.schemas.avro.RowChangeBatch} records, one open batch per
 * row-topic partition: a row joins the batch of the partition its own key hashes to (the partition Kafka's default
 * partitioner gives a single change with that key), so per-key order holds. A batch is sent when it reaches the size
 * limit, when a row does not share its table and columns, and at {@link #flush}. Rows above a quarter of the limit are
 * left to the caller to send alone. Not thread-safe: one per transform worker.
 */
final class RowBatches {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final int maxBytes;
    private RowChangeBatchEncoder[] encoders;
    private byte[][] firstKeys;

    RowBatches(Producer<byte[], byte[]> producer, String topic, int maxBytes) {
        this.producer = producer;
        this.topic = topic;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a row to its partition's batch; false when the row must be sent alone: too big to batch, or carrying set
     * replacements (a batch row has no room for them).
     */
    boolean add(RowChange row, byte[] key, long timestamp) {
        if (!row.getSets().isEmpty()) {
            return false;
        }
        if (encoders == null) {
            int partitions = producer.partitionsFor(topic).size();
            encoders = new RowChangeBatchEncoder[partitions];
            firstKeys = new byte[partitions][];
            for (int i = 0; i < partitions; i++) {
                encoders[i] = new RowChangeBatchEncoder();
            }
        }
        int partition = Topics.partitionOf(key, encoders.length);
        RowChangeBatchEncoder encoder = encoders[partition];
        if (!encoder.fits(row)) {
            send(partition, timestamp);
        }
        if (encoder.rows() == 0) {
            firstKeys[partition] = key;
        }
        if (encoder.add(row) > maxBytes / 4) {
            encoder.removeLast();
            return false;
        }
        if (encoder.size() >= maxBytes) {
            send(partition, timestamp);
        }
        return true;
    }

    /** Sends every open batch. */
    void flush(long timestamp) {
        if (encoders != null) {
            for (int partition = 0; partition < encoders.length; partition++) {
                if (encoders[partition].rows() > 0) {
                    send(partition, timestamp);
                }
            }
        }
    }

    /** Drops the open batches (their transaction was aborted; the rows are read again). */
    void discard() {
        if (encoders != null) {
            for (RowChangeBatchEncoder encoder : encoders) {
                encoder.finish();
            }
        }
    }

    private void send(int partition, long timestamp) {
        byte[] value = encoders[partition].finish();
        producer.send(new ProducerRecord<>(topic, partition, timestamp, firstKeys[partition], value));
    }
}
