package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.JsonDirIndex.FileState;
import dev.cutover.capture.jsondir.JsonDirIndex.State;
import dev.cutover.capture.jsondir.JsonDirectory.Entry;
import dev.cutover.capture.jsondir.JsonDirectory.Layout;
import dev.cutover.capture.jsondir.JsonDirectory.Listing;
import dev.cutover.schemas.avro.ControlType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live changes: the directory is walked every {@code scan.interval.ms} (longer when a walk takes longer) and every file
 * is compared with what the index says was read. Work found by one walk runs in this order: removed files (so a
 * document renamed into another file is not taken for a duplicate of itself), then new and changed files in path order,
 * a step per poll. A collection the plan does not have is reported once, also across restarts (its files are not
 * read), and so is a collection file that was removed (its documents stay).
 *
 * <p><b>Position.</b> When a walk's work is done, every change made before the walk began is in Kafka, except what
 * waits for a file to settle: the walk's position is the newest modification time it saw (ms), held below the oldest
 * change still waiting and below the walk's start minus the modification-time margin (a change made just after a file
 * was looked at can carry an older time, by the file system's time resolution). When it moves, the position goes to
 * Kafka as the {@code seq} of a SNAPSHOT_COMPLETED announcement's offset, so {@code finalize} and {@code run --once}
 * see capture reach {@link JsonDirChangeCapture#position()}. A walk that could not read a folder neither removes
 * anything below it nor moves the position. Not thread-safe: used by the task's polling thread only.
 */
final class JsonDirStreamingChangeEventSource {
    private static final Logger LOG = LoggerFactory.getLogger(JsonDirStreamingChangeEventSource.class);

    private final CaptureContext context;
    private final StepRunner runner;
    private final long scanIntervalMs;
    private final long pollBudgetMs;
    private final Deque<Step.Work> queue = new ArrayDeque<>();
    private final Set<String> reported = new HashSet<>();
    private Listing listing;
    private long scanStartMs;
    private long pendingMs;
    private long nextScanMs;

    JsonDirStreamingChangeEventSource(CaptureContext context, StepRunner runner, long scanIntervalMs,
                                      long pollBudgetMs) {
        this.context = context;
        this.runner = runner;
        this.scanIntervalMs = scanIntervalMs;
        this.pollBudgetMs = pollBudgetMs;
    }

    /** The records of the next step of work, or of the position's move; empty when there is nothing to do now. */
    List<SourceRecord> poll() {
        if (queue.isEmpty()) {
            if (listing != null) {
                return finishScan();
            }
            if (System.currentTimeMillis() < nextScanMs) {
                return List.of();
            }
            startScan();
        }
        long deadline = System.currentTimeMillis() + pollBudgetMs;
        while (!queue.isEmpty()) {
            Step.Work work = queue.peek();
            StepRunner.Ran ran = runner.run(work);
            if (ran.finished()) {
                close(queue.poll());
            }
            if (ran.pendingMs() > 0) {
                pending(ran.pendingMs());
            }
            if (!ran.records().isEmpty() || System.currentTimeMillis() > deadline) {
                return ran.records();
            }
        }
        return finishScan();
    }

    private void startScan() {
        scanStartMs = System.currentTimeMillis();
        listing = context.directory().list();
        context.requireNoClashes(listing);
        pendingMs = 0;
        if (!listing.complete()) {
            LOG.warn("capture of {}: cannot read {}; nothing below is taken as removed until it can be read",
                    context.directory().root(), String.join(", ", listing.unreadable()));
        }
        FileSync.Stamp stamp = new FileSync.Stamp(false, listing.newestMs(), runner.offset().snapshotTimeMs(),
                scanStartMs);
        List<Step.Work> changed = new ArrayList<>();
        Merge merge = new Merge(stamp, changed);
        context.index().files(merge::indexed);
        merge.rest();
        queue.addAll(changed);
    }

    /** Joins the walk's files with the index's, both in path order. */
    private final class Merge {
        private final FileSync.Stamp stamp;
        private final List<Step.Work> changed;
        private int next;

        Merge(FileSync.Stamp stamp, List<Step.Work> changed) {
            this.stamp = stamp;
            this.changed = changed;
        }

        void indexed(FileState read) {
            List<Entry> files = listing.files();
            while (next < files.size() && JsonDirectory.comparePaths(files.get(next).path(), read.path()) < 0) {
                listed(files.get(next++), null);
            }
            if (next < files.size() && files.get(next).path().equals(read.path())) {
                listed(files.get(next++), read);
            } else {
                gone(read);
            }
        }

        void rest() {
            List<Entry> files = listing.files();
            while (next < files.size()) {
                listed(files.get(next++), null);
            }
        }

        private void listed(Entry file, FileState read) {
            if (!context.collections().containsKey(file.collection())) {
                unplanned(file);
                return;
            }
            FileSync work = FileSync.of(context, stamp, file, read);
            if (work == null) {
                return;
            }
            if (work.rereads() && !context.settling().settled(file, scanStartMs)) {
                pending(file.mtimeMillis());
                return;
            }
            changed.add(work);
        }

        private void gone(FileState read) {
            boolean collectionFile = JsonDirectory.classify(read.path(), "", 0, 0).layout() == Layout.FILE;
            if (listing.complete() && context.collections().containsKey(read.collection())
                    && !(collectionFile && read.state() == State.MISSING)) {
                queue.add(new FileRemoval(context, read, stamp.sequence()));
            }
        }
    }

    private void unplanned(Entry file) {
        if (reported.add(file.collection())) {
            String where = file.layout() == Layout.FOLDER
                    ? file.path().substring(0, file.path().lastIndexOf('/') + 1) : file.path();
            LOG.warn("capture of {}: collection {} ({}) is not in the plan; its documents are not captured",
                    context.directory().root(), file.collection(), where);
            queue.add(step -> {
                String id = "unplanned:" + file.collection();
                if (!context.index().reported(id)) {
                    step.letters.add(context.problems().unplanned(file.collection(), where));
                    context.index().putReport(id);
                }
                return true;
            });
        }
    }

    private void pending(long mtimeMs) {
        pendingMs = pendingMs == 0 ? mtimeMs : Math.min(pendingMs, mtimeMs);
    }

    /** The walk's work is done: its position, announced when it moved. */
    private List<SourceRecord> finishScan() {
        long position = Math.min(listing.newestMs(), scanStartMs - context.settling().marginMs());
        if (pendingMs > 0) {
            position = Math.min(position, pendingMs - 1);
        }
        boolean complete = listing.complete();
        long tookMs = System.currentTimeMillis() - scanStartMs;
        nextScanMs = scanStartMs + Math.max(scanIntervalMs, tookMs);
        listing = null;
        Long seq = runner.offset().seq();
        if (!complete || seq != null && position <= seq) {
            return List.of();
        }
        runner.offset(runner.offset().covering(position));
        return List.of(context.records().control(ControlType.SNAPSHOT_COMPLETED, List.of(), runner.offset()));
    }

    private static void close(Step.Work work) {
        if (work instanceof FileSync sync) {
            sync.close();
        }
    }

    void close() {
        queue.forEach(JsonDirStreamingChangeEventSource::close);
        queue.clear();
    }
}
