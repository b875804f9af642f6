package dev.cutover.schemas.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Arrays shared by the envelopes: string lists, and values of the union {@code ["null", "string", "bytes"]}. */
final class Lists {
    private Lists() {
    }

    static void writeStrings(AvroWriter out, List<String> strings) {
        out.startArray(strings.size());
        for (String s : strings) {
            out.writeString(s);
        }
        out.endArray();
    }

    static List<String> readStrings(AvroReader in) {
        List<String> strings = new ArrayList<>();
        for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
            for (long i = 0; i < count; i++) {
                strings.add(in.readString());
            }
        }
        return strings;
    }

    /**
     * Union {@code ["null", "string", "bytes"]}: PostgreSQL input text or bytea. A {@link Long} is written as its
     * decimal text, straight into the buffer.
     */
    static void writeTextOrBytes(AvroWriter out, List<Object> values) {
        out.startArray(values.size());
        for (Object value : values) {
            if (value == null) {
                out.writeLong(0);
            } else if (value instanceof Long number) {
                out.writeLong(1);
                out.writeDecimal(number);
            } else if (value instanceof ByteBuffer b) {
                out.writeLong(2);
                out.writeBytes(b);
            } else {
                out.writeLong(1);
                out.writeString(value.toString());
            }
        }
        out.endArray();
    }

    static List<Object> readTextOrBytes(AvroReader in) {
        return readTextOrBytes(in, false);
    }

    /** As {@link #readTextOrBytes(AvroReader)}; with {@code utf8}, text stays {@link Utf8Text} instead of String. */
    static List<Object> readTextOrBytes(AvroReader in, boolean utf8) {
        long count = in.readBlockCount();
        List<Object> values = new ArrayList<>(capacity(count));
        for (; count != 0; count = in.readBlockCount()) {
            for (long i = 0; i < count; i++) {
                int branch = in.readInt();
                values.add(branch == 0 ? null : branch == 2 ? in.readBytes() : utf8 ? in.readUtf8() : in.readString());
            }
        }
        return values;
    }

    /** Room for an array's first block (its usual only one), bounded so a corrupt count cannot allocate much. */
    static int capacity(long firstBlockCount) {
        return (int) Math.min(firstBlockCount, 1024);
    }
}
