package dev.cutover.capture.jsondir;

import dev.cutover.capture.document.DocumentCollections;
import dev.cutover.capture.jsondir.DocumentFileReader.Document;
import dev.cutover.capture.jsondir.JsonDirectory.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * A JSON directory's collections as the document planner reads them (see {@link JsonDirectory} for the layouts and
 * names): a collection's documents come file by file in path order, each file's in file order, and documents that
 * cannot be read are skipped and described. Each call walks the directory as it is then. Not thread-safe.
 */
final class JsonDirCollections implements DocumentCollections {
    /** Unreadable documents a cursor describes (it counts them all). */
    static final int DESCRIBED = 50;

    private final JsonDirectory directory;
    private final int maxBytes;

    JsonDirCollections(JsonDirectory directory, int maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    @Override
    public List<String> collections() {
        return List.copyOf(directory.list().collections().keySet());
    }

    @Override
    public boolean filePerDocument(String collection) {
        return directory.list().collections().get(collection) == Layout.FOLDER;
    }

    @Override
    public long count(String collection) {
        try (Cursor cursor = documents(collection)) {
            long count = 0;
            for (; cursor.hasNext(); cursor.next()) {
                count++;
            }
            return count;
        }
    }

    @Override
    public Cursor documents(String collection) {
        return new FileCursor(collection);
    }

    /** A collection's readable documents, read as they are consumed. */
    private final class FileCursor implements Cursor {
        private final List<String> unreadable = new ArrayList<>();
        private final CollectionScan scan;
        private long unreadableCount;
        private Document next;

        FileCursor(String collection) {
            scan = new CollectionScan(directory, collection, maxBytes, this::unreadable);
        }

        private void unreadable(String problem) {
            if (unreadableCount++ < DESCRIBED) {
                unreadable.add(problem);
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = scan.next();
            }
            return next != null;
        }

        @Override
        public BsonDocument next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Document document = next;
            next = null;
            return new RawBsonDocument(document.bson());
        }

        @Override
        public List<String> unreadable() {
            return List.copyOf(unreadable);
        }

        @Override
        public long unreadableCount() {
            return unreadableCount;
        }

        @Override
        public void close() {
            scan.close();
        }
    }
}
