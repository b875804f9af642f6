package dev.cutover.schemas.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes Avro's binary encoding into a growable byte array: zig-zag varint longs, little-endian doubles,
 * length-prefixed UTF-8 strings and bytes, blocked arrays. Not thread-safe; reuse one per thread.
 */
final class AvroWriter {
    private byte[] buffer = new byte[1024];
    private int length;

    void reset() {
        length = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    void header(byte[] singleObjectHeader) {
        ensure(singleObjectHeader.length);
        System.arraycopy(singleObjectHeader, 0, buffer, length, singleObjectHeader.length);
        length += singleObjectHeader.length;
    }

    void writeLong(long value) {
        ensure(10);
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buffer[length++] = (byte) n;
    }

    void writeDouble(double value) {
        ensure(8);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (bits >>> (8 * i));
        }
    }

    /** UTF-8 with a length prefix; ASCII (the common case) without an intermediate byte array. */
    void writeString(String value) {
        int chars = value.length();
        boolean ascii = true;
        for (int i = 0; i < chars && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (ascii) {
            writeLong(chars);
            ensure(chars);
            for (int i = 0; i < chars; i++) {
                buffer[length++] = (byte) value.charAt(i);
            }
        } else {
            writeBytes(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    void writeBytes(byte[] bytes) {
        writeLong(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    void writeBytes(ByteBuffer bytes) {
        int size = bytes.remaining();
        writeLong(size);
        ensure(size);
        bytes.duplicate().get(buffer, length, size);
        length += size;
    }

    /** Starts an array of {@code count} items (one block); {@link #endArray()} closes it. */
    void startArray(int count) {
        if (count > 0) {
            writeLong(count);
        }
    }

    void endArray() {
        writeLong(0);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
