package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PhasesTest {
    @Test
    void shouldTimeEachPhaseFromTheEndOfTheOneBefore() {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        Phases phases = new Phases(clock::get);
        clock.addAndGet(3_340_000_000L);
        phases.end("plan");
        phases.end("drain");
        clock.addAndGet(14_060_000_000L);
        phases.end("snapshot");

        assertThat(phases.done()).containsExactly(new Phases.Phase("plan", 3.34), new Phases.Phase("drain", 0.0),
                new Phases.Phase("snapshot", 14.06));
        assertThat(Phases.format(phases.done())).isEqualTo("plan 3.3 s, drain 0.0 s, snapshot 14.1 s");
    }
}
