package dev.cutover.schemas.plan;

import java.util.List;
import java.util.Optional;

/**
 * One source table and the PostgreSQL table it lands in.
 *
 * @param source      source table name, exactly
 * @param target      target table name, exactly (quoted in SQL); differs only when shortened (see {@link Plan#renames()})
 * @param key         how rows are identified, in the source and in the target
 * @param columns     every source column in source order, with its target column (generated columns included)
 * @param indexes     secondary indexes and unique constraints, created after the data is in
 * @param checks      check constraints, created after the data is in
 * @param foreignKeys foreign keys, created after the data is in
 * @param sourceRows  rows the table held when planned
 * @param notes       deliberate treatments the operator should know about (e.g. "keyed by rowid")
 * @param document    for a table fed by a document source: which collection feeds it and how; null for a table of a
 *                    tabular source, whose rows map column by column
 */
public record TablePlan(
        String source,
        String target,
        KeyPlan key,
        List<ColumnPlan> columns,
        List<IndexPlan> indexes,
        List<CheckPlan> checks,
        List<ForeignKeyPlan> foreignKeys,
        long sourceRows,
        List<String> notes,
        DocumentPlan document) {

    public TablePlan {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
        checks = List.copyOf(checks);
        foreignKeys = List.copyOf(foreignKeys);
        notes = List.copyOf(notes);
    }

    /** A table of a tabular source. */
    public TablePlan(String source, String target, KeyPlan key, List<ColumnPlan> columns, List<IndexPlan> indexes,
                     List<CheckPlan> checks, List<ForeignKeyPlan> foreignKeys, long sourceRows, List<String> notes) {
        this(source, target, key, columns, indexes, checks, foreignKeys, sourceRows, notes, null);
    }

    /** True when a document source feeds this table. */
    public boolean fromDocuments() {
        return document != null;
    }

    public Optional<ColumnPlan> column(String sourceName) {
        return columns.stream().filter(c -> c.source().equals(sourceName)).findFirst();
    }
}
