package dev.cutover.capture.jsondir;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/**
 * What one step of capture produced: the change events and dead letters to send, in order, and whether the step was
 * given up (the file changed while it was read), in which case its index writes are dropped and nothing is sent.
 */
final class Step {
    final List<ChangeEvent> events = new ArrayList<>();
    final List<DeadLetter> letters = new ArrayList<>();
    /** The file state the step wrote last, for the offset's per-file fields; null when none. */
    JsonDirIndex.FileState file;
    /** The modification time (ms) of a change the step could not take yet (the mark must stay below it); 0 when none. */
    long pendingMs;
    boolean abandoned;

    /** A piece of capture's work, run a step at a time inside an index step. */
    interface Work {
        /** Runs one step; true when the work is finished. */
        boolean step(Step step);
    }

    boolean isEmpty() {
        return events.isEmpty() && letters.isEmpty();
    }

    void pending(long mtimeMs) {
        pendingMs = pendingMs == 0 ? mtimeMs : Math.min(pendingMs, mtimeMs);
    }
}
