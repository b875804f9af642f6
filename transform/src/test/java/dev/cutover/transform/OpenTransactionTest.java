package dev.cutover.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OpenTransactionTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final OpenTransaction transaction = new OpenTransaction(now::get);

    @Test
    void shouldCommitAtOnceAfterATrickleOrAnEmptyPoll() {
        transaction.consumed(OpenTransaction.TRICKLE_BYTES - 1);
        assertThat(transaction.due()).isTrue();

        OpenTransaction backlog = new OpenTransaction(now::get);
        backlog.consumed(OpenTransaction.TRICKLE_BYTES);
        assertThat(backlog.due()).as("a full poll keeps the transaction open").isFalse();
        backlog.consumed(0);
        assertThat(backlog.due()).as("the backlog ran out").isTrue();
    }

    @Test
    void shouldStayOpenOverABacklogUntilItsTimeOrSizeIsUp() {
        transaction.consumed(1 << 20);
        now.addAndGet(OpenTransaction.MAX_OPEN_MS - 1);
        assertThat(transaction.due()).isFalse();
        assertThat(transaction.pollTimeout()).isEqualTo(Duration.ofMillis(1));
        now.addAndGet(1);
        assertThat(transaction.due()).isTrue();
        assertThat(transaction.pollTimeout()).isEqualTo(Duration.ZERO);

        OpenTransaction big = new OpenTransaction(now::get);
        for (long taken = 1 << 20; taken < OpenTransaction.MAX_BYTES; taken += 1 << 20) {
            big.consumed(1 << 20);
            assertThat(big.due()).as("after %d bytes", taken).isFalse();
        }
        big.consumed(1 << 20);
        assertThat(big.due()).isTrue();
    }

    @Test
    void shouldCommitTheOffsetAfterTheLastRecordOfEachPartitionAcrossPolls() {
        TopicPartition p0 = new TopicPartition("raw", 0);
        TopicPartition p1 = new TopicPartition("raw", 1);
        transaction.consumed(new ConsumerRecords<>(Map.of(p0, List.of(record(p0, 4, 100), record(p0, 5, 100)),
                p1, List.of(record(p1, 9, 50)))));
        transaction.consumed(new ConsumerRecords<>(Map.of(p0, List.of(record(p0, 6, 70)))));
        transaction.counted(3, 1);
        transaction.counted(2, 0);

        assertThat(transaction.offsets()).containsExactlyInAnyOrderEntriesOf(
                Map.of(p0, new OffsetAndMetadata(7), p1, new OffsetAndMetadata(10)));
        assertThat(transaction.rows()).isEqualTo(5);
        assertThat(transaction.rejected()).isEqualTo(1);
        assertThat(transaction.due()).as("the last poll brought 70 bytes").isTrue();
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, int size) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, new byte[0], new byte[size]);
    }
}
