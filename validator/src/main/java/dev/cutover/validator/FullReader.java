package dev.cutover.validator;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * What both stream readers share: the statement in flight, so that another thread can cancel it when the comparison
 * is abandoned (an interrupt does not reach a thread blocked in a database read).
 */
abstract class FullReader {
    private volatile Statement running;

    /** Marks {@code statement} as the one in flight until {@link #finished()}. */
    final void running(Statement statement) {
        running = statement;
    }

    final void finished() {
        running = null;
    }

    /** Reading stops between rows when the thread is interrupted (the comparison was abandoned). */
    static void stopIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("comparison abandoned");
        }
    }

    /** Cancels the statement in flight, if any; safe from any thread, never throws. */
    final void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException | RuntimeException e) {
                // Already done or the connection is gone: nothing left to cancel.
            }
        }
    }
}
