package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.DocumentFileReader.Document;
import dev.cutover.capture.jsondir.DocumentFileReader.Status;
import dev.cutover.capture.jsondir.JsonDirIndex.FileState;
import dev.cutover.capture.jsondir.JsonDirIndex.Holder;
import dev.cutover.capture.jsondir.JsonDirIndex.State;
import dev.cutover.capture.jsondir.JsonDirectory.Entry;
import dev.cutover.capture.jsondir.JsonDirectory.Layout;
import dev.cutover.schemas.avro.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Brings what Kafka and the index hold of one file up to the file's content, a step at a time. Two ways:
 * <ul>
 *   <li><b>append</b> (a collection file read for the first time, or one that only grew since it was read): reads the
 *       documents after the offset read so far; complete ones are taken while the file is still being written, an
 *       unfinished last one waits, and is reported once the file has settled with it still unfinished;</li>
 *   <li><b>reread</b> (a folder's file, an array file, a file rewritten or replaced; only once it has settled): reads
 *       it whole and diffs it by key against the index: a new key is an insert, a changed document an update, a key
 *       the file no longer holds a delete. A file that changes while it is read is given up and read again once it
 *       settles; a reread that met a document it could not read deletes nothing, since the missing keys may be that
 *       document's.</li>
 * </ul>
 * A key identifies one document in its collection: a second document with a key another one holds (earlier in the file,
 * or in another file) goes to the error log, as do documents that cannot be read. Not thread-safe.
 */
final class FileSync implements Step.Work {
    private final CaptureContext context;
    private final Stamp stamp;
    private final Entry entry;
    private final DocumentKeyEncoder key;
    private final boolean reread;
    private final boolean appendable;
    private final long startOffset;
    private final long startLine;
    private DocumentFileReader reader;
    private long offset;
    private long line;
    private boolean deleting;
    private boolean deletesUnsafe;
    private Document unfinished;

    /**
     * How the events of a phase are marked.
     *
     * @param snapshot       true while the snapshot runs: documents read are SNAPSHOT events, stamped with its time
     * @param sequence       the events' sequence (0 in the snapshot, the scan's directory position afterwards)
     * @param snapshotTimeMs when the snapshot began
     * @param scanStartMs    when the walk of the directory that found the work began
     */
    record Stamp(boolean snapshot, long sequence, long snapshotTimeMs, long scanStartMs) {
        Operation upsert(boolean existed) {
            return snapshot ? Operation.SNAPSHOT : existed ? Operation.UPDATE : Operation.INSERT;
        }

        long sourceTimeMs(Entry file) {
            return snapshot ? snapshotTimeMs : file.mtimeMillis();
        }
    }

    private FileSync(CaptureContext context, Stamp stamp, Entry entry, boolean reread, boolean appendable, long offset,
                     long line) {
        this.context = context;
        this.stamp = stamp;
        this.entry = entry;
        this.key = context.collections().get(entry.collection());
        this.reread = reread;
        this.appendable = appendable;
        this.startOffset = offset;
        this.startLine = line;
        this.offset = offset;
        this.line = line;
    }

    /**
     * What a file needs, judged from the walk's entry and the index: nothing, an append after what was read, or a
     * reread (which must wait until the file settles).
     *
     * @return the work, or null when the file is as it was read
     */
    static FileSync of(CaptureContext context, Stamp stamp, Entry entry, FileState read) {
        boolean known = read != null && read.state() != State.MISSING && read.state() != State.DIRTY;
        boolean unchanged = known && read.identity().equals(entry.identity()) && read.size() == entry.size()
                && read.mtimeNanos() == entry.mtimeNanos();
        if (unchanged && read.state() != State.READING) {
            return null;
        }
        Path root = context.directory().root();
        if (DocumentFileReader.readsWhole(root, entry)) {
            return new FileSync(context, stamp, entry, true, false, 0, 1);
        }
        if (read == null) {
            return new FileSync(context, stamp, entry, false, true, 0, 1);
        }
        if (unchanged || known && grewOnly(root, entry, read)) {
            return new FileSync(context, stamp, entry, false, true, read.offset(), read.line());
        }
        return new FileSync(context, stamp, entry, true, true, 0, 1);
    }

    /** True when the file is the one read, with every byte read still in place and maybe more after them. */
    private static boolean grewOnly(Path root, Entry entry, FileState read) {
        return read.identity().equals(entry.identity()) && entry.size() >= read.offset()
                && FileSample.matches(root.resolve(entry.path()), read.offset(), read.hash());
    }

    long startOffset() {
        return startOffset;
    }

    long startLine() {
        return startLine;
    }

    /** True when the file is read whole, which must wait until it has settled. */
    boolean rereads() {
        return reread;
    }

    Entry entry() {
        return entry;
    }

    @Override
    public boolean step(Step step) {
        try {
            return run(step);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                abandon(step);
                return true;
            }
            throw context.unreadable(entry.path(), e.getCause());
        }
    }

    private boolean run(Step step) {
        if (reader == null) {
            open();
        }
        if (deleting) {
            return deleteStep(step);
        }
        boolean more = readStep(step);
        if (changedSinceListed()) {
            abandon(step);
            return true;
        }
        if (more) {
            if (!reread) {
                step.file = putFile(State.READING);
            }
            return false;
        }
        return reread ? startDeletes(step) : finishAppend(step);
    }

    /** The file changed or went while it was read: nothing of this step is kept, and the file is looked at again. */
    private void abandon(Step step) {
        step.abandoned = true;
        step.pending(entry.mtimeMillis());
    }

    private void open() {
        reader = DocumentFileReader.open(context.directory().root(), entry, startOffset, startLine, context.maxBytes());
        if (reread) {
            context.index().clearSeen();
        }
    }

    /** Reads up to a step's worth of documents; true when the file may hold more. */
    private boolean readStep(Step step) {
        long bytes = 0;
        for (int n = 0; n < context.batchRows() && bytes < context.stepMaxBytes(); n++) {
            Document document = reader.next();
            if (document == null) {
                return false;
            }
            if (document.status() == Status.UNFINISHED) {
                unfinished = document;
                return false;
            }
            take(document, step);
            offset = document.end();
            line = reader.line();
            bytes += document.bson() == null ? 0 : document.bson().length;
        }
        return true;
    }

    private void take(Document document, Step step) {
        if (document.status() == Status.INVALID) {
            deletesUnsafe = true;
            step.letters.add(entry.layout() == Layout.FOLDER
                    ? context.problems().invalidFile(entry.collection(), entry.path(), document, true)
                    : context.problems().invalid(entry.collection(), entry.path(), document));
            return;
        }
        byte[] documentKey = key.of(document.bson(), entry.layout() == Layout.FOLDER ? entry.stem() : null);
        if (documentKey == null) {
            deletesUnsafe = true;
            step.letters.add(context.problems().keyless(entry.collection(), entry.path(), document,
                    key.missing(entry.collection())));
            return;
        }
        if (reread && !context.index().markSeen(documentKey)) {
            step.letters.add(context.problems().duplicate(entry.collection(), entry.path(), document, documentKey,
                    entry.path()));
            return;
        }
        byte[] hash = Arrays.copyOf(DocumentKeyEncoder.sha256(document.bson()), 16);
        if (context.index().putNewDocument(entry.collection(), documentKey, entry.path(), hash)) {
            send(document, documentKey, false, step);
            return;
        }
        Holder holder = context.index().holder(entry.collection(), documentKey);
        if (!reread || !holder.path().equals(entry.path())) {
            step.letters.add(context.problems().duplicate(entry.collection(), entry.path(), document, documentKey,
                    holder.path()));
        } else if (!Arrays.equals(holder.hash(), hash)) {
            context.index().putDocument(entry.collection(), documentKey, entry.path(), hash);
            send(document, documentKey, true, step);
        }
    }

    private void send(Document document, byte[] documentKey, boolean existed, Step step) {
        step.events.add(context.records().document(entry.collection(), stamp.upsert(existed), documentKey,
                document.bson(), stamp.sequence(), stamp.sourceTimeMs(entry)));
    }

    private boolean finishAppend(Step step) {
        State state = State.DONE;
        if (unfinished != null) {
            if (context.settling().settled(entry, scanStartMs())) {
                step.letters.add(context.problems().unfinished(entry.collection(), entry.path(), unfinished));
                state = State.STALLED;
            } else {
                step.pending(entry.mtimeMillis());
                state = State.READING;
            }
        }
        step.file = putFile(state);
        return true;
    }

    private boolean startDeletes(Step step) {
        if (unfinished != null) {
            deletesUnsafe = true;
            step.letters.add(entry.layout() == Layout.FOLDER
                    ? context.problems().invalidFile(entry.collection(), entry.path(), unfinished, true)
                    : context.problems().unfinished(entry.collection(), entry.path(), unfinished));
        }
        if (deletesUnsafe) {
            step.file = putFile(entry.layout() == Layout.FOLDER ? State.INVALID : State.STALLED);
            return true;
        }
        deleting = true;
        return deleteStep(step);
    }

    /** Deletes up to a step's worth of the keys the file no longer holds; true when none are left. */
    private boolean deleteStep(Step step) {
        List<byte[]> keys = context.index().unseenKeys(entry.path(), context.batchRows());
        for (byte[] gone : keys) {
            step.events.add(context.records().delete(entry.collection(), gone, stamp.sequence(),
                    System.currentTimeMillis()));
            context.index().endDocument(entry.collection(), gone);
        }
        if (keys.size() == context.batchRows()) {
            return false;
        }
        step.file = putFile(State.DONE);
        return true;
    }

    private FileState putFile(State state) {
        byte[] hash = appendable ? FileSample.of(context.directory().root().resolve(entry.path()), offset) : null;
        FileState file = new FileState(entry.path(), entry.collection(), entry.identity(), entry.size(),
                entry.mtimeNanos(), offset, line, hash, state);
        context.index().putFile(file);
        if (state != State.READING) {
            context.settling().forget(entry.path());
        }
        return file;
    }

    /**
     * True when the file is no longer what was listed: replaced, or (for a reread) changed at all; an append only needs
     * the bytes it read to still be there.
     */
    private boolean changedSinceListed() {
        try {
            BasicFileAttributes now = Files.readAttributes(context.directory().root().resolve(entry.path()),
                    BasicFileAttributes.class);
            Object fileKey = now.fileKey();
            boolean sameFile = (fileKey == null ? "" : fileKey.toString()).equals(entry.identity());
            if (!reread) {
                return !sameFile || now.size() < offset;
            }
            return !sameFile || now.size() != entry.size()
                    || now.lastModifiedTime().to(TimeUnit.NANOSECONDS) != entry.mtimeNanos();
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long scanStartMs() {
        return stamp.scanStartMs();
    }

    /** Closes the file; the work can be run again from its start. */
    void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
