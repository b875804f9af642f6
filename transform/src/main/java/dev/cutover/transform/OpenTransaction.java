package dev.cutover.transform;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A transform worker's Kafka transaction while it is open, and when to commit it. Each transaction costs the broker a
 * round of coordinator work (partitions added, offsets committed, markers written to every partition), so while
 * there is a backlog (a snapshot) a transaction takes in several polls; a poll that brings little is a trickle of live
 * changes, or the end of the backlog, and commits at once so that changes are not held back. Not thread-safe.
 */
final class OpenTransaction {
    /** A poll bringing less than this many bytes commits the transaction at once. */
    static final long TRICKLE_BYTES = 64 << 10;
    /** A transaction open this long commits after its current poll. */
    static final long MAX_OPEN_MS = 250;
    /** A transaction that has taken in this many bytes commits after its current poll. */
    static final long MAX_BYTES = 16 << 20;

    private final LongSupplier clockMs;
    private final long openedMs;
    private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    private long bytes;
    private long lastPollBytes;
    private int rows;
    private int rejected;
    private final RoundedCounts rounded = new RoundedCounts();

    OpenTransaction(LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.openedMs = clockMs.getAsLong();
    }

    /** Takes in a poll's records (after their changes were sent): the offsets to commit and their size. */
    void consumed(ConsumerRecords<byte[], byte[]> records) {
        long polled = 0;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
            for (ConsumerRecord<byte[], byte[]> record : list) {
                polled += Math.max(0, record.serializedValueSize()) + Math.max(0, record.serializedKeySize());
            }
        }
        consumed(polled);
    }

    /** Takes in a poll of {@code polled} bytes (an empty poll is 0). */
    void consumed(long polled) {
        bytes += polled;
        lastPollBytes = polled;
    }

    void counted(int rows, int rejected) {
        this.rows += rows;
        this.rejected += rejected;
    }

    /** Counts a transformed row (whose values may have been rounded from float noise). */
    void counted(TransformResult transformed) {
        rows++;
        rounded.add(transformed);
    }

    /** True when the transaction should commit now rather than take in another poll. */
    boolean due() {
        return lastPollBytes < TRICKLE_BYTES || bytes >= MAX_BYTES || clockMs.getAsLong() - openedMs >= MAX_OPEN_MS;
    }

    /** How long the next poll may wait for records before this transaction is due anyway. */
    Duration pollTimeout() {
        return Duration.ofMillis(Math.max(0, MAX_OPEN_MS - (clockMs.getAsLong() - openedMs)));
    }

    Map<TopicPartition, OffsetAndMetadata> offsets() {
        return offsets;
    }

    int rows() {
        return rows;
    }

    int rejected() {
        return rejected;
    }

    RoundedCounts rounded() {
        return rounded;
    }
}
