package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Source;
import dev.cutover.sink.PgTarget;
import java.util.List;

/**
 * A run's settings, validated together before anything is started.
 *
 * @param source           the source
 * @param target           the PostgreSQL target, or null for the embedded one
 * @param kafka            Kafka bootstrap servers, or null for the embedded broker
 * @param work             the work directory
 * @param once             snapshot, drain, stop
 * @param partitions       partitions of the raw and row topics (parallelism of transform and sink)
 * @param transformWorkers transform loops
 * @param sinkWorkers      sink loops (PostgreSQL connections)
 * @param batchRows        rows capture reads per poll
 * @param maxMessageBytes  largest row Kafka carries; larger rows go to the error log
 * @param replayErrors     send the changes in the error log through the pipeline again, once the snapshot is loaded
 * @param resnapshot       collections to read again from their start (MongoDB), the others going on where they are
 * @param backup           back the source file up before capture is installed (see {@link RunBackup})
 */
public record RunOptions(
        Source source,
        PgTarget target,
        String kafka,
        WorkDir work,
        boolean once,
        int partitions,
        int transformWorkers,
        int sinkWorkers,
        int batchRows,
        int maxMessageBytes,
        boolean replayErrors,
        List<String> resnapshot,
        boolean backup) {

    /** Options of a run that does not replay the error log. */
    public RunOptions(Source source, PgTarget target, String kafka, WorkDir work, boolean once, int partitions,
                      int transformWorkers, int sinkWorkers, int batchRows, int maxMessageBytes) {
        this(source, target, kafka, work, once, partitions, transformWorkers, sinkWorkers, batchRows, maxMessageBytes,
                false);
    }

    /** Options of a run that reads no collection again. */
    public RunOptions(Source source, PgTarget target, String kafka, WorkDir work, boolean once, int partitions,
                      int transformWorkers, int sinkWorkers, int batchRows, int maxMessageBytes, boolean replayErrors) {
        this(source, target, kafka, work, once, partitions, transformWorkers, sinkWorkers, batchRows, maxMessageBytes,
                replayErrors, List.of());
    }

    /** Options of a run that backs the source up (where it is a file). */
    public RunOptions(Source source, PgTarget target, String kafka, WorkDir work, boolean once, int partitions,
                      int transformWorkers, int sinkWorkers, int batchRows, int maxMessageBytes, boolean replayErrors,
                      List<String> resnapshot) {
        this(source, target, kafka, work, once, partitions, transformWorkers, sinkWorkers, batchRows, maxMessageBytes,
                replayErrors, resnapshot, true);
    }

    public RunOptions {
        resnapshot = List.copyOf(resnapshot);
        require(partitions >= 1 && partitions <= 256, "--partitions", partitions, "a number from 1 to 256");
        require(transformWorkers >= 1 && transformWorkers <= 64, "--transform-workers", transformWorkers, "1 to 64");
        require(sinkWorkers >= 1 && sinkWorkers <= 64, "--sink-workers", sinkWorkers, "1 to 64");
        require(batchRows >= 1 && batchRows <= 1_000_000, "--batch-rows", batchRows, "1 to 1000000");
        require(maxMessageBytes >= 1 << 20 && maxMessageBytes <= 1 << 30, "--max-message-mb", maxMessageBytes >> 20,
                "1 to 1024");
    }

    private static void require(boolean ok, String option, int value, String expected) {
        if (!ok) {
            throw CutoverException.usage(option + " " + value + " is out of range; use " + expected);
        }
    }
}
