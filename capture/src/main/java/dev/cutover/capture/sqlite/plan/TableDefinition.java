package dev.cutover.capture.sqlite.plan;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the PRAGMAs do not tell about a table, read from its CREATE TABLE text: constraint names, CHECK expressions,
 * generation expressions and declared collations. Column names are kept as written; look them up with the accessors,
 * which ignore case as SQLite does.
 *
 * @param primaryKeyName name of a named PRIMARY KEY constraint, or null
 * @param checks         CHECK constraints in declaration order
 * @param generated      column name → generation expression text
 * @param collations     column name → declared collation (NOCASE, RTRIM, ...)
 * @param uniques        named UNIQUE constraints
 * @param foreignKeys    named foreign keys
 */
record TableDefinition(String primaryKeyName, List<Check> checks, Map<String, String> generated,
        Map<String, String> collations, List<NamedConstraint> uniques, List<NamedConstraint> foreignKeys) {

    static final TableDefinition EMPTY = new TableDefinition(null, List.of(), Map.of(), Map.of(), List.of(), List.of());

    TableDefinition {
        checks = List.copyOf(checks);
        generated = Map.copyOf(generated);
        collations = Map.copyOf(collations);
        uniques = List.copyOf(uniques);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** A CHECK constraint; {@code column} is null for a table constraint. */
    record Check(String name, String column, String sql) {
    }

    /** A constraint the source named, with its columns. */
    record NamedConstraint(String name, List<String> columns) {
        NamedConstraint {
            columns = List.copyOf(columns);
        }

        boolean covers(List<String> others) {
            return lower(columns).equals(lower(others));
        }
    }

    Optional<String> generatedExpression(String column) {
        return generated.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column))
                .map(Map.Entry::getValue).findFirst();
    }

    Optional<String> collation(String column) {
        return collations.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column))
                .map(Map.Entry::getValue).findFirst();
    }

    Optional<String> uniqueName(List<String> columns) {
        return uniques.stream().filter(u -> u.covers(columns)).map(NamedConstraint::name).findFirst();
    }

    Optional<String> foreignKeyName(List<String> columns) {
        return foreignKeys.stream().filter(f -> f.covers(columns)).map(NamedConstraint::name).findFirst();
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }
}
