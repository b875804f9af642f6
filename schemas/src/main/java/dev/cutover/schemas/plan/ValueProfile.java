package dev.cutover.schemas.plan;

/**
 * What planning found in a column: how many values of each SQLite storage class, and their extremes.
 * SQLite is dynamically typed, so the declared type alone does not say what a column holds.
 *
 * @param nulls         NULL values
 * @param integers      INTEGER values
 * @param reals         REAL values
 * @param texts         TEXT values
 * @param blobs         BLOB values
 * @param minInteger    smallest INTEGER value, or null when none (in a column holding REALs too: a lower bound, the
 *                      smallest number rounded up)
 * @param maxInteger    largest INTEGER value, or null when none (with REALs too: an upper bound)
 * @param maxTextLength longest TEXT value in characters, or null when none
 * @param invalid       values that do not parse as the planned target type (e.g. text that is not JSON or not a date,
 *                      BLOBs in a column that is not {@code bytea}); at run time they go to the error log
 * @param minReal       smallest REAL value, or null when none (with INTEGERs too: the smallest number)
 * @param maxReal       largest REAL value, or null when none (with INTEGERs too: the largest number)
 */
public record ValueProfile(
        long nulls,
        long integers,
        long reals,
        long texts,
        long blobs,
        Long minInteger,
        Long maxInteger,
        Long maxTextLength,
        long invalid,
        Double minReal,
        Double maxReal) {

    /** A profile without REAL extremes. */
    public ValueProfile(long nulls, long integers, long reals, long texts, long blobs, Long minInteger, Long maxInteger,
            Long maxTextLength, long invalid) {
        this(nulls, integers, reals, texts, blobs, minInteger, maxInteger, maxTextLength, invalid, null, null);
    }

    public long nonNull() {
        return integers + reals + texts + blobs;
    }
}
