package dev.cutover.transform.convert;

import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * Raw source values as text for error reports: JSON for {@code errors.jsonl}, and a short description for messages.
 * Every method returns valid output for any input, including control characters and unpaired surrogates.
 *
 * <p>JSON forms: INTEGER and finite REAL as JSON numbers (REAL in shortest round-trip digits, always with a fraction
 * or exponent, e.g. {@code 3.0}); non-finite REAL as the strings {@code "Infinity"}, {@code "-Infinity"},
 * {@code "NaN"}; TEXT as a JSON string; BLOB as {@code {"$base64": "..."}}; TEXT that is not UTF-8 as
 * {@code {"$hex": "..."}}; NULL as {@code null}; a document source's array (a {@link List} of these) as a JSON array.
 * Stateless and thread-safe.
 */
public final class ValueText {
    private static final int DESCRIBE_MAX_CHARS = 100;
    private static final int DESCRIBE_MAX_BYTES = 32;

    private ValueText() {
    }

    /** One raw value as JSON. */
    public static String toJson(Object raw) {
        StringBuilder out = new StringBuilder();
        appendJson(out, raw);
        return out.toString();
    }

    /**
     * A row as a JSON object, columns in the given order.
     *
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static String rowJson(List<String> columns, List<Object> values) {
        return rowJson(jsonPrefixes(columns), values);
    }

    /**
     * What {@link #rowJson(String[], List)} writes before each value of a row with these columns: the opening brace or
     * separator and the column's name. Computed once for many rows with the same columns.
     */
    public static String[] jsonPrefixes(List<String> columns) {
        String[] prefixes = new String[columns.size()];
        for (int i = 0; i < prefixes.length; i++) {
            StringBuilder prefix = new StringBuilder(i == 0 ? "{" : ", ");
            appendString(prefix, String.valueOf(columns.get(i)));
            prefixes[i] = prefix.append(": ").toString();
        }
        return prefixes;
    }

    /**
     * {@link #rowJson(List, List)} with the column names given as {@link #jsonPrefixes}.
     *
     * @throws IllegalArgumentException when there is not one value per prefix
     */
    public static String rowJson(String[] prefixes, List<Object> values) {
        if (prefixes.length != values.size()) {
            throw new IllegalArgumentException("a row needs one value per column, got " + prefixes.length
                    + " columns and " + values.size() + " values");
        }
        if (prefixes.length == 0) {
            return "{}";
        }
        StringBuilder out = new StringBuilder(24 * prefixes.length);
        for (int i = 0; i < prefixes.length; i++) {
            appendJson(out.append(prefixes[i]), values.get(i));
        }
        return out.append('}').toString();
    }

    static void appendJson(StringBuilder out, Object raw) {
        if (raw == null) {
            out.append("null");
        } else if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            out.append(((Number) raw).longValue());
        } else if (raw instanceof Double || raw instanceof Float) {
            appendReal(out, ((Number) raw).doubleValue());
        } else if (raw instanceof ByteBuffer blob) {
            out.append("{\"$base64\": \"").append(base64(blob)).append("\"}");
        } else if (raw instanceof InvalidText text) {
            out.append("{\"$hex\": \"").append(Chars.hex(text.getBytes())).append("\"}");
        } else if (raw instanceof Boolean) {
            out.append(raw);
        } else if (raw instanceof List<?> elements) {
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                appendJson(out.append(i == 0 ? "" : ", "), elements.get(i));
            }
            out.append(']');
        } else {
            appendString(out, raw.toString());
        }
    }

    private static void appendReal(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            out.append(DoubleText.sqlite(value));
        } else {
            out.append('"').append(DoubleText.sqlite(value)).append('"');
        }
    }

    private static String base64(ByteBuffer blob) {
        return Base64.getEncoder().encodeToString(bytes(blob));
    }

    /** The buffer's remaining bytes, without moving its position. */
    static byte[] bytes(ByteBuffer blob) {
        byte[] bytes = new byte[blob.remaining()];
        blob.duplicate().get(bytes);
        return bytes;
    }

    /**
     * Appends {@code s} as a JSON string: quotes, backslashes, control characters, U+007F, U+2028/U+2029 and lone
     * surrogates escaped, everything else as it is (runs of plain characters copied at once).
     */
    public static void appendString(StringBuilder out, String s) {
        out.append('"');
        int run = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (plain(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> appendUnicodeEscape(out, c);
            }
        }
        out.append(s, run, s.length()).append('"');
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && c != 0x2028 && c != 0x2029
                && !Character.isSurrogate(c);
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(Chars.hexDigit(c >>> 12)).append(Chars.hexDigit((c >>> 8) & 0xf))
                .append(Chars.hexDigit((c >>> 4) & 0xf)).append(Chars.hexDigit(c & 0xf));
    }

    /**
     * A short, single-line description of a raw value for messages, naming its SQLite storage class:
     * {@code INTEGER 42}, {@code REAL 0.5}, {@code TEXT "2021-13-01"}, {@code BLOB of 3 bytes x'010203'}.
     * Long text is cut after 100 characters, long bytes after 32.
     */
    static String describe(Object raw) {
        if (raw == null) {
            return "NULL";
        }
        if (raw instanceof Long l) {
            return "INTEGER " + l;
        }
        if (raw instanceof Double d) {
            return "REAL " + DoubleText.sqlite(d);
        }
        if (raw instanceof String s) {
            return describeText(s);
        }
        if (raw instanceof ByteBuffer blob) {
            return describeBytes("BLOB of ", blob, " bytes");
        }
        if (raw instanceof InvalidText text) {
            return describeBytes("TEXT of ", text.getBytes(), " bytes that are not UTF-8");
        }
        if (raw instanceof List<?> elements) {
            return "array of " + elements.size() + " elements";
        }
        StringBuilder out = new StringBuilder(raw.getClass().getSimpleName()).append(' ');
        appendString(out, raw.toString());
        return out.toString();
    }

    private static String describeText(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), DESCRIBE_MAX_CHARS) + 32).append("TEXT ");
        int cut = s.length() <= DESCRIBE_MAX_CHARS ? s.length() : s.offsetByCodePoints(0, Math.min(
                DESCRIBE_MAX_CHARS, s.codePointCount(0, s.length())));
        appendString(out, s.substring(0, cut));
        if (cut < s.length()) {
            out.setLength(out.length() - 1);
            out.append("…\" (").append(s.codePointCount(0, s.length())).append(" characters)");
        }
        return out.toString();
    }

    private static String describeBytes(String prefix, ByteBuffer bytes, String suffix) {
        StringBuilder out = new StringBuilder(prefix).append(bytes.remaining()).append(suffix).append(" x'");
        Chars.appendHex(out, bytes, DESCRIBE_MAX_BYTES);
        if (bytes.remaining() > DESCRIBE_MAX_BYTES) {
            out.append('…');
        }
        return out.append('\'').toString();
    }
}
