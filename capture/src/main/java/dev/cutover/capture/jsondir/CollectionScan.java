package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.DocumentFileReader.Document;
import dev.cutover.capture.jsondir.DocumentFileReader.Status;
import dev.cutover.capture.jsondir.JsonDirectory.Entry;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one collection's documents as the directory holds them now: its files in path order, each file's documents in
 * file order (the collection's stable order). A document that cannot be read is skipped and described to the problem
 * consumer (file, line and why); a file removed while the scan runs is skipped. Holds one file open; not thread-safe.
 */
final class CollectionScan implements AutoCloseable {
    private final JsonDirectory directory;
    private final List<Entry> files;
    private final int maxBytes;
    private final Consumer<String> problems;
    private int next;
    private Entry file;
    private DocumentFileReader reader;

    CollectionScan(JsonDirectory directory, String collection, int maxBytes, Consumer<String> problems) {
        this.directory = directory;
        this.files = directory.list().files().stream().filter(f -> f.collection().equals(collection)).toList();
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    /** The file of the last document returned. */
    Entry file() {
        return file;
    }

    /** The next document read, or null when the collection has no more. */
    Document next() {
        while (true) {
            if (reader == null && !open()) {
                return null;
            }
            Document document = reader.next();
            if (document == null) {
                close();
                continue;
            }
            if (document.status() == Status.READ) {
                return document;
            }
            problems.accept(file.path() + " line " + document.line() + ": " + document.problem());
        }
    }

    private boolean open() {
        while (next < files.size()) {
            file = files.get(next++);
            try {
                reader = DocumentFileReader.open(directory.root(), file, 0, 1, maxBytes);
                return true;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "cannot read "
                            + directory.root().resolve(file.path()) + " (" + e.getCause().getMessage()
                            + "); check its permissions", e);
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
