package dev.cutover.validator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;

/**
 * Streams the PostgreSQL table in key order through a server-side cursor and sums its rows into the chunks the source
 * reader cuts: a row belongs to the first chunk whose upper key is not below it. Each finished chunk is compared with
 * the source's count and checksum in a {@link FullChunkLedger}. Holds one row and the current chunk at a time.
 *
 * <p>Runs on its own thread; uses the PostgreSQL connection only while it runs. The connection must not be in
 * autocommit mode (PostgreSQL only keeps a cursor open inside a transaction). {@link #call} throws
 * {@link FullOrderMismatch} when PostgreSQL's order is not {@link FullKeyOrder}'s.
 */
final class FullTargetReader extends FullReader implements Callable<FullChunkLedger> {
    /** Rows per cursor fetch: a bounded buffer, large enough to keep round trips rare. */
    static final int FETCH_ROWS = 1000;

    private final FullTable table;
    private final FullSql sql;
    private final Connection postgres;
    private final BlockingQueue<FullChunk> chunks;
    private final FullChunkLedger ledger;
    private final RowHasher hasher = new RowHasher();

    private FullChunk chunk;
    private FullKey low;
    private long rows;
    private long checksum;

    FullTargetReader(FullTable table, FullSql sql, Connection postgres, BlockingQueue<FullChunk> chunks,
                     FullChunkLedger ledger) {
        this.table = table;
        this.sql = sql;
        this.postgres = postgres;
        this.chunks = chunks;
        this.ledger = ledger;
    }

    @Override
    public FullChunkLedger call() throws SQLException, InterruptedException {
        chunk = chunks.take();
        FullKey previous = null;
        try (Statement statement = postgres.createStatement()) {
            statement.setFetchSize(FETCH_ROWS);
            running(statement::cancel);
            try (ResultSet rs = statement.executeQuery(sql.targetStream())) {
                while (rs.next()) {
                    stopIfInterrupted();
                    FullRow row = table.targetRow(rs);
                    FullKeyOrder.requireAfter(previous, row.key(), "PostgreSQL");
                    previous = row.key();
                    while (!chunk.last() && FullKeyOrder.compare(row.key(), chunk.high()) > 0) {
                        nextChunk();
                    }
                    rows++;
                    checksum += table.targetHash(row, hasher);
                }
            }
        } finally {
            finished();
        }
        while (!chunk.last()) {
            nextChunk();
        }
        ledger.close(low, chunk, rows, checksum);
        return ledger;
    }

    private void nextChunk() throws InterruptedException {
        ledger.close(low, chunk, rows, checksum);
        low = chunk.high();
        rows = 0;
        checksum = 0;
        chunk = chunks.take();
    }
}
