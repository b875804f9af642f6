package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.DocumentFileReader.Document;
import dev.cutover.capture.jsondir.JsonDirectory.Layout;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The validator's way into a JSON directory: each call reads the collection's files as they are then (a directory has
 * no transactions, so a consistent read-back is one whose files do not change while it reads). Rows are the documents
 * in the raw events' form: the key's BSON bytes and one {@link dev.cutover.schemas.avro.Document}. Every document with a
 * key counts, a document repeating another's key too (capture sends the first and reports the other). Memory stays
 * bounded: counts, samples and reads by key stream the files; the key-ordered stream sorts in bounded runs on disk
 * ({@link SortedDocuments}). Owned tables are read through their collection's main table. Used by one thread at a time.
 */
final class JsonDirReadBack implements ReadBack {
    private final JsonDirectory directory;
    private final int maxBytes;
    private final long runBytes;
    private final Random random = new Random();

    JsonDirReadBack(JsonDirectory directory, int maxBytes) {
        this(directory, maxBytes, SortedDocuments.RUN_BYTES);
    }

    /** @param runBytes the most a sorted run of the key-ordered stream holds in memory */
    JsonDirReadBack(JsonDirectory directory, int maxBytes, long runBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.runBytes = runBytes;
    }

    /** One document and its key, as read. */
    record Keyed(byte[] key, byte[] bson) {
        SourceRow row() {
            return new SourceRow(List.of(ByteBuffer.wrap(key)), List.of(new dev.cutover.schemas.avro.Document(
                    ByteBuffer.wrap(bson))));
        }
    }

    /** Calls back with every document of the table's collection that has a key, in the collection's order. */
    interface Visitor {
        void visit(Keyed document);
    }

    @Override
    public long count(TablePlan table) {
        long[] count = {0};
        scan(table, document -> count[0]++);
        return count[0];
    }

    @Override
    public List<SourceRow> sample(TablePlan table, int n) {
        List<SourceRow> sample = new ArrayList<>(n);
        long[] seen = {0};
        scan(table, document -> {
            long index = seen[0]++;
            if (index < n) {
                sample.add(document.row());
            } else {
                long slot = (long) (random.nextDouble() * (index + 1));
                if (slot < n) {
                    sample.set((int) slot, document.row());
                }
            }
        });
        return sample;
    }

    @Override
    public List<SourceRow> read(TablePlan table, List<List<Object>> keys) {
        Set<ByteBuffer> wanted = new HashSet<>();
        keys.forEach(key -> wanted.add(((ByteBuffer) key.get(0)).duplicate()));
        List<SourceRow> rows = new ArrayList<>();
        scan(table, document -> {
            if (wanted.remove(ByteBuffer.wrap(document.key()))) {
                rows.add(document.row());
            }
        });
        return rows;
    }

    @Override
    public Cursor stream(TablePlan table, KeyRange range) {
        SortedDocuments sorted = SortedDocuments.sort(visitor -> scan(table, visitor), runBytes);
        return sorted.cursor(range);
    }

    /** Reads the documents of the table's collection that have a key. */
    void scan(TablePlan table, Visitor visitor) {
        if (!table.fromDocuments() || table.document().owned()) {
            throw new IllegalArgumentException("table " + table.source() + " is not a collection's main table; read "
                    + "owned tables through their collection");
        }
        DocumentKeyEncoder key = DocumentKeyEncoder.of(table.key());
        try (CollectionScan scan = new CollectionScan(directory, table.document().collection(), maxBytes, p -> { })) {
            for (Document document = scan.next(); document != null; document = scan.next()) {
                byte[] bytes = key.of(document.bson(),
                        scan.file().layout() == Layout.FOLDER ? scan.file().stem() : null);
                if (bytes != null) {
                    visitor.visit(new Keyed(bytes, document.bson()));
                }
            }
        }
    }

    @Override
    public void close() {
        // each call closes what it opens; cursors are closed by their callers
    }
}
