package dev.cutover.capture.sqlite.plan;

import java.util.List;

/**
 * A foreign key from {@code PRAGMA foreign_key_list}, its rows grouped by id.
 *
 * @param parent   referenced table as written
 * @param from     referencing columns
 * @param to       referenced columns; empty when the declaration names none (the parent's primary key)
 */
record SourceForeignKey(String parent, List<String> from, List<String> to, String onUpdate, String onDelete) {

    SourceForeignKey {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }
}
