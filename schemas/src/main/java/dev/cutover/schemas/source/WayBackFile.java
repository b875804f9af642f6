package dev.cutover.schemas.source;

import java.nio.file.Path;

/**
 * Where the way back writes PostgreSQL's changes: the source's SQLite file, capture's change log in it, which the
 * way back's own writes must not stay in (the forward stream would send them to PostgreSQL again), and capture's state
 * table, a key-value table {@code (key TEXT PRIMARY KEY, value)} the way back keeps its position in (a table of its own
 * would change the file's schema while capture streams it).
 *
 * @param file       the SQLite file
 * @param changeLog  the change log table's name
 * @param stateTable the state table's name
 */
public record WayBackFile(Path file, String changeLog, String stateTable) {
}
