package dev.cutover.capture.document.plan;

import java.util.List;

/**
 * How a collection's documents are identified, before target names are given: the key's columns in key order, the
 * top-level fields the key takes (which get no other column), and the reason, for the table's notes.
 *
 * @param columns the key's columns
 * @param fields  top-level fields the key's columns hold ({@code _id} for a compound {@code _id} too)
 * @param note    why the collection is keyed this way
 */
record CollectionKey(List<Column> columns, List<String> fields, String note) {

    CollectionKey {
        columns = List.copyOf(columns);
        fields = List.copyOf(fields);
    }

    /**
     * One key column.
     *
     * @param source the key's source column ({@code _id}, {@code _id.<field>}, a field, {@code $file} or {@code $hash})
     * @param name   the preferred target name
     * @param type   its PostgreSQL type
     * @param note   what the profile saw and why the type
     * @param added  true for a column Cutover adds ({@code _file}, {@code _hash}), which has no field name to keep
     */
    record Column(String source, String name, String type, String note, boolean added) {
    }

    /** True when the key is a single {@code uuid} column: the key ObjectId references point to. */
    boolean uuid() {
        return columns.size() == 1 && columns.get(0).type().equals("uuid");
    }
}
