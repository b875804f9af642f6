package dev.cutover.validator;

/**
 * One table's line in the report.
 *
 * @param table          source table name
 * @param target         target table name
 * @param sourceRows     rows in the source
 * @param targetRows     rows in the target
 * @param pendingChanges keys of this table with a change still on its way to PostgreSQL
 * @param counts         {@code equal}; {@code pending} when the counts differ by no more than the changes on their
 *                       way; {@code accepted} when by no more than those and the accepted keys of the error log;
 *                       {@code differ} otherwise
 * @param comparison     the row comparison
 */
public record TableReport(String table, String target, long sourceRows, long targetRows, long pendingChanges,
                          String counts, TableComparison comparison) {

    public boolean matches() {
        return !"differ".equals(counts) && comparison.matches();
    }
}
