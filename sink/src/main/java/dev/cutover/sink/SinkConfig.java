package dev.cutover.sink;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.Topics;

/**
 * Settings of the sink stage.
 *
 * @param bootstrapServers Kafka
 * @param topics           the migration's topics
 * @param migration        the migration id: the key of this migration's offsets in {@code cutover.sink_offsets}
 * @param workers          consumer loops; each owns a share of the row topic's partitions and one connection
 * @param maxPollRecords   row changes applied per PostgreSQL transaction, at most
 * @param maxMessageBytes  largest record Kafka accepts
 */
public record SinkConfig(String bootstrapServers, Topics topics, String migration, int workers, int maxPollRecords,
                         int maxMessageBytes) {
    public SinkConfig {
        if (workers < 1 || workers > 64) {
            throw CutoverException.usage("sink workers must be between 1 and 64, got " + workers);
        }
        if (maxPollRecords < 1) {
            throw CutoverException.usage("sink batch size must be at least 1, got " + maxPollRecords);
        }
    }
}
