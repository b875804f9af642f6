package dev.cutover.capture.sqlite.plan;

/**
 * A column as {@code PRAGMA table_xinfo} reports it.
 *
 * @param name         column name
 * @param declaredType declared type as written ("" when none)
 * @param notNull      declared NOT NULL
 * @param defaultSql   the DEFAULT expression as written, or null
 * @param keyPosition  1-based position in the primary key, 0 when not part of it
 * @param hidden       0 normal, 1 hidden (virtual-table internals), 2 generated VIRTUAL, 3 generated STORED
 */
record SourceColumn(String name, String declaredType, boolean notNull, String defaultSql, int keyPosition, int hidden) {

    boolean generated() {
        return hidden == 2 || hidden == 3;
    }
}
