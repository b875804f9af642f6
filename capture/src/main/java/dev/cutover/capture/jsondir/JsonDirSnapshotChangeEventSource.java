package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.JsonDirectory.Entry;
import dev.cutover.capture.jsondir.JsonDirectory.Listing;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.TableCount;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot: every planned collection read once, in plan order, its files in path order, a step per poll. A file
 * read in an earlier run and unchanged since is not read again; one whose read was cut short resumes where the
 * committed offset's index version left it. A file that is still being written (it would be read whole, but has not
 * settled) is left to streaming, which reads it once it settles.
 *
 * <p>Announces SNAPSHOT_STARTED with each collection's documents still to read first (found without parsing them), and
 * SNAPSHOT_COMPLETED last, whose offset starts the STREAMING phase. A directory has no transactions: each file is read
 * as it is when its turn comes, and streaming then catches every change made since. Not thread-safe: used by the
 * task's polling thread only.
 */
final class JsonDirSnapshotChangeEventSource {
    private static final Logger LOG = LoggerFactory.getLogger(JsonDirSnapshotChangeEventSource.class);

    private final CaptureContext context;
    private final StepRunner runner;
    private final long snapshotTimeMs;
    private final long pollBudgetMs;
    private final Deque<FileSync> queue = new ArrayDeque<>();
    private boolean announced;
    private boolean done;

    JsonDirSnapshotChangeEventSource(CaptureContext context, StepRunner runner, long pollBudgetMs) {
        this.context = context;
        this.runner = runner;
        this.snapshotTimeMs = runner.offset().snapshotTimeMs();
        this.pollBudgetMs = pollBudgetMs;
    }

    boolean done() {
        return done;
    }

    /** The next records: the start announcement, a step's documents, or the completion announcement. */
    List<SourceRecord> poll() {
        if (!announced) {
            return List.of(started());
        }
        long deadline = System.currentTimeMillis() + pollBudgetMs;
        while (!queue.isEmpty()) {
            FileSync work = queue.peek();
            StepRunner.Ran ran = runner.run(work);
            if (ran.finished()) {
                work.close();
                queue.poll();
            }
            if (!ran.records().isEmpty() || System.currentTimeMillis() > deadline) {
                return ran.records();
            }
        }
        return List.of(completed());
    }

    private SourceRecord started() {
        long scanStartMs = System.currentTimeMillis();
        Listing listing = context.directory().list();
        context.requireNoClashes(listing);
        FileSync.Stamp stamp = new FileSync.Stamp(true, 0, snapshotTimeMs, scanStartMs);
        Map<String, Long> counts = new LinkedHashMap<>();
        context.collections().keySet().forEach(collection -> counts.put(collection, 0L));
        for (Entry file : listing.files()) {
            if (counts.containsKey(file.collection())) {
                FileSync work = queued(stamp, file, scanStartMs);
                if (work != null) {
                    counts.merge(file.collection(), remaining(file, work), Long::sum);
                }
            }
        }
        List<TableCount> tables = new ArrayList<>();
        counts.forEach((collection, rows) -> tables.add(new TableCount(collection, rows)));
        announced = true;
        LOG.info("snapshot of {}: {} files to read in {} collections", context.directory().root(), queue.size(),
                tables.size());
        return context.records().control(ControlType.SNAPSHOT_STARTED, tables, runner.offset());
    }

    /** Queues a file that needs reading now; null when it does not (read before, or not settled yet). */
    private FileSync queued(FileSync.Stamp stamp, Entry file, long scanStartMs) {
        FileSync work = FileSync.of(context, stamp, file, context.index().file(file.path()));
        if (work == null || work.rereads() && !context.settling().settled(file, scanStartMs)) {
            return null;
        }
        queue.add(work);
        return work;
    }

    private long remaining(Entry file, FileSync work) {
        try {
            return DocumentFileReader.count(context.directory().root(), file, work.startOffset(), work.startLine(),
                    context.maxBytes());
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    private SourceRecord completed() {
        done = true;
        runner.offset(runner.offset().streaming());
        LOG.info("snapshot of {}: complete", context.directory().root());
        return context.records().control(ControlType.SNAPSHOT_COMPLETED, List.of(), runner.offset());
    }

    void close() {
        queue.forEach(FileSync::close);
        queue.clear();
    }
}
