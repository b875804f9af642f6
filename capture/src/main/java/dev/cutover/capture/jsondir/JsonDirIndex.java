package dev.cutover.capture.jsondir;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What capture has sent to Kafka about a JSON directory, kept in a SQLite file in the work directory: per file how far
 * it was read (identity, size, modification time, byte offset, line, a hash of what was read, state), per document its
 * collection, key, file and content hash; and which problems not tied to a file's read were reported (a collection
 * the plan does not have). It is the previous state a rewritten file is diffed against, and what tells
 * an unchanged file from a changed one when capture restarts.
 *
 * <p>Every row is versioned ({@code from_v}, {@code to_v}: live while {@code to_v} is null). Capture writes the rows of
 * a step at version v+1 <em>before</em> it hands the step's records to the engine, and the step's last record carries
 * v+1 in its source offset; so the version in the offset Kafka committed names exactly the index state behind what
 * Kafka holds. On start, {@link #rollBackTo} undoes every later version (records the engine never committed, which are
 * then read and sent again); after each offset commit {@link #prune} drops the history the committed version no longer
 * needs. A kill at any moment therefore resumes exactly, and a file is never diffed against a state Kafka does not hold.
 *
 * <p>Used by the task's threads one at a time (its methods are synchronized); one writer per file.
 */
final class JsonDirIndex implements AutoCloseable {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS files (path TEXT NOT NULL, collection TEXT NOT NULL, identity TEXT NOT NULL,
                size INTEGER NOT NULL, mtime INTEGER NOT NULL, offset INTEGER NOT NULL, line INTEGER NOT NULL, hash BLOB,
                state TEXT NOT NULL, from_v INTEGER NOT NULL, to_v INTEGER);
            CREATE UNIQUE INDEX IF NOT EXISTS files_live ON files(path) WHERE to_v IS NULL;
            CREATE INDEX IF NOT EXISTS files_from ON files(from_v);
            CREATE INDEX IF NOT EXISTS files_to ON files(to_v) WHERE to_v IS NOT NULL;
            CREATE TABLE IF NOT EXISTS docs (collection TEXT NOT NULL, key BLOB NOT NULL, path TEXT NOT NULL,
                hash BLOB NOT NULL, from_v INTEGER NOT NULL, to_v INTEGER);
            CREATE UNIQUE INDEX IF NOT EXISTS docs_live ON docs(collection, key) WHERE to_v IS NULL;
            CREATE INDEX IF NOT EXISTS docs_path ON docs(path) WHERE to_v IS NULL;
            CREATE INDEX IF NOT EXISTS docs_from ON docs(from_v);
            CREATE INDEX IF NOT EXISTS docs_to ON docs(to_v) WHERE to_v IS NOT NULL;
            CREATE TABLE IF NOT EXISTS reports (id TEXT NOT NULL, from_v INTEGER NOT NULL, to_v INTEGER);
            CREATE INDEX IF NOT EXISTS reports_id ON reports(id) WHERE to_v IS NULL;
            CREATE TEMP TABLE IF NOT EXISTS seen (key BLOB PRIMARY KEY);
            """;
    private static final String FILE_COLUMNS = "path, collection, identity, size, mtime, offset, line, hash, state";

    /** How far a file has been read. */
    enum State {
        /** Documents taken up to {@code offset}; more may follow (a read in progress, or the rest was unfinished). */
        READING,
        /** Read to its end at this size and modification time. */
        DONE,
        /** The rest after {@code offset} stayed unfinished after the file settled: reported; read again once it changes. */
        STALLED,
        /** A folder's file that is not one document at this size and modification time: reported; its last document stays. */
        INVALID,
        /** A collection file that was removed: reported; its documents stay. */
        MISSING,
        /**
         * Capture may have sent more of this file than the index holds (steps after the committed offset, see
         * {@link #rollBackTo}): it is read whole again and every document it holds is sent.
         */
        DIRTY
    }

    /**
     * A file as capture last read it.
     *
     * @param hash what {@link FileSample} gives for the bytes before {@code offset} (null for a folder's file)
     */
    record FileState(String path, String collection, String identity, long size, long mtimeNanos, long offset,
                     long line, byte[] hash, State state) {

        FileState with(State newState) {
            return new FileState(path, collection, identity, size, mtimeNanos, offset, line, hash, newState);
        }
    }

    /** The live document of a key: the file holding it and its content hash. */
    record Holder(String path, byte[] hash) {
    }

    private final Path file;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private String captureId;
    private long version;
    private boolean inStep;

    private JsonDirIndex(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating it when missing) the index at {@code file}.
     *
     * @throws CutoverException BAD_CONFIGURATION when the file cannot be opened as the index
     */
    static JsonDirIndex open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=10000");
                for (String sql : SCHEMA.split(";")) {
                    if (!sql.isBlank()) {
                        statement.executeUpdate(sql);
                    }
                }
            }
            JsonDirIndex index = new JsonDirIndex(file, connection);
            index.readMeta();
            return index;
        } catch (SQLException | java.io.IOException e) {
            throw new CutoverException(ErrorCode.BAD_CONFIGURATION, "cannot open the capture index " + file + " ("
                    + e.getMessage() + "); check that the work directory is writable", e);
        }
    }

    private void readMeta() throws SQLException {
        captureId = meta("captureId");
        String stored = meta("version");
        version = stored == null ? 0 : Long.parseLong(stored);
    }

    /** The identity of this index's history, written into every offset; null before the first {@link #reset}. */
    synchronized String captureId() {
        return captureId;
    }

    /** The version of the last step written. */
    synchronized long version() {
        return version;
    }

    /** Forgets everything: a new history with a new identity, at version 0 (capture starts from nothing). */
    synchronized void reset() {
        update(() -> {
            exec("DELETE FROM files");
            exec("DELETE FROM docs");
            exec("DELETE FROM reports");
            captureId = UUID.randomUUID().toString();
            version = 0;
            putMeta("captureId", captureId);
            putMeta("version", "0");
        });
    }

    /**
     * Brings the index back to the version Kafka's committed offset carries. The steps after it were sent (Kafka may
     * hold their records, all or some) but not committed, so what Kafka holds of the documents they touched is unknown:
     * those keys keep (or get back) a live row with an unknown hash, and the files they touched are marked
     * {@link State#DIRTY}, so the next read of each such file sends every document it holds again and deletes every
     * such key it no longer holds, as the SQLite connector sends a logged key's current row again after a restart.
     * The marks are written in place (not as a version), so a second crash before they are resolved keeps them.
     *
     * @throws CutoverException BAD_CONFIGURATION when the index is behind the committed version (it lost writes)
     */
    synchronized void rollBackTo(long committed) {
        if (committed > version) {
            throw CutoverException.config("the capture index " + file + " is at version " + version + ", behind the "
                    + committed + " Kafka's capture offsets hold (it lost writes), so what capture sent is unknown; "
                    + "start this migration again with a new --work directory and an empty target");
        }
        update(() -> {
            String after = " WHERE from_v > " + committed + " OR to_v > " + committed;
            exec("CREATE TEMP TABLE touched_keys AS SELECT collection, key, min(path) AS path FROM docs" + after
                    + " GROUP BY collection, key");
            exec("CREATE TEMP TABLE touched_files AS SELECT path, collection FROM files" + after
                    + " UNION SELECT path, collection FROM touched_keys");
            for (String table : List.of("files", "docs", "reports")) {
                exec("DELETE FROM " + table + " WHERE from_v > " + committed);
                exec("UPDATE " + table + " SET to_v = NULL WHERE to_v > " + committed);
            }
            exec("UPDATE docs SET hash = x'' WHERE to_v IS NULL AND (collection, key) IN "
                    + "(SELECT collection, key FROM touched_keys)");
            exec("INSERT INTO docs (collection, key, path, hash, from_v) SELECT collection, key, path, x'', "
                    + committed + " FROM touched_keys t WHERE NOT EXISTS (SELECT 1 FROM docs d WHERE "
                    + "d.collection = t.collection AND d.key = t.key AND d.to_v IS NULL)");
            exec("UPDATE files SET state = 'DIRTY' WHERE to_v IS NULL AND path IN (SELECT path FROM touched_files)");
            exec("INSERT INTO files (" + FILE_COLUMNS + ", from_v) SELECT path, min(collection), '', -1, -1, 0, 1, "
                    + "NULL, 'DIRTY', " + committed + " FROM touched_files t WHERE NOT EXISTS (SELECT 1 FROM files f "
                    + "WHERE f.path = t.path AND f.to_v IS NULL) GROUP BY path");
            exec("DROP TABLE temp.touched_keys");
            exec("DROP TABLE temp.touched_files");
            version = committed;
            putMeta("version", Long.toString(committed));
        });
    }

    /** Drops the history no version at or after {@code committed} needs. */
    synchronized void prune(long committed) {
        update(() -> {
            exec("DELETE FROM files WHERE to_v <= " + committed);
            exec("DELETE FROM docs WHERE to_v <= " + committed);
            exec("DELETE FROM reports WHERE to_v <= " + committed);
        });
    }

    /** Starts a step: the writes until {@link #commit} make version {@code version() + 1}. */
    synchronized void begin() {
        try {
            connection.setAutoCommit(false);
            inStep = true;
        } catch (SQLException e) {
            throw failed("begin a step", e);
        }
    }

    /** Ends the step and makes its writes the new version, which it returns. */
    synchronized long commit() {
        try {
            putMeta("version", Long.toString(version + 1));
            connection.commit();
            connection.setAutoCommit(true);
            inStep = false;
            return ++version;
        } catch (SQLException e) {
            throw failed("commit a step", e);
        }
    }

    /** Drops the step's writes; the version stays. */
    synchronized void abort() {
        try {
            if (inStep) {
                connection.rollback();
                connection.setAutoCommit(true);
                inStep = false;
            }
        } catch (SQLException e) {
            throw failed("abort a step", e);
        }
    }

    /** The live state of a file, or null when capture has not read it. */
    synchronized FileState file(String path) {
        return query("SELECT " + FILE_COLUMNS + " FROM files WHERE path = ? AND to_v IS NULL", statement -> {
            statement.setString(1, path);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? fileState(rs) : null;
            }
        });
    }

    /** Every live file, in path order. */
    synchronized void files(Consumer<FileState> each) {
        query("SELECT " + FILE_COLUMNS + " FROM files WHERE to_v IS NULL ORDER BY path", statement -> {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    each.accept(fileState(rs));
                }
            }
            return null;
        });
    }

    /** Writes a file's new state (in a step). */
    synchronized void putFile(FileState state) {
        endFile(state.path());
        query("INSERT INTO files (" + FILE_COLUMNS + ", from_v) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, state.path());
            statement.setString(2, state.collection());
            statement.setString(3, state.identity());
            statement.setLong(4, state.size());
            statement.setLong(5, state.mtimeNanos());
            statement.setLong(6, state.offset());
            statement.setLong(7, state.line());
            statement.setBytes(8, state.hash());
            statement.setString(9, state.state().name());
            statement.setLong(10, version + 1);
            return statement.executeUpdate();
        });
    }

    /** Forgets a file (in a step); its documents are ended separately. */
    synchronized void endFile(String path) {
        query("UPDATE files SET to_v = ? WHERE path = ? AND to_v IS NULL", statement -> {
            statement.setLong(1, version + 1);
            statement.setString(2, path);
            return statement.executeUpdate();
        });
    }

    /** The live document with this key in the collection, or null. */
    synchronized Holder holder(String collection, byte[] key) {
        return query("SELECT path, hash FROM docs WHERE collection = ? AND key = ? AND to_v IS NULL", statement -> {
            statement.setString(1, collection);
            statement.setBytes(2, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new Holder(rs.getString(1), rs.getBytes(2)) : null;
            }
        });
    }

    /**
     * Makes this document the key's live one when the key has none (in a step): one statement for the common case of
     * a new key.
     *
     * @return false when the key already has a live document (nothing is written)
     */
    synchronized boolean putNewDocument(String collection, byte[] key, String path, byte[] hash) {
        return insertDocument(" ON CONFLICT (collection, key) WHERE to_v IS NULL DO NOTHING", collection, key, path,
                hash) == 1;
    }

    /** Makes this document the key's live one (in a step). */
    synchronized void putDocument(String collection, byte[] key, String path, byte[] hash) {
        endDocument(collection, key);
        insertDocument("", collection, key, path, hash);
    }

    private int insertDocument(String onConflict, String collection, byte[] key, String path, byte[] hash) {
        return query("INSERT INTO docs (collection, key, path, hash, from_v) VALUES (?, ?, ?, ?, ?)" + onConflict,
                statement -> {
                    statement.setString(1, collection);
                    statement.setBytes(2, key);
                    statement.setString(3, path);
                    statement.setBytes(4, hash);
                    statement.setLong(5, version + 1);
                    return statement.executeUpdate();
                });
    }

    /** The key has no live document any more (in a step). */
    synchronized void endDocument(String collection, byte[] key) {
        query("UPDATE docs SET to_v = ? WHERE collection = ? AND key = ? AND to_v IS NULL", statement -> {
            statement.setLong(1, version + 1);
            statement.setString(2, collection);
            statement.setBytes(3, key);
            return statement.executeUpdate();
        });
    }

    /** Up to {@code limit} keys of the live documents a file holds. */
    synchronized List<byte[]> keysOf(String path, int limit) {
        return keys("SELECT key FROM docs WHERE path = ? AND to_v IS NULL LIMIT ?", path, limit);
    }

    /** Live documents a file holds. */
    synchronized long documentsOf(String path) {
        return query("SELECT count(*) FROM docs WHERE path = ? AND to_v IS NULL", statement -> {
            statement.setString(1, path);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** True when the problem with this id was reported (and is still in the index's history). */
    synchronized boolean reported(String id) {
        return query("SELECT 1 FROM reports WHERE id = ? AND to_v IS NULL", statement -> {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** Records that the problem with this id is reported (in a step). */
    synchronized void putReport(String id) {
        query("INSERT INTO reports (id, from_v) VALUES (?, ?)", statement -> {
            statement.setString(1, id);
            statement.setLong(2, version + 1);
            return statement.executeUpdate();
        });
    }

    /** Starts a new set of keys seen by a read of a whole file (not versioned: a restarted read starts again). */
    synchronized void clearSeen() {
        query("DELETE FROM temp.seen", PreparedStatement::executeUpdate);
    }

    /** Records a key as seen; false when it was seen already. */
    synchronized boolean markSeen(byte[] key) {
        return query("INSERT OR IGNORE INTO temp.seen (key) VALUES (?)", statement -> {
            statement.setBytes(1, key);
            return statement.executeUpdate();
        }) == 1;
    }

    /** Up to {@code limit} live keys of a file that the current read has not seen. */
    synchronized List<byte[]> unseenKeys(String path, int limit) {
        return keys("SELECT key FROM docs WHERE path = ? AND to_v IS NULL AND key NOT IN (SELECT key FROM temp.seen) "
                + "LIMIT ?", path, limit);
    }

    private List<byte[]> keys(String sql, String path, int limit) {
        return query(sql, statement -> {
            statement.setString(1, path);
            statement.setInt(2, limit);
            List<byte[]> keys = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getBytes(1));
                }
            }
            return keys;
        });
    }

    private static FileState fileState(ResultSet rs) throws SQLException {
        return new FileState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getBytes(8), State.valueOf(rs.getString(9)));
    }

    private String meta(String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void putMeta(String name, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            statement.setString(1, name);
            statement.setString(2, value);
            statement.executeUpdate();
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    /** Runs writes in a transaction of their own (outside a step). */
    private void update(SqlWork work) {
        try {
            connection.setAutoCommit(false);
            work.run();
            connection.commit();
        } catch (SQLException e) {
            abortQuietly();
            throw failed("update", e);
        } finally {
            try {
                connection.setAutoCommit(!inStep);
            } catch (SQLException e) {
                // the next use reports the broken connection
            }
        }
    }

    /** Runs a statement, prepared once per connection. */
    private <T> T query(String sql, SqlQuery<T> query) {
        try {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return query.run(statement);
        } catch (SQLException e) {
            throw failed("read or write", e);
        }
    }

    private void abortQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // already failing
        }
    }

    private CutoverException failed(String what, SQLException e) {
        return new CutoverException(ErrorCode.INTERNAL, "cannot " + what + " the capture index " + file + ": "
                + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            connection.close();
        } catch (SQLException e) {
            // nothing left to do
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlQuery<T> {
        T run(PreparedStatement statement) throws SQLException;
    }
}
