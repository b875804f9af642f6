package dev.cutover.transform.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.NumericDates;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EpochNumbersTest {
    private static final Target TARGET = new Target("col", "timestamp");

    @Test
    void shouldFindTheSameInstantByShortestDigitsAsByExactSearch() {
        SplittableRandom random = new SplittableRandom(42);
        long[] micro = NumericDateRule.fractionSteps(6);
        long[] milli = NumericDateRule.fractionSteps(3);
        for (int i = 0; i < 20_000; i++) {
            double seconds = random.nextLong(-2_000_000_000L, 4_000_000_000L) + random.nextInt(1_000_000) / 1e6;
            double jitter = random.nextBoolean() ? seconds : Math.nextUp(seconds);
            for (long[] steps : new long[][] {micro, milli}) {
                long finest = steps[steps.length - 1];
                assertThat(EpochNumbers.shortestInstant(jitter, NumericDates.EPOCH_SECONDS, finest))
                        .as("seconds %s", jitter)
                        .isEqualTo(EpochNumbers.search(jitter, NumericDates.EPOCH_SECONDS, steps));
                double millis = jitter * 1000;
                assertThat(EpochNumbers.shortestInstant(millis, NumericDates.EPOCH_MILLIS, finest))
                        .as("millis %s", millis)
                        .isEqualTo(EpochNumbers.search(millis, NumericDates.EPOCH_MILLIS, steps));
            }
        }
    }

    @Test
    void shouldReadBackTheIdenticalRealFromEveryExactInstant() {
        SplittableRandom random = new SplittableRandom(5);
        long[] steps = NumericDateRule.fractionSteps(6);
        for (int i = 0; i < 5_000; i++) {
            long millis = random.nextLong(-30_000_000_000_000L, 200_000_000_000_000L);
            double julian = (millis + 210_866_760_000_000L) / 86_400_000.0;  // as SQLite's julianday() computes it
            long micros = EpochNumbers.fromReal(julian, NumericDates.JULIAN_DAY, steps, TARGET);
            assertThat(micros).as("julian %s", julian).isEqualTo(millis * 1000);
        }
    }

    @Test
    void shouldRoundToTheNearestMicrosecondLikeExactArithmetic() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 50_000; i++) {
            double seconds = random.nextDouble(-62_000_000_000.0, 250_000_000_000.0);
            assertThat(EpochNumbers.nearest(seconds, NumericDates.EPOCH_SECONDS, 1))
                    .as("seconds %s", seconds)
                    .isEqualTo(EpochNumbers.nearestExact(seconds, NumericDates.EPOCH_SECONDS, 1));
            double millis = seconds * 1000;
            assertThat(EpochNumbers.nearest(millis, NumericDates.EPOCH_MILLIS, 1))
                    .as("millis %s", millis)
                    .isEqualTo(EpochNumbers.nearestExact(millis, NumericDates.EPOCH_MILLIS, 1));
        }
        assertThat(EpochNumbers.nearest(0.0000005, NumericDates.EPOCH_SECONDS, 1)).isEqualTo(0);
        assertThat(EpochNumbers.nearest(0.0000015, NumericDates.EPOCH_SECONDS, 1)).isEqualTo(2);
        assertThat(EpochNumbers.nearest(-0.0000015, NumericDates.EPOCH_SECONDS, 1)).isEqualTo(-2);
    }

    @Test
    void shouldConvertIntegralJulianDaysToNoon() {
        assertThat(EpochNumbers.fromInteger(2440588, NumericDates.JULIAN_DAY, TARGET))
                .isEqualTo(CivilTime.MICROS_PER_DAY / 2);
    }
}
