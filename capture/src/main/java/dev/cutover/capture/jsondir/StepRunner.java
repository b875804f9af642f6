package dev.cutover.capture.jsondir;

import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Runs capture's work a step at a time: each step's index writes become the next index version, committed before its
 * records exist, and the step's last record carries that version in its offset (see {@link JsonDirIndex}). A step
 * given up (its file changed while read) leaves the index as it was and sends nothing. Keeps the offset of the last
 * step. Used by the task's polling thread only.
 */
final class StepRunner {
    private final CaptureContext context;
    private JsonDirOffsetContext offset;

    /**
     * What a step gave.
     *
     * @param records   the records to send (none when the step changed nothing Kafka needs to know)
     * @param finished  the work is done
     * @param pendingMs the modification time of a change left for later, 0 when none
     */
    record Ran(List<SourceRecord> records, boolean finished, long pendingMs) {
    }

    StepRunner(CaptureContext context, JsonDirOffsetContext offset) {
        this.context = context;
        this.offset = offset;
    }

    JsonDirOffsetContext offset() {
        return offset;
    }

    void offset(JsonDirOffsetContext newOffset) {
        offset = newOffset;
    }

    Ran run(Step.Work work) {
        Step step = new Step();
        context.index().begin();
        boolean finished;
        try {
            finished = work.step(step);
        } catch (RuntimeException e) {
            context.index().abort();
            throw e;
        }
        if (step.abandoned) {
            context.index().abort();
            return new Ran(List.of(), true, step.pendingMs);
        }
        JsonDirOffsetContext before = offset;
        offset = offset.at(context.index().commit());
        JsonDirOffsetContext after = step.file == null ? offset : offset.readFrom(step.file);
        List<SourceRecord> records = step.isEmpty() ? List.of()
                : context.records().step(step.events, step.letters, before, after);
        return new Ran(records, finished, step.pendingMs);
    }
}
