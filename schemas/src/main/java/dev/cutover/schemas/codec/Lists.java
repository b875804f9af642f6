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

    /** Union {@code ["null", "string", "bytes"]}: PostgreSQL input text or bytea. */
    static void writeTextOrBytes(AvroWriter out, List<Object> values) {
        out.startArray(values.size());
        for (Object value : values) {
            if (value == null) {
                out.writeLong(0);
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
        List<Object> values = new ArrayList<>();
        for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
            for (long i = 0; i < count; i++) {
                int branch = in.readInt();
                values.add(branch == 0 ? null : branch == 1 ? in.readString() : in.readBytes());
            }
        }
        return values;
    }
}
