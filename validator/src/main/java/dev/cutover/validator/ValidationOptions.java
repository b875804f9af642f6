package dev.cutover.validator;

/**
 * How thoroughly to validate.
 *
 * @param full        compare every row (chunked, checksummed) instead of a sample
 * @param sampleSize  rows sampled per table, each way (source → target and target → source)
 * @param chunkRows   rows per checksummed chunk in full mode
 * @param maxExamples keys and differences listed per table and finding; counts are always exact
 * @param live        the pipeline is running: differences are rechecked a few times before they count, because the
 *                    source and target are read moments apart while changes flow
 */
public record ValidationOptions(boolean full, int sampleSize, int chunkRows, int maxExamples, boolean live) {
    public static final int DEFAULT_SAMPLE = 1000;
    public static final int DEFAULT_CHUNK_ROWS = 10_000;
    public static final int DEFAULT_EXAMPLES = 20;

    public ValidationOptions {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("--sample " + sampleSize + " is too small; use 1 or more");
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("--chunk-rows " + chunkRows + " is too small; use 1 or more");
        }
        if (maxExamples < 0) {
            throw new IllegalArgumentException("--examples " + maxExamples + " is negative; use 0 or more");
        }
    }

    public static ValidationOptions sampled(int sampleSize, boolean live) {
        return new ValidationOptions(false, sampleSize, DEFAULT_CHUNK_ROWS, DEFAULT_EXAMPLES, live);
    }
}
