package dev.cutover.schemas.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads Avro's binary encoding from a byte array. Bytes are returned as views into the array, not copies. */
final class AvroReader {
    private final byte[] buffer;
    private int position;

    AvroReader(byte[] buffer, int position) {
        this.buffer = buffer;
        this.position = position;
    }

    long readLong() {
        long n = 0;
        int shift = 0;
        while (true) {
            byte b = buffer[position++];
            n |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (n >>> 1) ^ -(n & 1);
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalArgumentException("malformed Avro long at byte " + position);
            }
        }
    }

    int readInt() {
        return Math.toIntExact(readLong());
    }

    double readDouble() {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (buffer[position++] & 0xFFL) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    String readString() {
        int size = length();
        String value = new String(buffer, position, size, StandardCharsets.UTF_8);
        position += size;
        return value;
    }

    /** A string left in its UTF-8 bytes (a view into the array). */
    Utf8Text readUtf8() {
        int size = length();
        Utf8Text value = new Utf8Text(buffer, position, size);
        position += size;
        return value;
    }

    ByteBuffer readBytes() {
        int size = length();
        ByteBuffer value = ByteBuffer.wrap(buffer, position, size).slice();
        position += size;
        return value;
    }

    /** The item count of the next array block; 0 ends the array. Negative counts carry a block size, skipped here. */
    long readBlockCount() {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        return count;
    }

    boolean atEnd() {
        return position == buffer.length;
    }

    private int length() {
        long size = readLong();
        if (size < 0 || size > buffer.length - position) {
            throw new IllegalArgumentException("malformed Avro length " + size + " at byte " + position);
        }
        return (int) size;
    }
}
