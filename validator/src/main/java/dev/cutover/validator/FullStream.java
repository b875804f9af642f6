package dev.cutover.validator;

import dev.cutover.schemas.source.ReadBack;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming pass of a full comparison: the source and the target reader run in parallel, joined by a small queue
 * of chunk bounds, and leave a {@link FullChunkLedger} of the chunks that differ. The first reader failure ends the
 * pass: the other reader is cancelled and interrupted, both threads are waited for, and the failure is rethrown.
 */
final class FullStream {
    private static final Logger LOG = LoggerFactory.getLogger(FullStream.class);
    /** Chunks the source reader may be ahead of the target reader. */
    private static final int QUEUED_CHUNKS = 4;
    private static final long STOP_SECONDS = 30;

    private FullStream() {
    }

    /** What the pass found: source row counts and the target reader's ledger. */
    record Result(FullSourceReader.Result source, FullChunkLedger ledger) {
    }

    /**
     * @param postgres must be out of autocommit mode (see {@link FullCursorScope})
     * @throws FullOrderMismatch when a side does not stream in {@link FullKeyOrder}
     */
    static Result run(FullTable table, FullSql sql, ReadBack sourceRows, Connection postgres, int chunkRows,
                      int maxRanges) throws SQLException {
        BlockingQueue<FullChunk> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        FullSourceReader source = new FullSourceReader(table, sourceRows, chunkRows, chunks);
        FullTargetReader target = new FullTargetReader(table, sql, postgres, chunks, new FullChunkLedger(maxRanges));
        ExecutorService threads = Executors.newFixedThreadPool(2, named(table.name()));
        boolean finished = false;
        try {
            CompletionService<Object> readers = new ExecutorCompletionService<>(threads);
            readers.submit(source::call);
            readers.submit(target::call);
            Object first = outcome(readers.take());
            Object second = outcome(readers.take());
            finished = true;
            return first instanceof FullSourceReader.Result sourceResult
                    ? new Result(sourceResult, (FullChunkLedger) second)
                    : new Result((FullSourceReader.Result) second, (FullChunkLedger) first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("the comparison of table " + table.name() + " was interrupted", "57014", e);
        } finally {
            stop(threads, finished, source, target, table.name());
        }
    }

    /** The reader's result; its failure rethrown as it was thrown. */
    private static Object outcome(Future<Object> reader) throws SQLException, InterruptedException {
        try {
            return reader.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new SQLException("a reader was interrupted: " + cause.getMessage(), "57014", cause);
        }
    }

    /** Cancels readers still running, interrupts them and waits for both threads (keeping the interrupt status). */
    private static void stop(ExecutorService threads, boolean finished, FullReader source, FullReader target,
                             String table) {
        if (!finished) {
            source.cancel();
            target.cancel();
        }
        threads.shutdownNow();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        while (!threads.isTerminated() && System.nanoTime() < deadline) {
            try {
                threads.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (!threads.isTerminated()) {
            LOG.warn("validate {}: a reader did not stop within {} s of being cancelled; leaving it", table,
                    STOP_SECONDS);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String table) {
        return new ThreadFactory() {
            private int count;

            @Override
            public synchronized Thread newThread(Runnable task) {
                Thread thread = new Thread(task, "cutover-validate-" + (count++ == 0 ? "source" : "target") + "-" + table);
                thread.setDaemon(true);
                return thread;
            }
        };
    }
}
