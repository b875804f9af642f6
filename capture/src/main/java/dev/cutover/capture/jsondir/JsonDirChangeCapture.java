package dev.cutover.capture.jsondir;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON directory's change position as the pipeline, {@code finalize} and {@code status} see it: the newest
 * modification time of any folder or document file (ms, never ahead of the clock), the scale of the {@code seq} the
 * connector's offsets carry. Capture installs nothing in the directory (what it read lives in the work directory), so
 * there is nothing to remove, and the directory keeps no record of which keys changed. Each call walks the tree;
 * thread-safe.
 */
final class JsonDirChangeCapture implements dev.cutover.schemas.source.ChangeCapture {
    private final JsonDirectory directory;

    JsonDirChangeCapture(JsonDirectory directory) {
        this.directory = directory;
    }

    /** Every change made before this call is in Kafka once capture's {@code seq} reaches it. */
    @Override
    public long position() {
        return Math.min(directory.list().newestMs(), System.currentTimeMillis());
    }

    /** The offsets alone say where to carry on: nothing of capture lives in the source. */
    @Override
    public boolean resumesWithoutCapture() {
        return true;
    }

    @Override
    public boolean installed() {
        return false;
    }

    @Override
    public Optional<String> remove() {
        return Optional.empty();
    }

    /**
     * Refused: a directory keeps no change log to record single keys in; capture reads a file again when it changes,
     * so touching the files that hold these documents sends them again.
     */
    @Override
    public Resent resend(TablePlan table, List<String> keys) {
        throw CutoverException.config("a JSON directory cannot send single documents of " + table.source() + " again; "
                + "touch the files that hold them (capture reads a changed file again), or accept them with "
                + "`cutover finalize --accept-errors`");
    }

    /** None: which documents of a changed file differ is known only by reading it against capture's index. */
    @Override
    public Map<String, List<List<Object>>> pendingKeys(Plan plan) {
        return Map.of();
    }
}
