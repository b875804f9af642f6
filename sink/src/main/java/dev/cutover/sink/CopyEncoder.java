package dev.cutover.sink;

import dev.cutover.schemas.codec.Utf8Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows in PostgreSQL's COPY text format into a reusable byte buffer: tab-separated, {@code \N} for NULL,
 * backslash escapes for backslash, tab, newline and carriage return, bytea as {@code \\x} hex. Not thread-safe.
 */
public final class CopyEncoder {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
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
        } else if (value instanceof Utf8Text text) {
            text(text.bytes(), text.offset(), text.size());
        } else {
            text(value.toString());
        }
    }

    private void bytea(ByteBuffer bytes) {
        ensure(3 + 2 * bytes.remaining());
        buffer[length++] = '\\';
        buffer[length++] = '\\';
        buffer[length++] = 'x';
        if (bytes.hasArray()) {
            byte[] array = bytes.array();
            int end = bytes.arrayOffset() + bytes.limit();
            for (int i = bytes.arrayOffset() + bytes.position(); i < end; i++) {
                hex(array[i]);
            }
        } else {
            for (int i = bytes.position(); i < bytes.limit(); i++) {
                hex(bytes.get(i));
            }
        }
    }

    private void hex(byte value) {
        int b = value & 0xff;
        buffer[length++] = HEX[b >>> 4];
        buffer[length++] = HEX[b & 0xf];
    }

    /** A string as UTF-8 with COPY's escapes; the common Latin-1-stored string is encoded by a copy. */
    private void text(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        text(utf8, 0, utf8.length);
    }

    /**
     * UTF-8 text with COPY's escapes for backslash, tab, newline and carriage return, copied in runs between the bytes
     * that need escaping; bytes of multi-byte UTF-8 sequences are all 0x80 or above, so they never look like one of
     * those.
     */
    private void text(byte[] utf8, int offset, int size) {
        ensure(2 * size);
        int end = offset + size;
        int run = offset;
        for (int i = offset; i < end; i++) {
            byte escape = switch (utf8[i]) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escape != 0) {
                System.arraycopy(utf8, run, buffer, length, i - run);
                length += i - run;
                buffer[length++] = '\\';
                buffer[length++] = escape;
                run = i + 1;
            }
        }
        System.arraycopy(utf8, run, buffer, length, end - run);
        length += end - run;
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
