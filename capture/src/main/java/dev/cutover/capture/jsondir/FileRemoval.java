package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.JsonDirIndex.FileState;
import dev.cutover.capture.jsondir.JsonDirIndex.State;
import java.util.List;

/**
 * A file capture has read is gone. A folder's file was a document: its key is deleted. A collection file's documents
 * stay (removing the file does not say they were deleted): the removal is reported once, and the file is kept in the
 * index as missing, so a file that comes back is diffed against them. Not thread-safe.
 */
final class FileRemoval implements Step.Work {
    private final CaptureContext context;
    private final FileState file;
    private final long sequence;

    FileRemoval(CaptureContext context, FileState file, long sequence) {
        this.context = context;
        this.file = file;
        this.sequence = sequence;
    }

    @Override
    public boolean step(Step step) {
        context.settling().forget(file.path());
        if (!isFolderDocument()) {
            step.letters.add(context.problems().removed(file.collection(), file.path(), file.identity(),
                    context.index().documentsOf(file.path())));
            step.file = file.with(State.MISSING);
            context.index().putFile(step.file);
            return true;
        }
        List<byte[]> keys = context.index().keysOf(file.path(), context.batchRows());
        for (byte[] key : keys) {
            step.events.add(context.records().delete(file.collection(), key, sequence, System.currentTimeMillis()));
            context.index().endDocument(file.collection(), key);
        }
        if (keys.size() == context.batchRows()) {
            return false;
        }
        context.index().endFile(file.path());
        return true;
    }

    private boolean isFolderDocument() {
        JsonDirectory.Entry entry = JsonDirectory.classify(file.path(), "", 0, 0);
        return entry != null && entry.layout() == JsonDirectory.Layout.FOLDER;
    }
}
