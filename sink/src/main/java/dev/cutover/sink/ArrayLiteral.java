package dev.cutover.sink;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Values as one PostgreSQL array literal, to bind many values as one parameter ({@code ?::uuid[]}): every element
 * double-quoted with {@code "} and {@code \} escaped, so no text can be misread; NULL as {@code NULL}; bytes as
 * bytea's hex input.
 */
final class ArrayLiteral {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ArrayLiteral() {
    }

    static String of(List<Object> values) {
        StringBuilder out = new StringBuilder(values.size() * 40 + 2).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values.get(i);
            if (value == null) {
                out.append("NULL");
            } else if (value instanceof ByteBuffer bytes) {
                out.append("\"\\\\x");
                for (int b = bytes.position(); b < bytes.limit(); b++) {
                    out.append(HEX[(bytes.get(b) >> 4) & 0xf]).append(HEX[bytes.get(b) & 0xf]);
                }
                out.append('"');
            } else {
                quoted(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    private static void quoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
