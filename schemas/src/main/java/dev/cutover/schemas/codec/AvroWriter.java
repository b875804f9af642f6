package dev.cutover.schemas.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes Avro's binary encoding into a growable byte array: zig-zag varint longs, little-endian doubles,
 * length-prefixed UTF-8 strings and bytes, blocked arrays. Not thread-safe; reuse one per thread.
 */
final class AvroWriter {
    private byte[] buffer;
    private int length;

    AvroWriter() {
        this(1024);
    }

    AvroWriter(int capacity) {
        this.buffer = new byte[capacity];
    }

    void reset() {
        length = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    int length() {
        return length;
    }

    /** Drops everything written after the first {@code length} bytes. */
    void truncate(int length) {
        if (length < 0 || length > this.length) {
            throw new IllegalArgumentException("cannot truncate " + this.length + " bytes to " + length);
        }
        this.length = length;
    }

    /** Appends what {@code other} holds. */
    void append(AvroWriter other) {
        ensure(other.length);
        System.arraycopy(other.buffer, 0, buffer, length, other.length);
        length += other.length;
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

    /**
     * UTF-8 with a length prefix. {@code String.getBytes} is the fast path: for the common Latin-1-stored string it is
     * a vectorized check and an array copy, where a loop over {@code charAt} costs a bounds check per character.
     */
    void writeString(String value) {
        writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A long's decimal text as an Avro string ({@code Long.toString(value)}'s UTF-8 bytes), without the String. */
    void writeDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            writeString(Long.toString(value));
            return;
        }
        long magnitude = Math.abs(value);
        int digits = 1;
        for (long bound = 10; digits < 19 && magnitude >= bound; bound *= 10) {
            digits++;
        }
        int size = value < 0 ? digits + 1 : digits;
        writeLong(size);
        ensure(size);
        int end = length + size;
        for (int i = end - 1; i >= end - digits; i--) {
            buffer[i] = (byte) ('0' + magnitude % 10);
            magnitude /= 10;
        }
        if (value < 0) {
            buffer[length] = '-';
        }
        length = end;
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
