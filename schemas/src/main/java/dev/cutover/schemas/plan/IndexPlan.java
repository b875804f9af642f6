package dev.cutover.schemas.plan;

import java.util.List;

/**
 * A secondary index or unique constraint, created after the data is in.
 *
 * @param name     target index name (unique in the schema, at most 63 bytes)
 * @param unique   a unique index
 * @param elements index elements in PostgreSQL syntax: a quoted column ({@code "email"}) or an expression
 *                 ({@code lower("email")} for SQLite's COLLATE NOCASE)
 * @param where    partial-index predicate in PostgreSQL syntax, or null
 * @param source   the source definition, for review
 */
public record IndexPlan(String name, boolean unique, List<String> elements, String where, String source) {
    public IndexPlan {
        elements = List.copyOf(elements);
    }
}
