package dev.cutover.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.engine.DebeziumEngine;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EngineStopTest {

    /** An engine that refuses to stop while its tasks start, the way Debezium's does, for a number of attempts. */
    private static final class StartingEngine implements DebeziumEngine<Object> {
        private int refusals;
        private int attempts;
        private boolean closed;

        StartingEngine(int refusals) {
            this.refusals = refusals;
        }

        @Override
        public void run() {
        }

        @Override
        public void close() throws IOException {
            attempts++;
            if (refusals-- > 0) {
                throw new IllegalStateException("Cannot stop engine while tasks are starting");
            }
            closed = true;
        }
    }

    @Test
    void shouldAskAgainUntilTheTasksHaveStarted() throws InterruptedException {
        StartingEngine engine = new StartingEngine(3);
        assertThat(EngineStop.stop(engine, Duration.ofSeconds(10), LoggerFactory.getLogger(getClass()), "test"))
                .isTrue();
        assertThat(engine.closed).isTrue();
        assertThat(engine.attempts).isEqualTo(4);
    }

    @Test
    void shouldGiveUpAfterItsPatience() throws InterruptedException {
        StartingEngine engine = new StartingEngine(Integer.MAX_VALUE);
        assertThat(EngineStop.stop(engine, Duration.ofMillis(250), LoggerFactory.getLogger(getClass()), "test"))
                .isFalse();
        assertThat(engine.closed).isFalse();
        assertThat(engine.attempts).isGreaterThan(1);
    }
}
