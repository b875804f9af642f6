package dev.cutover.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cutover.sink.PoolStatistics;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /health} and {@code cutover health --json} show: whether the running migration can do its work, and
 * why not. Degraded (HTTP 503, exit code 1) when a service cannot be reached, a stage retries or has stopped, the lag
 * has not come down for longer than {@link LagTrend#THRESHOLD_MS}, or threads wait for a PostgreSQL connection.
 *
 * @param status     {@code healthy} or {@code degraded}
 * @param problems   why it is degraded, one sentence each naming the service or stage; empty when healthy
 * @param phase      snapshot, streaming or caught up (as {@code status} shows it); {@code starting} before the pipeline
 * @param postgresql the target
 * @param kafka      the Kafka cluster the stages use
 * @param source     the source
 * @param stages     capture, transform and sink, in pipeline order
 * @param lag        how far PostgreSQL is behind, and for how long the lag has not come down
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Health(String status, List<String> problems, String phase, PostgresHealth postgresql, KafkaHealth kafka,
              SourceHealth source, Map<String, StageHealth> stages, LagHealth lag) {
    static final String HEALTHY = "healthy";
    static final String DEGRADED = "degraded";

    Health {
        problems = List.copyOf(problems);
    }

    boolean healthy() {
        return HEALTHY.equals(status);
    }

    /** This health with more problems (degraded when there are any). */
    Health with(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(problems);
        all.addAll(more);
        return new Health(DEGRADED, all, phase, postgresql, kafka, source, stages, lag);
    }

    /** Before the pipeline runs: nothing to probe yet, so not healthy. */
    static Health starting() {
        return new Health(DEGRADED, List.of("the run is still starting"), "starting", null, null, null, null, null);
    }

    /** @param version the server's {@code server_version}; null when unreachable */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PostgresHealth(boolean reachable, String version, PoolStatistics pool, String error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KafkaHealth(boolean reachable, String clusterId, Integer brokers, String error) {
    }

    /** @param details what the source tells besides reachability (SQLite: journal mode, change-log entries) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SourceHealth(String id, boolean reachable, Map<String, Object> details, String error) {
    }

    /** @param state {@code running}, {@code retrying} (with the last error) or {@code stopped} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StageHealth(String state, String lastError) {
        static final StageHealth RUNNING = new StageHealth("running", null);
    }

    /** @param notFallingMs how long the lag has been above zero without coming down (0 when it is 0 or falls) */
    record LagHealth(long events, long ms, long notFallingMs) {
    }
}
