package dev.cutover.validator;

import java.util.List;

/**
 * The outcome of comparing one table's rows between source and target, sampled or in full. Counts are exact for
 * what was compared; the key and difference lists are examples, capped so that a report stays readable.
 *
 * @param table           source table name
 * @param mode            {@code sample} or {@code full}
 * @param compared        source rows compared (the sample size, or every source row)
 * @param equal           rows equal in every column
 * @param missing         source rows with no target row
 * @param extra           target rows with no source row (in full mode every one; sampled: among sampled target keys)
 * @param different       rows present on both sides with at least one column different
 * @param pending         rows that differ only by changes still on their way (the key has an unapplied change)
 * @param missingKeys     examples of missing keys ({@link RowKey} JSON)
 * @param extraKeys       examples of extra keys
 * @param differences     examples of differing columns, with both values
 * @param chunks          full mode: key-range chunks compared; 0 when sampled
 * @param differingChunks full mode: chunks whose checksums differed and were compared row by row
 * @param accepted        rows that differ on keys whose failed changes the operator accepted ({@link LoggedKeys}):
 *                        reported, not failures
 * @param acceptedKeys    examples of accepted keys
 */
public record TableComparison(
        String table,
        String mode,
        long compared,
        long equal,
        long missing,
        long extra,
        long different,
        long pending,
        List<String> missingKeys,
        List<String> extraKeys,
        List<Difference> differences,
        long chunks,
        long differingChunks,
        long accepted,
        List<String> acceptedKeys) {

    public TableComparison {
        acceptedKeys = List.copyOf(acceptedKeys);
        missingKeys = List.copyOf(missingKeys);
        extraKeys = List.copyOf(extraKeys);
        differences = List.copyOf(differences);
    }

    /** A comparison that accepted nothing. */
    public TableComparison(String table, String mode, long compared, long equal, long missing, long extra,
                           long different, long pending, List<String> missingKeys, List<String> extraKeys,
                           List<Difference> differences, long chunks, long differingChunks) {
        this(table, mode, compared, equal, missing, extra, different, pending, missingKeys, extraKeys, differences,
                chunks, differingChunks, 0, List.of());
    }

    /** True when nothing differs except what is still pending or accepted. */
    public boolean matches() {
        return missing == 0 && extra == 0 && different == 0;
    }
}
