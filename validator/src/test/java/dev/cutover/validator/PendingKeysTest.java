package dev.cutover.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingKeysTest {
    private final PendingKeys inFlight = PendingKeys.of(Map.of("item", Set.of("{\"id\":1}", "{\"id\":2}", "{\"id\":3}")));

    @Test
    void shouldNotExcuseAKeyWhoseChangeTheErrorLogHoldsAsPending() {
        LoggedKeys logged = new LoggedKeys(Map.of("item", Set.of("{\"id\":1}", "{\"id\":2}")),
                Map.of("item", Set.of("{\"id\":2}")));

        PendingKeys pending = inFlight.exceptBlocking(logged);

        assertThat(pending.contains("item", "{\"id\":1}")).as("logged, not accepted: a difference").isFalse();
        assertThat(pending.contains("item", "{\"id\":2}")).as("logged and accepted: still on its way").isTrue();
        assertThat(pending.contains("item", "{\"id\":3}")).isTrue();
        assertThat(pending.contains("item", "{\"id\":4}")).isFalse();
        assertThat(pending.count("item")).as("the tables' count of changes on their way is unchanged").isEqualTo(3);
    }

    @Test
    void shouldKeepEveryKeyWhenTheErrorLogIsEmpty() {
        PendingKeys pending = inFlight.exceptBlocking(LoggedKeys.NONE);

        assertThat(pending.contains("item", "{\"id\":1}")).isTrue();
        assertThat(pending.contains("other", "{\"id\":1}")).isFalse();
    }
}
