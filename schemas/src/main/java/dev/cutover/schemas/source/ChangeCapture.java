package dev.cutover.schemas.source;

import dev.cutover.schemas.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source's change position and its capture life cycle, as the pipeline, {@code status}, {@code finalize} and
 * {@code stop} see them. Each call reads the source anew; implementations are thread-safe.
 */
public interface ChangeCapture {

    /**
     * The source's newest change position now, on the scale of the {@code seq} its connector puts in its source offsets
     * (the pipeline is caught up to this moment once Kafka holds everything up to it); 0 when there is nothing to wait
     * for (no capture installed, or a source that cannot tell).
     */
    long position();

    /** True when capture left objects in the source that {@link #remove} would take out. */
    boolean installed();

    /**
     * Takes capture out of the source, leaving it as it was before Cutover.
     *
     * @return what was removed, as a sentence for the operator; empty when nothing was installed
     */
    Optional<String> remove();

    /**
     * Keys with a change the source has recorded but capture may not have sent to Kafka yet, by source table, each key
     * in the raw events' form (parallel to the table's source key columns). Empty when the source keeps no such record.
     */
    Map<String, List<List<Object>>> pendingKeys(Plan plan);
}
