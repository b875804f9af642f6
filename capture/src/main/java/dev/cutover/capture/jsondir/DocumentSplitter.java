package dev.cutover.capture.jsondir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Cuts a file's bytes into the texts of its documents, without parsing them: each {@link Piece} is one top-level JSON
 * value with its byte range and line, so a document that does not parse is reported by line and the next one is read.
 * Reads from any byte position at the top level (where a previous read stopped), holding at most one document's text
 * (up to {@code maxBytes}; a longer one is skipped to its end and reported as too large). Not thread-safe.
 */
final class DocumentSplitter {
    private static final int BUFFER = 1 << 16;

    /** How a file's documents follow each other. */
    enum Framing {
        /** One document per line ({@code .jsonl}, {@code .ndjson}): a line that does not parse is one bad document. */
        LINES,
        /** Objects one after the other, separated by white space, on one line each or spread over several. */
        VALUES,
        /** One JSON array whose elements are the documents; it cannot be read from the middle. */
        ARRAY
    }

    /** What a piece is. */
    enum Kind {
        /** The text of one JSON object (it may still fail to parse). */
        OBJECT,
        /** A document longer than the limit; its text is not kept. */
        TOO_LARGE,
        /** A top-level value that is not an object, or text where a document should start. */
        NOT_AN_OBJECT,
        /** The file ends inside this value (a writer has not finished it yet, or never will). */
        UNFINISHED
    }

    /**
     * One top-level value of the file.
     *
     * @param start      offset of its first byte
     * @param end        offset just after it (where reading resumes)
     * @param line       line of its first byte, from 1
     * @param text       its bytes (null for {@link Kind#TOO_LARGE})
     * @param kind       what it is
     * @param terminated the value's end was seen (its closing brace, or the line's newline); false for the last line of
     *                   a file that does not end with a newline, which is complete only if it parses
     */
    record Piece(long start, long end, long line, byte[] text, Kind kind, boolean terminated) {
    }

    private final InputStream in;
    private final Framing framing;
    private final int maxBytes;
    private final byte[] buffer = new byte[BUFFER];
    private int length;
    private int index;
    private long offset;
    private long line;
    private byte[] text = new byte[256];
    private int textLength;
    private boolean tooLarge;
    private ArrayState array = ArrayState.BEFORE;

    private enum ArrayState { BEFORE, FIRST, AFTER_ELEMENT, NEXT, CLOSED }

    /**
     * @param in       the file's bytes from {@code offset} on (a LINES or VALUES file may start anywhere a previous piece
     *                 ended; an ARRAY file only at 0)
     * @param offset   byte offset of the stream's first byte
     * @param line     line number at {@code offset}, from 1
     * @param maxBytes the longest document text kept
     */
    DocumentSplitter(InputStream in, Framing framing, long offset, long line, int maxBytes) {
        if (framing == Framing.ARRAY && offset != 0) {
            throw new IllegalArgumentException("an array file is read from its start, not from byte " + offset);
        }
        this.in = in;
        this.framing = framing;
        this.offset = offset;
        this.line = line;
        this.maxBytes = maxBytes;
    }

    /** The framing of a {@code .json} file from its first bytes: an array when its first character is '['. */
    static Framing framingOf(byte[] head) {
        for (int i = startOfText(head); i < head.length; i++) {
            if (!whitespace(head[i])) {
                return head[i] == '[' ? Framing.ARRAY : Framing.VALUES;
            }
        }
        return Framing.VALUES;
    }

    /** Bytes to skip at the start of a file: a UTF-8 byte order mark. */
    static int startOfText(byte[] head) {
        return head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                ? 3 : 0;
    }

    /** Offset just after the last piece returned (or the starting offset). */
    long offset() {
        return offset;
    }

    /** Line number at {@link #offset()}. */
    long line() {
        return line;
    }

    /** The next piece, or null at the end of the file (or of the array). */
    Piece next() {
        try {
            if (offset == 0 && length == 0) {
                skipByteOrderMark();
            }
            return switch (framing) {
                case LINES -> nextLine();
                case VALUES -> nextValue();
                case ARRAY -> nextElement();
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skipByteOrderMark() throws IOException {
        if (fill() && (buffer[0] & 0xFF) == 0xEF && length >= 3 && (buffer[1] & 0xFF) == 0xBB
                && (buffer[2] & 0xFF) == 0xBF) {
            index = 3;
            offset = 3;
        }
    }

    private Piece nextLine() throws IOException {
        while (true) {
            if (!skipSpacesInLine()) {
                return null;
            }
            if (peekOrEnd() == '\n') {
                take();
                continue;
            }
            long start = offset;
            long startLine = line;
            startText();
            int b;
            while ((b = peekOrEnd()) >= 0 && b != '\n') {
                keep(take());
            }
            boolean terminated = b == '\n';
            if (terminated) {
                take();
            }
            trimTrailingSpace();
            return piece(start, startLine, singleObject() ? Kind.OBJECT : Kind.NOT_AN_OBJECT, terminated);
        }
    }

    private Piece nextValue() throws IOException {
        if (!skipWhitespace()) {
            return null;
        }
        long start = offset;
        long startLine = line;
        startText();
        if (peekOrEnd() != '{') {
            while (peekOrEnd() >= 0 && peekOrEnd() != '\n') {
                keep(take());
            }
            return piece(start, startLine, Kind.NOT_AN_OBJECT, true);
        }
        boolean closed = scanValue(false);
        return piece(start, startLine, closed ? Kind.OBJECT : Kind.UNFINISHED, closed);
    }

    private Piece nextElement() throws IOException {
        while (true) {
            if (!skipWhitespace()) {
                return array == ArrayState.CLOSED || array == ArrayState.BEFORE ? null : unfinishedArray();
            }
            switch (array) {
                case BEFORE -> {
                    if (peekOrEnd() != '[') {
                        return rest(Kind.NOT_AN_OBJECT);
                    }
                    take();
                    array = ArrayState.FIRST;
                }
                case AFTER_ELEMENT -> {
                    int b = take();
                    if (b == ']') {
                        array = ArrayState.CLOSED;
                    } else if (b == ',') {
                        array = ArrayState.NEXT;
                    } else {
                        return rest(Kind.NOT_AN_OBJECT);
                    }
                }
                case CLOSED -> {
                    return rest(Kind.NOT_AN_OBJECT);
                }
                case FIRST, NEXT -> {
                    if (peekOrEnd() == ']' && array == ArrayState.FIRST) {
                        take();
                        array = ArrayState.CLOSED;
                        continue;
                    }
                    return element();
                }
            }
        }
    }

    private Piece element() throws IOException {
        long start = offset;
        long startLine = line;
        startText();
        boolean closed = scanValue(true);
        array = ArrayState.AFTER_ELEMENT;
        if (!closed) {
            return piece(start, startLine, Kind.UNFINISHED, false);
        }
        trimTrailingSpace();
        return piece(start, startLine, singleObject() ? Kind.OBJECT : Kind.NOT_AN_OBJECT, true);
    }

    /** An array whose closing bracket is missing: the file ends inside it. */
    private Piece unfinishedArray() {
        array = ArrayState.CLOSED;
        startText();
        return piece(offset, line, Kind.UNFINISHED, false);
    }

    /** Everything from here to the end of the file, as one piece: nothing after it can be told apart. */
    private Piece rest(Kind kind) throws IOException {
        long start = offset;
        long startLine = line;
        startText();
        while (peekOrEnd() >= 0) {
            keep(take());
        }
        array = ArrayState.CLOSED;
        return piece(start, startLine, kind, true);
    }

    /**
     * Reads one value, tracking strings and nesting: it ends when its brackets close, or, in an array (elementEnds),
     * before a ',' or ']' at its own level, which is how a scalar element ends.
     *
     * @return true when its end was found before the end of the file
     */
    private boolean scanValue(boolean elementEnds) throws IOException {
        int depth = 0;
        int quote = 0;
        boolean escaped = false;
        int b;
        while ((b = peekOrEnd()) >= 0) {
            if (quote != 0) {
                keep(take());
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == quote) {
                    quote = 0;
                }
                continue;
            }
            if (elementEnds && depth == 0 && (b == ',' || b == ']')) {
                return true;
            }
            keep(take());
            if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth <= 0) {
                return true;
            }
        }
        return false;
    }

    private Piece piece(long start, long startLine, Kind kind, boolean terminated) {
        byte[] bytes = tooLarge ? null : Arrays.copyOf(text, textLength);
        return new Piece(start, offset, startLine, bytes, tooLarge ? Kind.TOO_LARGE : kind, terminated);
    }

    private void startText() {
        textLength = 0;
        tooLarge = false;
    }

    private void keep(int b) {
        if (tooLarge) {
            return;
        }
        if (textLength == maxBytes) {
            tooLarge = true;
            return;
        }
        if (textLength == text.length) {
            text = Arrays.copyOf(text, (int) Math.min((long) text.length * 2, Math.max(maxBytes, text.length)));
        }
        text[textLength++] = (byte) b;
    }

    /**
     * True when the kept text is one JSON object and nothing else: it starts with '{' and its brackets close at its last
     * byte (a text kept whole; a too-large one is not looked at).
     */
    private boolean singleObject() {
        if (tooLarge || textLength == 0 || text[0] != '{') {
            return tooLarge;
        }
        int depth = 0;
        int quote = 0;
        boolean escaped = false;
        for (int i = 0; i < textLength; i++) {
            int b = text[i];
            if (quote != 0) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i == textLength - 1;
            }
        }
        return false;
    }

    private void trimTrailingSpace() {
        while (textLength > 0 && whitespace(text[textLength - 1])) {
            textLength--;
        }
    }

    /** Skips white space of any kind; false at the end of the file. */
    private boolean skipWhitespace() throws IOException {
        int b;
        while ((b = peekOrEnd()) >= 0 && whitespace((byte) b)) {
            take();
        }
        return b >= 0;
    }

    /** Skips white space but stops at a newline; false at the end of the file. */
    private boolean skipSpacesInLine() throws IOException {
        int b;
        while ((b = peekOrEnd()) >= 0 && b != '\n' && whitespace((byte) b)) {
            take();
        }
        return b >= 0;
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private int peekOrEnd() throws IOException {
        if (index == length && !fill()) {
            return -1;
        }
        return buffer[index] & 0xFF;
    }

    private int take() {
        int b = buffer[index++] & 0xFF;
        offset++;
        if (b == '\n') {
            line++;
        }
        return b;
    }

    private boolean fill() throws IOException {
        if (index < length) {
            return true;
        }
        length = in.read(buffer, 0, buffer.length);
        index = 0;
        if (length <= 0) {
            length = 0;
            return false;
        }
        return true;
    }
}
