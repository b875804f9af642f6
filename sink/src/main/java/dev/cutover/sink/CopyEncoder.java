package dev.cutover.sink;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows in PostgreSQL's COPY text format into a reusable byte buffer: tab-separated, {@code \N} for NULL,
 * backslash escapes for backslash, tab, newline and carriage return, bytea as {@code \\x} hex. Not thread-safe.
 */
public final class CopyEncoder {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] buffer = new byte[1 << 16];
    private int length;

    public void reset() {
        length = 0;
    }

    public int length() {
        return length;
    }

    public byte[] buffer() {
        return buffer;
    }

    public void row(List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            value(values.get(i));
        }
        put((byte) '\n');
    }

    private void value(Object value) {
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
        } else if (value instanceof ByteBuffer bytes) {
            bytea(bytes);
        } else {
            text(value.toString());
        }
    }

    private void bytea(ByteBuffer bytes) {
        ensure(3 + 2 * bytes.remaining());
        buffer[length++] = '\\';
        buffer[length++] = '\\';
        buffer[length++] = 'x';
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            int b = bytes.get(i) & 0xff;
            buffer[length++] = HEX[b >>> 4];
            buffer[length++] = HEX[b & 0xf];
        }
    }

    /** UTF-8 encodes with COPY escapes; a Java string from valid UTF-8 has no lone surrogates. */
    private void text(String s) {
        ensure(s.length() * 3 + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else if (c < 0x800) {
                ensure(2);
                buffer[length++] = (byte) (0xc0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buffer[length++] = (byte) (0xf0 | (cp >> 18));
                buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buffer[length++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                ensure(3);
                buffer[length++] = (byte) (0xe0 | (c >> 12));
                buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buffer[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    private void ascii(char c) {
        switch (c) {
            case '\\' -> escaped('\\');
            case '\t' -> escaped('t');
            case '\n' -> escaped('n');
            case '\r' -> escaped('r');
            default -> put((byte) c);
        }
    }

    private void escaped(char c) {
        put((byte) '\\');
        put((byte) c);
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
