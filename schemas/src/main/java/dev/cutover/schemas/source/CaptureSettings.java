package dev.cutover.schemas.source;

import dev.cutover.schemas.CutoverException;
import java.nio.file.Path;
import java.util.List;

/**
 * What every connector is told by the capture stage.
 *
 * @param planPath      plan.json naming the tables (collections) and keys to capture
 * @param topicPrefix   the migration's topic prefix (the raw and control topics' names derive from it)
 * @param batchRows     rows (documents) per snapshot read
 * @param rawPartitions partitions of the raw topic, which snapshot batches are cut by (0: one record per row)
 * @param batchMaxBytes a snapshot batch is sent once it reaches this size
 * @param resumeAfterRemoval the migration's snapshot is complete and a one-shot run then removed capture from the
 *                      source: stream what the source records from now on (capture installed anew) instead of
 *                      refusing the stored position as one into a capture that is gone. Changes made while no
 *                      capture was installed are not seen, so it is set only to send the error log's changes again
 *                      into a finished one-shot migration
 * @param resnapshot    collections (tables) to read again from their start ({@code run --resnapshot}), the others
 *                      going on where they are; a source that cannot refuses with {@link #refuseResnapshot}
 */
public record CaptureSettings(Path planPath, String topicPrefix, int batchRows, int rawPartitions, int batchMaxBytes,
                              boolean resumeAfterRemoval, List<String> resnapshot) {

    public CaptureSettings {
        resnapshot = List.copyOf(resnapshot);
    }

    /** Settings that read nothing again. */
    public CaptureSettings(Path planPath, String topicPrefix, int batchRows, int rawPartitions, int batchMaxBytes,
                           boolean resumeAfterRemoval) {
        this(planPath, topicPrefix, batchRows, rawPartitions, batchMaxBytes, resumeAfterRemoval, List.of());
    }

    /** Settings of a capture that starts from what the source records, or refuses a position into a removed one. */
    public CaptureSettings(Path planPath, String topicPrefix, int batchRows, int rawPartitions, int batchMaxBytes) {
        this(planPath, topicPrefix, batchRows, rawPartitions, batchMaxBytes, false);
    }

    /** These settings, reading {@code collections} again from their start. */
    public CaptureSettings withResnapshot(List<String> collections) {
        return new CaptureSettings(planPath, topicPrefix, batchRows, rawPartitions, batchMaxBytes, resumeAfterRemoval,
                collections);
    }

    /**
     * For a source that reads nothing again by itself.
     *
     * @throws CutoverException BAD_USAGE naming {@code --resnapshot} and the source when collections are asked for
     */
    public void refuseResnapshot(String source) {
        if (!resnapshot.isEmpty()) {
            throw CutoverException.usage("--resnapshot " + String.join(",", resnapshot) + " reads MongoDB collections "
                    + "again; " + source + " is read again by starting a new migration (a new --work directory and an "
                    + "empty target); leave out --resnapshot");
        }
    }
}
