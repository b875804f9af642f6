package dev.cutover.capture;

import io.debezium.engine.DebeziumEngine;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Stops a Debezium engine. The engine refuses to stop while its tasks are starting (an IllegalStateException, so that
 * a half-started connector does not leak its connections); a stop asked for then, e.g. right after the engine was
 * started, is asked again until the tasks have started or {@code patience} is over.
 */
public final class EngineStop {
    private static final long RETRY_MS = 100;

    private EngineStop() {
    }

    /** @return false when the engine was still starting its tasks after {@code patience}, or stopping failed */
    public static boolean stop(DebeziumEngine<?> engine, Duration patience, Logger log, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                engine.close();
                return true;
            } catch (IllegalStateException starting) {
                if (System.nanoTime() > deadline) {
                    log.warn("{} did not stop: it was still starting after {} s ({})", what, patience.toSeconds(),
                            starting.getMessage());
                    return false;
                }
                Thread.sleep(RETRY_MS);
            } catch (IOException e) {
                log.warn("stopping {} failed: {}", what, e.getMessage());
                return false;
            }
        }
    }
}
