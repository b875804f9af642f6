package dev.cutover.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.codec.RecordKeyCodec;
import dev.cutover.schemas.codec.RowChangeCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The batching logic alone, against Kafka's MockProducer (a recording client, no broker): which partition each row's
 * batch goes to, when batches are cut, and which rows are left to travel alone. The whole path through a real broker
 * and PostgreSQL is covered by the cli integration tests (SnapshotMigrationIT, KillAnythingIT).
 */
class RowBatchesTest {
    private static final String TOPIC = "cutover.test.rows";
    private static final int PARTITIONS = 4;

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(cluster(), true, null,
            new ByteArraySerializer(), new ByteArraySerializer());

    private static Cluster cluster() {
        Node node = new Node(1, "localhost", 9092);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int i = 0; i < PARTITIONS; i++) {
            partitions.add(new PartitionInfo(TOPIC, i, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("test", List.of(node), partitions, java.util.Set.of(), java.util.Set.of());
    }

    private static RowChange row(String table, long id, String text) {
        return new RowChange("sqlite:/a.db", table, table, RowOperation.LOAD, List.of("id"), List.of(Long.toString(id)),
                "{\"id\":" + id + "}", List.of("id", "text"), List.of(Long.toString(id), text), 1L, 2L, List.of());
    }

    private static byte[] key(RowChange row) {
        return RecordKeyCodec.encode(row.getTable(), row.getKey());
    }

    @Test
    void shouldSendEachRowInABatchOnThePartitionItsOwnKeyHashesTo() {
        RowBatches batches = new RowBatches(producer, TOPIC, 1 << 20);
        List<RowChange> rows = new ArrayList<>();
        for (long id = 1; id <= 500; id++) {
            RowChange row = row("item", id, "text " + id);
            rows.add(row);
            assertThat(batches.add(row, key(row), 0L)).isTrue();
        }

        batches.flush(0L);

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSizeLessThanOrEqualTo(PARTITIONS);
        List<RowChange> received = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : sent) {
            assertThat(RowChangeCodec.isBatch(record.value())).isTrue();
            for (RowChange row : RowChangeCodec.decodeAll(record.value())) {
                assertThat(record.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(key(row))) % PARTITIONS);
                received.add(row);
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void shouldCutABatchAtTheSizeLimitAndWhenTheTableChanges() {
        RowBatches batches = new RowBatches(producer, TOPIC, 4096);
        int added = 0;
        for (long id = 1; id <= 300; id++) {
            RowChange row = row(id % 100 == 0 ? "other" : "item", id, "x".repeat(50));
            batches.add(row, key(row), 0L);
            added++;
        }
        batches.flush(0L);

        assertThat(producer.history()).allSatisfy(r -> assertThat(r.value().length).isLessThan(4096 + 1024));
        assertThat(producer.history().stream().mapToInt(r -> RowChangeCodec.decodeAll(r.value()).size()).sum())
                .isEqualTo(added);
        assertThat(producer.history()).allSatisfy(r -> assertThat(RowChangeCodec.decodeAll(r.value()))
                .extracting(RowChange::getTable).containsOnly(RowChangeCodec.decodeAll(r.value()).get(0).getTable()));
    }

    @Test
    void shouldLeaveARowAboveAQuarterOfTheLimitToTheCallerAndKeepTheOthers() {
        RowBatches batches = new RowBatches(producer, TOPIC, 4096);
        RowChange small = row("item", 1, "small");
        RowChange big = row("item", 2, "y".repeat(2000));

        assertThat(batches.add(small, key(small), 0L)).isTrue();
        assertThat(batches.add(big, key(big), 0L)).isFalse();
        batches.flush(0L);

        assertThat(producer.history()).singleElement()
                .satisfies(r -> assertThat(RowChangeCodec.decodeAll(r.value())).containsExactly(small));
    }
}
