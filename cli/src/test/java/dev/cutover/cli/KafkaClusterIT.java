package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.runtime.KafkaCluster;
import dev.cutover.schemas.Topics;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin side of the run against the real broker: a topic's end offsets can be read the moment it was created. */
@ExtendWith(PipelineServices.class)
class KafkaClusterIT {

    @Test
    void shouldReadTheEndOffsetsOfTopicsJustCreated(PipelineServices.Services services) {
        try (KafkaCluster cluster = KafkaCluster.connect(services.kafka())) {
            for (int i = 0; i < 10; i++) {
                Topics topics = new Topics("cutover.fresh" + UUID.randomUUID().toString().substring(0, 8));
                cluster.createTopics(topics, 4, 1 << 20);

                Map<TopicPartition, Long> raw = cluster.endOffsets(topics.raw());
                Map<TopicPartition, Long> rows = cluster.endOffsets(topics.rows());

                assertThat(raw).hasSize(4).allSatisfy((partition, offset) -> assertThat(offset).isZero());
                assertThat(rows).hasSize(4).allSatisfy((partition, offset) -> assertThat(offset).isZero());
            }
        }
    }
}
