package dev.cutover.schemas.plan;

/**
 * An identifier that had to change to fit PostgreSQL.
 *
 * @param kind     table, column, index or constraint
 * @param scope    the table it belongs to (null for tables)
 * @param original the source name
 * @param target   the name used in PostgreSQL
 */
public record Rename(String kind, String scope, String original, String target) {
}
