package dev.cutover.capture.sqlite.plan;

import java.util.List;

/**
 * Everything planning reads about one table that is migrated.
 *
 * @param object      its schema entry
 * @param columns     visible columns in order (hidden virtual-table columns left out)
 * @param definition  what its CREATE TABLE says beyond the PRAGMAs
 * @param fullText    for an FTS table, its definition; else null
 * @param indexes     its indexes in schema order
 * @param foreignKeys its foreign keys in declaration order
 */
record SourceTable(SchemaObject object, List<SourceColumn> columns, TableDefinition definition, VirtualTable fullText,
        List<SourceIndex> indexes, List<SourceForeignKey> foreignKeys) {

    SourceTable {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
    }

    String name() {
        return object.name();
    }
}
