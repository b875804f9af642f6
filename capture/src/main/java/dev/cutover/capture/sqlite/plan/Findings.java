package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;

/** The warnings and blockers planning collects, in the order found. */
final class Findings {
    private final List<String> warnings = new ArrayList<>();
    private final List<String> blockers = new ArrayList<>();

    void warn(String warning) {
        warnings.add(warning);
    }

    void block(String blocker) {
        blockers.add(blocker);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    List<String> blockers() {
        return List.copyOf(blockers);
    }
}
