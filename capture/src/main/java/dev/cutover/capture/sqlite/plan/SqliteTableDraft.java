package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A table's plan while it is being built; foreign keys are added once every table has its columns and keys. */
final class SqliteTableDraft {
    final SourceTable source;
    final String target;
    final KeyPlan key;
    final List<ColumnPlan> columns;
    final List<IndexPlan> indexes;
    final List<CheckPlan> checks;
    final List<ForeignKeyPlan> foreignKeys = new ArrayList<>();
    final long rows;
    final List<String> notes;
    /** Target column sets a foreign key may reference: the primary key and plain unique indexes. */
    final List<Set<String>> uniqueKeys;

    SqliteTableDraft(SourceTable source, String target, KeyPlan key, List<ColumnPlan> columns, List<IndexPlan> indexes,
            List<CheckPlan> checks, long rows, List<String> notes, List<Set<String>> uniqueKeys) {
        this.source = source;
        this.target = target;
        this.key = key;
        this.columns = List.copyOf(columns);
        this.indexes = List.copyOf(indexes);
        this.checks = List.copyOf(checks);
        this.rows = rows;
        this.notes = List.copyOf(notes);
        this.uniqueKeys = List.copyOf(uniqueKeys);
    }

    /** The column with this source name, ignoring case as SQLite does. */
    Optional<ColumnPlan> column(String sourceName) {
        return columns.stream().filter(c -> c.source().equalsIgnoreCase(sourceName)).findFirst();
    }

    boolean isUniqueKey(List<String> targetColumns) {
        return uniqueKeys.contains(new HashSet<>(targetColumns));
    }

    String name() {
        return source.name();
    }

    boolean named(String name) {
        return source.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }

    TablePlan build() {
        return new TablePlan(source.name(), target, key, columns, indexes, checks, foreignKeys, rows, notes);
    }
}
