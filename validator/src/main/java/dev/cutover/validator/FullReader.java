package dev.cutover.validator;

/**
 * What both stream readers share: how to stop the read in flight (cancel the target's statement, close the source's
 * cursor), so that another thread can stop it when the comparison is abandoned (an interrupt does not reach a thread
 * blocked in a database read).
 */
abstract class FullReader {
    private volatile AutoCloseable running;

    /** Marks the read that {@code stop} ends as the one in flight until {@link #finished()}. */
    final void running(AutoCloseable stop) {
        running = stop;
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

    /** Stops the read in flight, if any; safe from any thread, never throws. */
    final void cancel() {
        AutoCloseable stop = running;
        if (stop != null) {
            try {
                stop.close();
            } catch (Exception e) {
                // Already done or the connection is gone: nothing left to stop.
            }
        }
    }
}
