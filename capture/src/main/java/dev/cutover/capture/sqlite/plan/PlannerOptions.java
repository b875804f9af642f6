package dev.cutover.capture.sqlite.plan;

import java.util.Set;

/** PLACEHOLDER replaced by the planner branch. */
public record PlannerOptions(String targetSchema, Set<String> includeTables) {
    public static PlannerOptions defaults() {
        return new PlannerOptions("public", Set.of());
    }
}
