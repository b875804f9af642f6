package dev.cutover.schemas.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumericDatesTest {

    @Test
    void shouldReadLargeIntegersAsMilliseconds() {
        assertThat(NumericDates.of(integers(1_600_000_000_000L, 1_700_000_000_000L))).isEqualTo(NumericDates.EPOCH_MILLIS);
        assertThat(NumericDates.of(integers(-200_000_000_000L, 0))).isEqualTo(NumericDates.EPOCH_MILLIS);
    }

    @Test
    void shouldReadSmallerIntegersAsSeconds() {
        assertThat(NumericDates.of(integers(0, 1_700_000_000L))).isEqualTo(NumericDates.EPOCH_SECONDS);
        assertThat(NumericDates.of(integers(0, 99_999_999_999L))).isEqualTo(NumericDates.EPOCH_SECONDS);
    }

    @Test
    void shouldReadRealsBetweenAMillionAndTenMillionAsJulianDays() {
        assertThat(NumericDates.of(reals(2_451_545.0, 2_460_000.5))).isEqualTo(NumericDates.JULIAN_DAY);
        assertThat(NumericDates.of(reals(1_700_000_000.5, 1_700_000_001.5))).isEqualTo(NumericDates.EPOCH_SECONDS);
        assertThat(NumericDates.of(reals(999_999.0, 2_451_545.0))).isEqualTo(NumericDates.EPOCH_SECONDS);
    }

    @Test
    void shouldReadFutureNumbersAsSecondsWhenThereAreNone() {
        assertThat(NumericDates.of(new ValueProfile(1, 0, 0, 3, 0, null, null, 10L, 0))).isEqualTo(NumericDates.EPOCH_SECONDS);
        assertThat(NumericDates.of(null)).isEqualTo(NumericDates.EPOCH_SECONDS);
    }

    private static ValueProfile integers(long min, long max) {
        return new ValueProfile(0, 2, 0, 0, 0, min, max, null, 0);
    }

    private static ValueProfile reals(double min, double max) {
        return new ValueProfile(0, 0, 2, 0, 0, null, null, null, 0, min, max);
    }
}
