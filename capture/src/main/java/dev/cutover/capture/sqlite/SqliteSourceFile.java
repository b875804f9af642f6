package dev.cutover.capture.sqlite;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.SourceFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * A SQLite source as one file. The copy is SQLite's {@code VACUUM INTO}: one read transaction, so the copy is the
 * database as of the moment it began; in WAL mode the application's writers go on meanwhile, in rollback-journal mode
 * their commits wait for the copy (up to their busy timeout). The copy is compacted, so it may be smaller than the
 * file, and holds the same schema, rows, header values ({@code user_version}, {@code application_id}) and journal mode.
 *
 * <p>Whether the file is in use is judged as SQLite's own locking sees it (POSIX locks: a process in a transaction
 * holds the lock bytes of the file; every connection in WAL mode holds a shared lock on its shared-memory file while
 * open), and, where {@code /proc} shows them, by the processes that have the file open at all (an idle connection in
 * rollback-journal mode holds no lock, but would go on writing to the replaced file).
 */
final class SqliteSourceFile implements SourceFile {
    /** SQLite's PENDING byte; the RESERVED byte and the SHARED range follow it (os_unix.c). */
    private static final long LOCK_BYTES = 0x40000000L;
    private static final long LOCK_BYTES_LENGTH = 512;
    /** The "dead man switch" byte of the shared-memory file every WAL connection holds a shared lock on while open. */
    private static final long SHM_DMS_BYTE = 128;

    private final SqliteSource source;

    SqliteSourceFile(SqliteSource source) {
        this.source = source;
    }

    @Override
    public Path path() {
        return source.path();
    }

    @Override
    public long bytes() {
        return size(path()) + size(companion("-wal"));
    }

    @Override
    public void copyTo(Path copy) {
        source.check();
        String journalMode;
        try (Connection connection = source.open(!source.writable());
             Statement statement = connection.createStatement();
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            journalMode = ChangeLogState.journalMode(statement);
            vacuum.setString(1, copy.toAbsolutePath().toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw source.unreachable("copy", e);
        }
        if (journalMode.equals("wal")) {
            switchToWal(copy);
        }
    }

    /**
     * VACUUM INTO writes a rollback-journal file whatever the source's mode; a WAL source's copy is switched back, so a
     * restored file keeps the mode the application had. Closing the only connection removes the copy's -wal and -shm.
     */
    private static void switchToWal(Path copy) {
        try (Connection connection = writable(copy); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw CutoverException.config("cannot set the copy " + copy + " to WAL mode like its source: "
                    + e.getMessage() + "; check the directory it is written to");
        }
    }

    @Override
    public void verify(Path copy) {
        SqliteFileCheck.file(copy);
        try (Connection connection = writable(copy); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            String result = rs.getString(1);
            if (!"ok".equals(result)) {
                throw CutoverException.config("the copy " + copy + " fails SQLite's integrity check: " + result);
            }
        } catch (SQLException e) {
            throw CutoverException.config("the copy " + copy + " cannot be read as a SQLite database: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> inUse() {
        if (!Files.exists(path())) {
            return Optional.empty();
        }
        Optional<String> holder = OpenFiles.holder(List.of(path(), companion("-wal")));
        if (holder.isPresent()) {
            return Optional.of(path() + " is open in " + holder.get());
        }
        if (locked(path(), LOCK_BYTES, LOCK_BYTES_LENGTH)) {
            return Optional.of("a process holds a lock on " + path() + " (a transaction is open on it)");
        }
        Path shm = companion("-shm");
        if (Files.exists(shm) && locked(shm, SHM_DMS_BYTE, 1)) {
            return Optional.of("a process has " + path() + " open in WAL mode (it holds a lock on " + shm + ")");
        }
        return Optional.empty();
    }

    @Override
    public void replaceWith(Path copy) {
        try {
            for (String suffix : List.of("-wal", "-shm", "-journal")) {
                Files.deleteIfExists(companion(suffix));
            }
            Files.move(copy, path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw CutoverException.config("cannot replace " + path() + " with " + copy + " (" + e + "); check the "
                    + "permissions of the file and its directory");
        }
    }

    /**
     * A copy is opened writable even to be read: a read-only connection to a WAL-mode file would leave a -wal and -shm
     * beside it, which a writable one removes when it closes. Nothing is written to the copy itself.
     */
    private static Connection writable(Path copy) throws SQLException {
        return new SQLiteConfig().createConnection("jdbc:sqlite:" + copy.toAbsolutePath());
    }

    private Path companion(String suffix) {
        return path().resolveSibling(path().getFileName() + suffix);
    }

    /**
     * True when another process holds a POSIX lock on the range. Closing the channel drops every lock this process
     * holds on the file, so this is called only while this process has no SQLite connection to it.
     */
    private static boolean locked(Path file, long position, long length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock(position, length, false);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            throw CutoverException.config("cannot tell whether " + file + " is in use (" + e + "); check its "
                    + "permissions");
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
