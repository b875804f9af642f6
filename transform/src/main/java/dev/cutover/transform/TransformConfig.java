package dev.cutover.transform;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.Topics;

/**
 * Settings of the transform stage.
 *
 * @param bootstrapServers Kafka
 * @param topics           the migration's topics
 * @param workers          consume-transform-produce loops, each with its own transactional producer
 * @param maxMessageBytes  largest record Kafka accepts
 */
public record TransformConfig(String bootstrapServers, Topics topics, int workers, int maxMessageBytes) {
    public TransformConfig {
        if (workers < 1 || workers > 64) {
            throw CutoverException.usage("transform workers must be between 1 and 64, got " + workers);
        }
    }
}
