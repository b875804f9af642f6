package dev.cutover.schemas.plan;

import java.util.List;

/**
 * A secondary index or unique constraint, created after the data is in.
 *
 * @param name     target index name (unique in the schema, at most 63 bytes)
 * @param unique   a unique index
 * @param elements index elements in PostgreSQL syntax, each usable as is inside {@code CREATE INDEX ... (...)}:
 *                 a quoted column ({@code "email"}), a function call ({@code lower("email")} for SQLite's COLLATE
 *                 NOCASE), or a parenthesized expression; optionally followed by {@code DESC}
 * @param where    partial-index predicate in PostgreSQL syntax, or null
 * @param source   the source definition, for review
 * @param method   index access method ({@code gin} for full-text indexes), or null for the default (btree)
 */
public record IndexPlan(String name, boolean unique, List<String> elements, String where, String source, String method) {
    public IndexPlan {
        elements = List.copyOf(elements);
    }

    /** A btree index. */
    public IndexPlan(String name, boolean unique, List<String> elements, String where, String source) {
        this(name, unique, elements, where, source, null);
    }
}
