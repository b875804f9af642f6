package dev.cutover.capture.sqlite;

import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * Reads SQLite values in their own storage class: {@code null}, {@link Long} (INTEGER), {@link Double} (REAL),
 * {@link String} (TEXT), {@link ByteBuffer} (BLOB), or {@link InvalidText} when TEXT bytes are not valid UTF-8 —
 * which the driver would otherwise silently turn into U+FFFD replacement characters.
 *
 * <p>{@link #readRow} reads a whole row with one call into the driver's statement handle. Through {@code ResultSet},
 * every value costs two or three guarded driver calls, each allocating a lambda (slow in C1-compiled code), which
 * dominates capture's time on a large snapshot. Both ways read the same SQLite functions and give the same values.
 */
final class SqliteValueReader {
    private static final char REPLACEMENT = '\uFFFD';

    private SqliteValueReader() {
    }

    /** The value of one result column (1-based) through {@code ResultSet}. */
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

    /**
     * Appends the values of result columns {@code firstColumn .. firstColumn + count - 1} (1-based) of the current row
     * to {@code out}; returns the INTEGER in {@code rowidColumn}, or null when it is 0. {@code utf8}: the database
     * stores text as UTF-8 (see {@link #storesUtf8}), so a TEXT value's stored bytes are its UTF-8.
     */
    static Long readRow(ResultSet rs, boolean utf8, int rowidColumn, int firstColumn, int count, List<Object> out)
            throws SQLException {
        if (rs.getStatement() instanceof CoreStatement statement) {
            RowRead read = new RowRead(utf8, rowidColumn, firstColumn, count, out);
            statement.pointer.safeRunConsume(read);
            return read.rowid;
        }
        for (int i = 0; i < count; i++) {
            out.add(read(rs, firstColumn + i));
        }
        return rowidColumn == 0 ? null : rs.getLong(rowidColumn);
    }

    /** One row, read inside a single guarded call on the statement handle (columns here are 0-based). */
    private static final class RowRead implements SafeStmtPtr.SafePtrConsumer<SQLException> {
        private final boolean utf8;
        private final int rowidColumn;
        private final int firstColumn;
        private final int count;
        private final List<Object> out;
        private Long rowid;

        RowRead(boolean utf8, int rowidColumn, int firstColumn, int count, List<Object> out) {
            this.utf8 = utf8;
            this.rowidColumn = rowidColumn;
            this.firstColumn = firstColumn;
            this.count = count;
            this.out = out;
        }

        @Override
        public void run(DB db, long statement) throws SQLException {
            if (rowidColumn > 0) {
                rowid = db.column_long(statement, rowidColumn - 1);
            }
            for (int column = firstColumn - 1; column < firstColumn - 1 + count; column++) {
                out.add(value(db, statement, column));
            }
        }

        /** As {@code ResultSet.getObject} reads it, then as {@link #read} turns it into a storage-class value. */
        private Object value(DB db, long statement, int column) throws SQLException {
            return switch (db.column_type(statement, column)) {
                case Codes.SQLITE_INTEGER -> db.column_long(statement, column);
                case Codes.SQLITE_FLOAT -> db.column_double(statement, column);
                case Codes.SQLITE_BLOB -> blob(db.column_blob(statement, column));
                case Codes.SQLITE_NULL -> null;
                default -> text(db, statement, column);
            };
        }

        private static ByteBuffer blob(byte[] bytes) {
            return bytes == null ? null : ByteBuffer.wrap(bytes);
        }

        /**
         * In a UTF-8 database the stored bytes (as a BLOB read returns them) are the text's UTF-8, decoded here as the
         * driver's text read would decode them; that read wraps SQLite's buffer in a direct ByteBuffer through JNI
         * first, a cost per value the BLOB read avoids. A UTF-16 database's text is read as text (SQLite converts it).
         */
        private Object text(DB db, long statement, int column) throws SQLException {
            byte[] bytes = utf8 ? db.column_blob(statement, column) : null;
            if (bytes == null) {
                String text = db.column_text(statement, column);
                return text != null && text.indexOf(REPLACEMENT) >= 0
                        ? checkedText(text, db.column_blob(statement, column)) : text;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.indexOf(REPLACEMENT) >= 0 ? checkedText(text, bytes) : text;
        }
    }

    /** True when the connection's database stores text as UTF-8 ({@code PRAGMA encoding}), as nearly all do. */
    static boolean storesUtf8(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA encoding")) {
            return result.next() && "UTF-8".equalsIgnoreCase(result.getString(1));
        }
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
