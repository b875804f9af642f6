package dev.cutover.capture.jsondir;

import dev.cutover.capture.jsondir.DocumentSplitter.Framing;
import dev.cutover.capture.jsondir.DocumentSplitter.Piece;
import dev.cutover.capture.jsondir.JsonDirectory.Entry;
import dev.cutover.capture.jsondir.JsonDirectory.Layout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the documents of one file of a JSON directory in file order, each with its line and byte range, and each
 * either read (BSON), invalid (with the reason, for the error log), or unfinished (the file ends inside it). A
 * collection file is read from any offset a previous read stopped at (an array file only from its start); a folder's
 * file is one document. Holds the file open until closed; not thread-safe.
 */
final class DocumentFileReader implements AutoCloseable {
    private static final int HEAD = 4096;
    private static final int EXCERPT = 80;
    static final int KEPT_TEXT = 64 * 1024;

    /** What one document of the file is. */
    enum Status {
        /** Read: {@link Document#bson()} holds it. */
        READ,
        /** Not a document this reader accepts: {@link Document#problem()} says why. */
        INVALID,
        /** The file ends inside it: a writer may not have finished it. Nothing after it is read. */
        UNFINISHED
    }

    /**
     * One document of the file.
     *
     * @param start   byte offset of its first byte
     * @param end     byte offset just after it: where reading resumes once it is taken
     * @param line    its first line, from 1
     * @param bson    the document, or null
     * @param problem why it is not read, or null
     * @param status  what it is
     * @param text    the text of a document not read, when it is at most {@value #KEPT_TEXT} bytes (for the error log)
     */
    record Document(long start, long end, long line, byte[] bson, String problem, Status status, byte[] text) {
    }

    private final Entry file;
    private final FileChannel channel;
    private final DocumentSplitter splitter;
    private final int maxBytes;
    private boolean first = true;

    private DocumentFileReader(Entry file, FileChannel channel, DocumentSplitter splitter, int maxBytes) {
        this.file = file;
        this.channel = channel;
        this.splitter = splitter;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens a file at an offset where a document starts (0, or the end of one read before).
     *
     * @param maxBytes the longest document text read; a longer one is invalid
     */
    static DocumentFileReader open(Path root, Entry file, long offset, long line, int maxBytes) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(root.resolve(file.path()), StandardOpenOption.READ);
            Framing framing = framing(file, channel);
            long start = framing == Framing.ARRAY || file.layout() == Layout.FOLDER ? 0 : offset;
            InputStream in = file.layout() == Layout.FOLDER
                    ? new ByteArrayInputStream(wholeFile(channel, maxBytes))
                    : Channels.newInputStream(channel.position(start));
            DocumentSplitter splitter = new DocumentSplitter(in, framing, start, start == 0 ? 1 : line, maxBytes);
            return new DocumentFileReader(file, channel, splitter, maxBytes);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * True when a changed file is read again whole, never appended to: a folder's file (one document) and an array
     * file (its closing bracket moves). A file that is gone counts as whole (reading it will find it gone).
     */
    static boolean readsWhole(Path root, Entry file) {
        if (file.layout() == Layout.FOLDER) {
            return true;
        }
        if (file.lines()) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(root.resolve(file.path()), StandardOpenOption.READ)) {
            return framing(file, channel) == Framing.ARRAY;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Framing framing(Entry file, FileChannel channel) throws IOException {
        if (file.lines()) {
            return Framing.LINES;
        }
        ByteBuffer head = ByteBuffer.allocate(HEAD);
        channel.read(head, 0);
        byte[] bytes = new byte[head.position()];
        head.flip().get(bytes);
        return file.layout() == Layout.FOLDER ? Framing.VALUES : DocumentSplitter.framingOf(bytes);
    }

    /** A folder document's bytes; none when it is too large to read (it is then reported as such). */
    private static byte[] wholeFile(FileChannel channel, int maxBytes) throws IOException {
        long size = channel.size();
        if (size > maxBytes) {
            return new byte[0];
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) size);
        while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
            // keep reading
        }
        return bytes.array();
    }

    /**
     * Documents a file holds from {@code offset} on, found without parsing them (a folder's file is one): what the
     * snapshot announces it will read.
     */
    static long count(Path root, Entry file, long offset, long line, int maxBytes) {
        if (file.layout() == Layout.FOLDER) {
            return 1;
        }
        try (DocumentFileReader reader = open(root, file, offset, line, maxBytes)) {
            long count = 0;
            for (Piece piece = reader.splitter.next(); piece != null; piece = reader.splitter.next()) {
                count += piece.kind() == DocumentSplitter.Kind.UNFINISHED ? 0 : 1;
            }
            return count;
        }
    }

    /** The next document, or null when the file holds no more. */
    Document next() {
        if (file.layout() == Layout.FOLDER) {
            return first ? folderDocument() : null;
        }
        Piece piece = splitter.next();
        return piece == null ? null : document(piece);
    }

    /** Offset just after the last document returned. */
    long offset() {
        return splitter.offset();
    }

    /** Line at {@link #offset()}. */
    long line() {
        return splitter.line();
    }

    private Document folderDocument() {
        first = false;
        long size = size();
        if (size > maxBytes) {
            return new Document(0, size, 1, null, tooLarge(size), Status.INVALID, null);
        }
        Piece piece = splitter.next();
        if (piece == null) {
            return new Document(0, size, 1, null, "the file is empty: a file of a folder holds one document",
                    Status.INVALID, null);
        }
        if (piece.kind() == DocumentSplitter.Kind.UNFINISHED) {
            return new Document(0, size, 1, null, "the file ends inside its document", Status.UNFINISHED,
                    kept(piece.text()));
        }
        if (piece.kind() != DocumentSplitter.Kind.OBJECT || splitter.next() != null) {
            return new Document(0, size, piece.line(), null, "the file holds " + (piece.kind()
                    == DocumentSplitter.Kind.OBJECT ? "more than one JSON value" : "something other than a JSON object")
                    + ", but a .json file in a folder is one document of collection " + file.collection()
                    + " (a file of many documents goes in the root folder, or ends in .jsonl)", Status.INVALID,
                    kept(piece.text()));
        }
        Document document = document(piece);
        return new Document(0, size, document.line(), document.bson(), document.problem(), document.status(),
                document.text());
    }

    private Document document(Piece piece) {
        if (!piece.terminated() && piece.kind() != DocumentSplitter.Kind.OBJECT) {
            return new Document(piece.start(), piece.end(), piece.line(), null, "the file ends inside this document",
                    Status.UNFINISHED, kept(piece.text()));
        }
        return switch (piece.kind()) {
            case OBJECT -> parsed(piece);
            case TOO_LARGE -> new Document(piece.start(), piece.end(), piece.line(), null,
                    tooLarge(piece.end() - piece.start()), Status.INVALID, null);
            case NOT_AN_OBJECT -> new Document(piece.start(), piece.end(), piece.line(), null,
                    "not a JSON object: " + excerpt(piece.text()), Status.INVALID, kept(piece.text()));
            case UNFINISHED -> new Document(piece.start(), piece.end(), piece.line(), null,
                    "the file ends inside this document", Status.UNFINISHED, kept(piece.text()));
        };
    }

    private static Document parsed(Piece piece) {
        ExtendedJsonParser.Parsed parsed = ExtendedJsonParser.parse(piece.text());
        if (parsed.ok()) {
            return new Document(piece.start(), piece.end(), piece.line(), parsed.bson(), null, Status.READ, null);
        }
        return new Document(piece.start(), piece.end(), piece.line(), null, parsed.problem(),
                piece.terminated() ? Status.INVALID : Status.UNFINISHED, kept(piece.text()));
    }

    private String tooLarge(long bytes) {
        return String.format("the document is %.1f MiB of JSON, more than the %d MiB capture reads for one document",
                bytes / 1048576.0, maxBytes >> 20);
    }

    private static byte[] kept(byte[] text) {
        return text != null && text.length <= KEPT_TEXT ? text : null;
    }

    private static String excerpt(byte[] text) {
        String s = new String(text, 0, Math.min(text.length, EXCERPT), StandardCharsets.UTF_8);
        return text.length > EXCERPT ? s + "..." : s;
    }

    private long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing to do: the file was only read
        }
    }
}
