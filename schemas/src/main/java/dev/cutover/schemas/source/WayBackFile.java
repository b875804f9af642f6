package dev.cutover.schemas.source;

import java.nio.file.Path;

/**
 * Where the way back writes PostgreSQL's changes: the source's SQLite file, and capture's change log in it, which the
 * way back's own writes must not stay in (the forward stream would send them to PostgreSQL again).
 *
 * @param file      the SQLite file
 * @param changeLog the change log table's name
 */
public record WayBackFile(Path file, String changeLog) {
}
