package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.JsonDirReadBack.Keyed;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.SourceRow;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * A collection's documents in key order ({@link BsonOrder}) with bounded memory: documents are gathered into runs of
 * at most {@value #RUN_BYTES} bytes, each sorted and, when there is more than one, written to a temporary file; the
 * cursor merges the runs. Documents with equal keys keep the collection's order. The temporary files are deleted when
 * the cursor is closed. Not thread-safe.
 */
final class SortedDocuments {
    static final int RUN_BYTES = 32 << 20;
    private static final Comparator<Entry> ORDER = (a, b) -> BsonOrder.compare(a.key, b.key);

    private final List<Entry> memory;
    private final List<Path> runs;
    private final Path dir;

    private SortedDocuments(List<Entry> memory, List<Path> runs, Path dir) {
        this.memory = memory;
        this.runs = runs;
        this.dir = dir;
    }

    /** A document with its key decoded once for sorting. */
    private record Entry(BsonDocument key, Keyed document) {
        static Entry of(Keyed document) {
            return new Entry(new RawBsonDocument(document.key()).decode(new BsonDocumentCodec()), document);
        }
    }

    /** Sorts what {@code source} gives (it calls back once per document). */
    static SortedDocuments sort(Consumer<JsonDirReadBack.Visitor> source) {
        return sort(source, RUN_BYTES);
    }

    /** Sorts in runs of at most {@code runBytes}. */
    static SortedDocuments sort(Consumer<JsonDirReadBack.Visitor> source, long runBytes) {
        Sorter sorter = new Sorter(runBytes);
        try {
            source.accept(sorter::add);
            return sorter.finish();
        } catch (RuntimeException e) {
            sorter.delete();
            throw e;
        }
    }

    ReadBack.Cursor cursor(KeyRange range) {
        BsonDocument after = bound(range.after());
        BsonDocument upTo = bound(range.upTo());
        return new RangeCursor(runs.isEmpty() ? new MemoryRun(memory) : merged(), after, upTo, this::delete);
    }

    private static BsonDocument bound(List<Object> key) {
        if (key == null) {
            return null;
        }
        ByteBuffer bytes = ((ByteBuffer) key.get(0)).duplicate();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return new RawBsonDocument(array).decode(new BsonDocumentCodec());
    }

    private Run merged() {
        List<Run> readers = new ArrayList<>();
        for (Path run : runs) {
            readers.add(new FileRun(run));
        }
        return new MergedRun(readers);
    }

    private void delete() {
        for (Path run : runs) {
            deleteQuietly(run);
        }
        if (dir != null) {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a temporary file left behind is removed with the temporary directory
        }
    }

    /** Gathers documents into sorted runs. */
    private static final class Sorter {
        private final long runBytes;
        private final List<Entry> run = new ArrayList<>();
        private final List<Path> files = new ArrayList<>();
        private long bytes;
        private Path dir;

        Sorter(long runBytes) {
            this.runBytes = runBytes;
        }

        void add(Keyed document) {
            run.add(Entry.of(document));
            bytes += document.key().length + document.bson().length + 256L;
            if (bytes >= runBytes) {
                spill();
            }
        }

        SortedDocuments finish() {
            run.sort(ORDER);
            if (files.isEmpty()) {
                return new SortedDocuments(List.copyOf(run), List.of(), null);
            }
            spill();
            return new SortedDocuments(List.of(), List.copyOf(files), dir);
        }

        private void spill() {
            run.sort(ORDER);
            try {
                if (dir == null) {
                    dir = Files.createTempDirectory("cutover-jsondir-sort");
                }
                Path file = dir.resolve("run-" + files.size());
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                        1 << 16))) {
                    for (Entry entry : run) {
                        write(out, entry.document().key());
                        write(out, entry.document().bson());
                    }
                }
                files.add(file);
            } catch (IOException e) {
                throw new CutoverException(ErrorCode.INTERNAL, "cannot write a sort run to the temporary directory ("
                        + e.getMessage() + "); free some space in " + System.getProperty("java.io.tmpdir"), e);
            }
            run.clear();
            bytes = 0;
        }

        private static void write(DataOutputStream out, byte[] bytes) throws IOException {
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        void delete() {
            new SortedDocuments(List.of(), files, dir).delete();
        }
    }

    /** Sorted entries, read one at a time. */
    private interface Run extends AutoCloseable {
        /** The next entry, or null at the end. */
        Entry next();

        @Override
        void close();
    }

    private static final class MemoryRun implements Run {
        private final List<Entry> entries;
        private int next;

        MemoryRun(List<Entry> entries) {
            this.entries = entries;
        }

        @Override
        public Entry next() {
            return next < entries.size() ? entries.get(next++) : null;
        }

        @Override
        public void close() {
        }
    }

    private static final class FileRun implements Run {
        private final DataInputStream in;

        FileRun(Path file) {
            try {
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Entry next() {
            try {
                byte[] key = read();
                return key == null ? null : Entry.of(new Keyed(key, read()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] read() throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return null;
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // only read
            }
        }
    }

    /** Merges runs; of equal keys the earlier run's comes first (runs hold the collection in its order). */
    private static final class MergedRun implements Run {
        private record Head(Entry entry, int run) {
        }

        private final List<Run> runs;
        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
            int order = ORDER.compare(a.entry(), b.entry());
            return order != 0 ? order : Integer.compare(a.run(), b.run());
        });

        MergedRun(List<Run> runs) {
            this.runs = runs;
            for (int i = 0; i < runs.size(); i++) {
                advance(i);
            }
        }

        private void advance(int run) {
            Entry entry = runs.get(run).next();
            if (entry != null) {
                heads.add(new Head(entry, run));
            }
        }

        @Override
        public Entry next() {
            Head head = heads.poll();
            if (head == null) {
                return null;
            }
            advance(head.run());
            return head.entry();
        }

        @Override
        public void close() {
            runs.forEach(Run::close);
        }
    }

    /** The entries of a key range. */
    private static final class RangeCursor implements ReadBack.Cursor {
        private final Run run;
        private final BsonDocument upTo;
        private final Runnable cleanUp;
        private Entry next;
        private boolean done;

        RangeCursor(Run run, BsonDocument after, BsonDocument upTo, Runnable cleanUp) {
            this.run = run;
            this.upTo = upTo;
            this.cleanUp = cleanUp;
            do {
                next = run.next();
            } while (next != null && after != null && BsonOrder.compare(next.key(), after) <= 0);
            done = next == null;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = run.next();
                done = next == null;
            }
            if (next != null && upTo != null && BsonOrder.compare(next.key(), upTo) > 0) {
                next = null;
                done = true;
            }
            return next != null;
        }

        @Override
        public SourceRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Entry entry = next;
            next = null;
            return entry.document().row();
        }

        @Override
        public void close() {
            run.close();
            cleanUp.run();
        }
    }
}
