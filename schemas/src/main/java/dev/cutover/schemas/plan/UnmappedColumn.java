package dev.cutover.schemas.plan;

/**
 * Existing-target mode: a source column the target table has no column for.
 *
 * @param table  source table
 * @param column source column
 */
public record UnmappedColumn(String table, String column) {
}
