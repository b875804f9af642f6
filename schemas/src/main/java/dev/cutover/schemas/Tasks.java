package dev.cutover.schemas;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Handing work to other threads and waiting for it, with that work's own exception when it failed. */
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

    /** A pool of {@code threads} daemon threads named {@code name} (a stuck helper never keeps the JVM alive). */
    public static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
