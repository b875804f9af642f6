package dev.cutover.capture.sqlite.plan;

/**
 * One entry of {@code sqlite_schema}, with what {@code PRAGMA table_list} adds for tables.
 *
 * @param type         table, view, index or trigger; for tables refined by table_list to virtual or shadow
 * @param name         object name
 * @param table        the table an index or trigger belongs to
 * @param sql          its CREATE statement (null for automatic indexes)
 * @param order        position in sqlite_schema, the source order
 * @param withoutRowid a WITHOUT ROWID table
 * @param strict       a STRICT table
 */
record SchemaObject(String type, String name, String table, String sql, long order, boolean withoutRowid,
        boolean strict) {
}
