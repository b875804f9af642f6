package dev.cutover.schemas.source;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A source kept in one file (SQLite), as backup and restore see it: what it takes on disk, a consistent copy of it
 * taken while the application writes, and whether the file may be overwritten now. Each call opens what it needs and
 * closes it; thread-safe.
 */
public interface SourceFile {

    /** The file. */
    Path path();

    /** Bytes the source takes on disk now (the file and, where it has one, its write-ahead log); 0 when it is absent. */
    long bytes();

    /**
     * Writes a copy of the source as it was at one moment to {@code copy}, a file that must not exist yet, while the
     * application keeps writing.
     *
     * @throws dev.cutover.schemas.CutoverException SOURCE_UNREACHABLE when the source cannot be read, BAD_CONFIGURATION
     *                                              when the copy cannot be written
     */
    void copyTo(Path copy);

    /**
     * Fails unless {@code copy} is a sound database of this kind (it opens and its integrity check passes).
     *
     * @throws dev.cutover.schemas.CutoverException BAD_CONFIGURATION naming the file and what is wrong
     */
    void verify(Path copy);

    /**
     * Why the file must not be overwritten now, as a sentence for the operator (another process holds a lock on it, or
     * has it open in WAL mode); empty when nothing uses it, or it does not exist.
     */
    Optional<String> inUse();

    /**
     * Replaces the file with {@code copy} (moved, so it must be on the same file system), first removing what belongs
     * to the old file's state (a write-ahead log, its shared memory, a hot journal): left beside the new file, SQLite
     * would apply them to it.
     *
     * @throws dev.cutover.schemas.CutoverException BAD_CONFIGURATION when a file cannot be removed or moved
     */
    void replaceWith(Path copy);
}
