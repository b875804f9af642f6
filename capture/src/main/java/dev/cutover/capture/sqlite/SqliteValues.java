package dev.cutover.capture.sqlite;

import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads SQLite values in their own storage class: {@code null}, {@link Long} (INTEGER), {@link Double} (REAL),
 * {@link String} (TEXT), {@link ByteBuffer} (BLOB), or {@link InvalidText} when TEXT bytes are not valid UTF-8 —
 * which the driver would otherwise silently turn into U+FFFD replacement characters.
 */
final class SqliteValues {
    private static final char REPLACEMENT = '\uFFFD';

    private SqliteValues() {
    }

    static Object read(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof String s && s.indexOf(REPLACEMENT) >= 0) {
            return checkedText(s, rs.getBytes(column));
        }
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        return value;
    }

    /** Keeps the decoded text when its bytes really are UTF-8 (a genuine U+FFFD), else carries the raw bytes. */
    private static Object checkedText(String decoded, byte[] raw) {
        try {
            CharBuffer strict = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return strict.toString();
        } catch (CharacterCodingException e) {
            return new InvalidText(ByteBuffer.wrap(raw));
        }
    }
}
