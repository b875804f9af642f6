package dev.cutover.schemas.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text value still in the UTF-8 bytes it arrived in, decoded to a {@link String} only when read as one. A writer that
 * wants UTF-8 anyway (PostgreSQL's COPY) copies {@link #bytes()} and never pays for the round trip. Views a part of
 * the record it was read from, which must not change. Equal to another Utf8Text with the same bytes; thread-safe.
 */
public final class Utf8Text implements CharSequence {
    private final byte[] buffer;
    private final int offset;
    private final int size;
    private String decoded;

    Utf8Text(byte[] buffer, int offset, int size) {
        this.buffer = buffer;
        this.offset = offset;
        this.size = size;
    }

    /** The array the bytes are in; they start at {@link #offset()} and take {@link #size()} bytes. Do not modify. */
    public byte[] bytes() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    /** The length in bytes (not in chars, as {@link #length()} is). */
    public int size() {
        return size;
    }

    @Override
    public int length() {
        return toString().length();
    }

    @Override
    public char charAt(int index) {
        return toString().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
        String text = decoded;
        if (text == null) {
            text = new String(buffer, offset, size, StandardCharsets.UTF_8);
            decoded = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Utf8Text that
                && Arrays.equals(buffer, offset, offset + size, that.buffer, that.offset, that.offset + that.size);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset; i < offset + size; i++) {
            hash = 31 * hash + buffer[i];
        }
        return hash;
    }
}
