package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LagTrendTest {
    @Test
    void shouldCountHowLongTheLagHasNotFallen() {
        LagTrend trend = new LagTrend();
        trend.observe(5, 1_000);
        trend.observe(7, 2_000);
        trend.observe(7, 30_000);
        assertThat(trend.notFallingMs(70_000)).isEqualTo(69_000);
    }

    @Test
    void shouldStartOverWhenTheLagFallsOrReachesZero() {
        LagTrend trend = new LagTrend();
        trend.observe(5, 1_000);
        trend.observe(3, 40_000);
        assertThat(trend.notFallingMs(50_000)).isEqualTo(10_000);
        trend.observe(0, 60_000);
        assertThat(trend.notFallingMs(90_000)).isZero();
        trend.observe(2, 95_000);
        assertThat(trend.notFallingMs(100_000)).as("since it was last seen at zero").isEqualTo(40_000);
    }
}
