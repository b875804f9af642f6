package dev.cutover.schemas.source;

import java.nio.file.Path;

/**
 * What every connector is told by the capture stage.
 *
 * @param planPath      plan.json naming the tables (collections) and keys to capture
 * @param topicPrefix   the migration's topic prefix (the raw and control topics' names derive from it)
 * @param batchRows     rows (documents) per snapshot read
 * @param rawPartitions partitions of the raw topic, which snapshot batches are cut by (0: one record per row)
 * @param batchMaxBytes a snapshot batch is sent once it reaches this size
 */
public record CaptureSettings(Path planPath, String topicPrefix, int batchRows, int rawPartitions, int batchMaxBytes) {
}
