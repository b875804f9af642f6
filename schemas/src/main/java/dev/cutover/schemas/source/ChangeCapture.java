package dev.cutover.schemas.source;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source's change position and its capture life cycle, as the pipeline, {@code status}, {@code finalize} and
 * {@code stop} see them. Each call reads the source anew; implementations are thread-safe.
 */
public interface ChangeCapture extends AutoCloseable {

    /**
     * The source's newest change position now, on the scale of the {@code seq} its connector puts in its source offsets
     * (the pipeline is caught up to this moment once Kafka holds everything up to it); 0 when there is nothing to wait
     * for (no capture installed, or a source that cannot tell).
     */
    long position();

    /**
     * How many changes lie between what Kafka holds ({@code acknowledged}, a {@code seq} of the connector's offsets) and
     * {@code position}, for the lag {@code status} shows in events. A source whose positions count its changes one by
     * one (SQLite's change log) says exactly; one whose positions are times (a directory's modification times,
     * MongoDB's cluster time) cannot, and says 1 while Kafka is behind, 0 once it has caught up.
     */
    default long changesBetween(long acknowledged, long position) {
        return position > acknowledged ? 1 : 0;
    }

    /**
     * True when a later run can carry on from an earlier one's offsets with nothing of capture left in the source (a
     * directory's index of what was read, a change stream's resume token), so a one-shot migration can be run again
     * to bring over what changed since. False when the change position lives in objects a one-shot run removes
     * (SQLite's change log): a later run would miss the changes made in between.
     */
    default boolean resumesWithoutCapture() {
        return false;
    }

    /**
     * What the health check shows of the source besides its reachability (e.g. SQLite's journal mode and the size of
     * its change log), read anew; empty when the source has nothing more to say.
     *
     * @throws dev.cutover.schemas.CutoverException when the source cannot be read
     */
    default Map<String, Object> health() {
        return Map.of();
    }

    /** True when capture left objects in the source that {@link #remove} would take out. */
    boolean installed();

    /**
     * Takes capture out of the source, leaving it as it was before Cutover.
     *
     * @return what was removed, as a sentence for the operator; empty when nothing was installed
     */
    Optional<String> remove();

    /**
     * Has capture send these keys' rows again as the source holds them now (or their deletion when a row is gone),
     * through Kafka like any change and in order with the application's own changes to them: how a change that failed
     * downstream is sent again once its cause is fixed. Capture must be installed.
     *
     * @param keys keys as the error log names them: JSON objects from source key column to value
     * @return the change position that covers them (Kafka holds them once capture is past it), and the keys that are
     *         not keys of the table (left out)
     * @throws dev.cutover.schemas.CutoverException BAD_CONFIGURATION when capture is not installed or the source is
     *                                              read-only; SOURCE_UNREACHABLE when it cannot be written
     */
    Resent resend(TablePlan table, List<String> keys);

    /**
     * What {@link #resend} recorded.
     *
     * @param position   the source's change position afterwards, on {@link #position()}'s scale
     * @param unreadable the keys that are not keys of the table (another shape, a missing column), left out
     */
    record Resent(long position, List<String> unreadable) {
        public Resent {
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * Keys with a change the source has recorded but capture may not have sent to Kafka yet, by source table, each key
     * in the raw events' form (parallel to the table's source key columns). Empty when the source keeps no such record.
     */
    Map<String, List<List<Object>>> pendingKeys(Plan plan);

    /** Releases what the calls keep open between them (a client to the source); nothing by default. */
    @Override
    default void close() {
    }
}
