package dev.cutover.schemas;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work a stage handed to another thread, with that work's own exception when it failed. */
public final class Tasks {
    private Tasks() {
    }

    /**
     * The result of {@code task}, waiting for it; its RuntimeException or Error is thrown as it was (a
     * {@link CutoverException} keeps its message and exit code), anything else wrapped with {@code what} it was doing.
     */
    public static <T> T result(Future<T> task, String what) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }
}
