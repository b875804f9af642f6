package dev.cutover.capture;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.source.CaptureSettings;
import java.nio.file.Path;

/**
 * Settings of the capture stage.
 *
 * @param bootstrapServers      Kafka to write to
 * @param topics                the migration's topics
 * @param planPath              plan.json naming the tables and keys
 * @param snapshotBatchRows     rows per poll during the snapshot
 * @param maxMessageBytes       largest record Kafka accepts; a bigger row goes to the error log
 * @param offsetsReplication    replication factor of the capture-offsets topic (-1: the broker's default)
 * @param rawPartitions         partitions of the raw topic: the snapshot sends its rows in batches, one per partition
 *                              per poll (0: one record per row)
 * @param compression           Kafka compression of the records sent ("lz4" over a network; "none" for a broker on
 *                              the same machine, where compressing only costs CPU)
 * @param resumeAfterRemoval    a finished one-shot migration whose capture was removed from the source: capture what
 *                              the source records from now on instead of refusing (see {@link CaptureSettings})
 */
public record CaptureConfig(
        String bootstrapServers,
        Topics topics,
        Path planPath,
        int snapshotBatchRows,
        int maxMessageBytes,
        short offsetsReplication,
        int rawPartitions,
        String compression,
        boolean resumeAfterRemoval) {

    public CaptureConfig {
        if (snapshotBatchRows < 1) {
            throw CutoverException.usage("snapshot batch rows must be at least 1, got " + snapshotBatchRows);
        }
        if (rawPartitions < 0) {
            throw CutoverException.usage("raw partitions must be 0 or more, got " + rawPartitions);
        }
        if (!Topics.COMPRESSIONS.contains(compression)) {
            throw CutoverException.usage("compression must be one of " + Topics.COMPRESSIONS + ", got " + compression);
        }
        if (maxMessageBytes < 1 << 20) {
            throw CutoverException.usage("max message size must be at least 1 MiB, got " + maxMessageBytes + " bytes");
        }
    }

    /**
     * What the source's connector is told. Snapshot batches stay well below the message limit: a batch is sent once
     * it reaches this size, and a row bigger than a quarter of it travels alone, so no batch passes 1.25 times it.
     */
    public CaptureSettings connectorSettings() {
        int batchMaxBytes = Math.min(1 << 20, (maxMessageBytes - CaptureService.RECORD_OVERHEAD) / 2);
        return new CaptureSettings(planPath, topics.prefix(), snapshotBatchRows, rawPartitions, batchMaxBytes,
                resumeAfterRemoval);
    }
}
