package dev.cutover.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldPartitionAKeyExactlyAsKafkasDefaultPartitionerDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] key = new byte[random.nextInt(40)];
            random.nextBytes(key);
            int partitions = 1 + random.nextInt(64);

            assertThat(Topics.partitionOf(key, partitions)).isEqualTo(BuiltInPartitioner.partitionForKey(key, partitions));
        }
    }

    @Test
    void shouldNameEveryTopicWithThePrefixAndRefuseAnIllegalOne() {
        Topics topics = new Topics("cutover.app.1a2b");

        assertThat(topics.raw()).isEqualTo("cutover.app.1a2b.raw");
        assertThat(topics.rows()).isEqualTo("cutover.app.1a2b.rows");
        assertThatThrownBy(() -> new Topics("bad name/" + new String(new byte[] {1}, StandardCharsets.UTF_8)))
                .isInstanceOf(CutoverException.class).hasMessageContaining("not a legal Kafka topic name");
    }
}
