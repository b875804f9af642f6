package dev.cutover.capture.sqlite.plan;

import java.util.List;

/**
 * An index from {@code PRAGMA index_list} with its key columns from {@code PRAGMA index_xinfo}.
 *
 * @param origin  c (CREATE INDEX), u (UNIQUE constraint) or pk (primary key)
 * @param sql     the CREATE INDEX statement; null for automatic indexes
 * @param columns key columns in order
 */
record SourceIndex(String name, boolean unique, String origin, boolean partial, String sql, List<Column> columns) {

    SourceIndex {
        columns = List.copyOf(columns);
    }

    /**
     * @param cid       column number; -1 the rowid, -2 an expression
     * @param name      column name, null for expressions
     * @param collation effective collation (the column's unless the index names one)
     */
    record Column(int cid, String name, boolean descending, String collation) {
    }
}
