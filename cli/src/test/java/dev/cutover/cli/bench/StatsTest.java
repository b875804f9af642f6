package dev.cutover.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void shouldTakeTheMiddleOfAnOddNumberOfRunsWhateverTheirOrder() {
        assertThat(Stats.median(List.of(21.4, 17.2, 18.0), Double::doubleValue)).isEqualTo(18.0);
        assertThat(Stats.median(List.of(5.0), Double::doubleValue)).isEqualTo(5.0);
    }

    @Test
    void shouldAverageTheTwoMiddleRunsOfAnEvenNumber() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 100.0), Double::doubleValue)).isEqualTo(3.5);
    }

    @Test
    void shouldMeasureTheItemsItIsGiven() {
        record Run(String name, double seconds) {
        }

        assertThat(Stats.median(List.of(new Run("a", 9), new Run("b", 7), new Run("c", 8)), Run::seconds)).isEqualTo(8.0);
    }

    @Test
    void shouldRefuseToSummarizeNothing() {
        assertThatThrownBy(() -> Stats.median(List.<Double>of(), Double::doubleValue))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no measurements");
    }
}
