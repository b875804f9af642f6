package dev.cutover.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Where a run's wall time went, phase by phase, for the summary: each phase lasts from the end of the one before it
 * (or the start) until {@link #end} names it. Not thread-safe: the run's main thread keeps it.
 */
final class Phases {
    /** A finished phase and how long it took. */
    record Phase(String name, double seconds) {
    }

    private final LongSupplier clockNanos;
    private final List<Phase> done = new ArrayList<>();
    private long last;

    Phases(LongSupplier clockNanos) {
        this.clockNanos = clockNanos;
        this.last = clockNanos.getAsLong();
    }

    /** Ends the current phase under {@code name}; the next one starts now. */
    void end(String name) {
        long now = clockNanos.getAsLong();
        done.add(new Phase(name, (now - last) / 1e9));
        last = now;
    }

    List<Phase> done() {
        return List.copyOf(done);
    }

    /** The phases as the summary prints them, e.g. {@code plan 3.3 s, snapshot 14.0 s}. */
    static String format(List<Phase> phases) {
        return phases.stream().map(p -> String.format("%s %.1f s", p.name(), p.seconds()))
                .collect(Collectors.joining(", "));
    }
}
