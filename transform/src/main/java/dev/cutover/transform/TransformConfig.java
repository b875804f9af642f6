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
 * @param compression      Kafka compression of the row changes sent ("lz4" over a network; "none" for a broker on
 *                         the same machine, where compressing only costs CPU)
 */
public record TransformConfig(String bootstrapServers, Topics topics, int workers, int maxMessageBytes,
                              String compression) {
    public TransformConfig {
        if (!Topics.COMPRESSIONS.contains(compression)) {
            throw CutoverException.usage("compression must be one of " + Topics.COMPRESSIONS + ", got " + compression);
        }
        if (workers < 1 || workers > 64) {
            throw CutoverException.usage("transform workers must be between 1 and 64, got " + workers);
        }
    }
}
