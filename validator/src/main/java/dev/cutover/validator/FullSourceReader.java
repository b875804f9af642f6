package dev.cutover.validator;

import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.ReadBack;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/**
 * Streams the source table in key order (its read-back's), cuts it into chunks of {@code chunkRows} rows and hands each
 * chunk's upper key, row count and checksum to the target reader; the last chunk (open at the top) follows the last
 * row. Holds one row at a time. Rows with a NULL key column are counted and left out of the chunks (the target cannot
 * hold them).
 *
 * <p>Runs on its own thread; uses the read-back only while it runs. {@link #call} throws {@link FullOrderMismatch} when
 * the source's order is not {@link FullKeyOrder}'s.
 */
final class FullSourceReader extends FullReader implements Callable<FullSourceReader.Result> {
    private final FullTable table;
    private final ReadBack source;
    private final int chunkRows;
    private final BlockingQueue<FullChunk> chunks;
    private final RowHasher hasher = new RowHasher();

    /**
     * @param rows        source rows put in chunks
     * @param nullKeyRows source rows left out for a NULL key column
     */
    record Result(long rows, long nullKeyRows) {
    }

    FullSourceReader(FullTable table, ReadBack source, int chunkRows, BlockingQueue<FullChunk> chunks) {
        this.table = table;
        this.source = source;
        this.chunkRows = chunkRows;
        this.chunks = chunks;
    }

    @Override
    public Result call() throws InterruptedException {
        long rows = 0;
        long nullKeyRows = 0;
        long chunkCount = 0;
        long checksum = 0;
        FullKey previous = null;
        try (ReadBack.Cursor cursor = source.stream(table.plan(), KeyRange.ALL)) {
            running(cursor);
            while (cursor.hasNext()) {
                stopIfInterrupted();
                FullRow row = table.sourceRow(cursor.next());
                if (row.key().hasNull()) {
                    nullKeyRows++;
                    continue;
                }
                FullKeyOrder.requireAfter(previous, row.key(), "the source");
                previous = row.key();
                checksum += table.sourceHash(row, hasher);
                rows++;
                if (++chunkCount == chunkRows) {
                    chunks.put(new FullChunk(previous, chunkCount, checksum));
                    chunkCount = 0;
                    checksum = 0;
                }
            }
        } finally {
            finished();
        }
        chunks.put(new FullChunk(null, chunkCount, checksum));
        return new Result(rows, nullKeyRows);
    }
}
