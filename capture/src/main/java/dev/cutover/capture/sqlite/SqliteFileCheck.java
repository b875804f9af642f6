package dev.cutover.capture.sqlite;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Identifiers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks a SQLite source passes before anything else starts, so that a bad file costs no time and leaves nothing
 * behind: {@link #file} (the path is a readable file that starts with SQLite's header) and {@link #contents} (SQLite
 * reads its schema, {@code PRAGMA quick_check} finds the schema's pages sound, and every table's first row, and its
 * last by rowid, can be read: a truncated file loses the pages at its end, which hold the tail of some table). Neither
 * reads the data itself, so both take milliseconds whatever the file's size; a file damaged deep inside a table still
 * passes, and its rows fail when they are read.
 *
 * <p>Exit codes: a path that does not exist or cannot be read is unreachable (3); a directory, a file that is not
 * SQLite and a damaged (e.g. truncated) database are bad configuration (2): the fix is another file.
 */
public final class SqliteFileCheck {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private SqliteFileCheck() {
    }

    /** Fails with a one-line message unless {@code path} is a readable file starting with SQLite's header. */
    public static void file(Path path) {
        if (!Files.exists(path)) {
            throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "source file " + path
                    + " does not exist; check the path given to --source sqlite:PATH");
        }
        if (Files.isDirectory(path)) {
            throw CutoverException.config("source " + path + " is a directory, not a SQLite file; give the database "
                    + "file itself with --source sqlite:PATH");
        }
        byte[] header = header(path);
        if (!Arrays.equals(header, HEADER)) {
            throw CutoverException.config("source file " + path + " is not a SQLite database (file header "
                    + describe(header) + ", expected \"SQLite format 3\"); check --source");
        }
    }

    /**
     * Fails with a one-line message unless SQLite reads the schema and the first and last rows of every ordinary table
     * through {@code connection} (virtual tables are left out: their module decides what reading means; their shadow
     * tables are read).
     */
    public static void contents(Path path, Connection connection) {
        String step = "reading its schema";
        try (Statement statement = connection.createStatement()) {
            quickCheckSchema(path, statement);
            for (Table table : tables(statement)) {
                step = "reading table " + table.name();
                read(statement, "SELECT 1 FROM " + Identifiers.quote(table.name()) + " LIMIT 1");
                if (table.rowid()) {
                    read(statement, "SELECT max(rowid) FROM " + Identifiers.quote(table.name()));
                }
            }
        } catch (SQLException e) {
            throw failure(path, step, e);
        }
    }

    /**
     * The file's first bytes, read through a channel this process keeps open for the file (one per file, replaced when
     * the path names another file). Closing any descriptor of a file drops every POSIX lock the process holds on it,
     * SQLite's included, and a SQLite connection that lost its lock lets another process delete the WAL under it: the
     * header must never be read through a descriptor that is then closed.
     */
    private static byte[] header(Path path) {
        try {
            FileChannel channel = HeaderChannels.of(path);
            ByteBuffer buffer = ByteBuffer.allocate(HEADER.length);
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
                // positional reads: the channel is shared
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (AccessDeniedException e) {
            throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "source file " + path + " cannot be read "
                    + "(permission denied); give this user read access to it (e.g. chmod o+r), or run as its owner", e);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "cannot read source file " + path + " ("
                    + e.getMessage() + "); check the file and its permissions", e);
        }
    }

    /** One read channel per file, never closed while the process runs (see {@link #header}). */
    private static final class HeaderChannels {
        private static final Map<Path, Open> OPEN = new ConcurrentHashMap<>();

        private record Open(Object fileKey, FileChannel channel) {
        }

        static synchronized FileChannel of(Path path) throws IOException {
            Path key = path.toAbsolutePath().normalize();
            Object fileKey = Files.readAttributes(key, BasicFileAttributes.class).fileKey();
            Open open = OPEN.get(key);
            if (open == null || fileKey == null || !fileKey.equals(open.fileKey())) {
                // A file now at this path is another file; the old channel stays open (it holds that file's locks).
                open = new Open(fileKey, FileChannel.open(key, StandardOpenOption.READ));
                OPEN.put(key, open);
            }
            return open.channel();
        }
    }

    private static void quickCheckSchema(Path path, Statement statement) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("PRAGMA quick_check(sqlite_schema)")) {
            while (result.next()) {
                problems.add(result.getString(1));
            }
        }
        if (!problems.equals(List.of("ok"))) {
            throw damaged(path, "PRAGMA quick_check of its schema says: " + String.join("; ", problems), null);
        }
    }

    /** An ordinary table (or a virtual table's shadow table) of the main schema; {@code rowid}: not WITHOUT ROWID. */
    private record Table(String name, boolean rowid) {
    }

    private static List<Table> tables(Statement statement) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT name, wr FROM pragma_table_list"
                + " WHERE schema = 'main' AND type IN ('table', 'shadow') ORDER BY name")) {
            while (result.next()) {
                tables.add(new Table(result.getString(1), result.getInt(2) == 0));
            }
        }
        return tables;
    }

    private static void read(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
        }
    }

    private static CutoverException failure(Path path, String step, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
            return damaged(path, "SQLite reports \"" + e.getMessage() + "\" while " + step, e);
        }
        return new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "cannot read source " + path + " (" + step + ": "
                + e.getMessage() + "); check the file and its permissions", e);
    }

    private static CutoverException damaged(Path path, String what, SQLException cause) {
        return new CutoverException(ErrorCode.BAD_CONFIGURATION, "source file " + path + " is damaged: " + what
                + " (a truncated file, or a copy taken without its -wal file?); give an intact copy with --source, or "
                + "recover what SQLite can with `sqlite3 " + path + " .recover | sqlite3 recovered.db`", cause);
    }

    private static String describe(byte[] header) {
        if (header.length == 0) {
            return "empty: the file has no content";
        }
        StringBuilder text = new StringBuilder("\"");
        for (byte b : header) {
            text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return text.append('"').toString();
    }
}
