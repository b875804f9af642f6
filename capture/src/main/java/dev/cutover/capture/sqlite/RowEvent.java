package dev.cutover.capture.sqlite;

import dev.cutover.schemas.avro.Operation;
import java.util.List;

/**
 * One row as read from a SQLite source, before encoding.
 *
 * @param table        source table
 * @param op           what happened to the row
 * @param keyColumns   key column names
 * @param key          key values
 * @param columns      column names, in table order
 * @param values       values in SQLite's storage classes (see {@link SqliteValueReader})
 * @param sequence     source position (0 in the snapshot)
 * @param sourceTimeMs when the source committed it
 * @param position     where the row is in the reader's scan order (rowid, or primary key for WITHOUT ROWID tables);
 *                     the resume point in the source offset, not part of the event
 */
record RowEvent(String table, Operation op, List<String> keyColumns, List<Object> key,
                       List<String> columns, List<Object> values, long sequence, long sourceTimeMs, List<Object> position) {
}
