package dev.cutover.transform.convert;

import static dev.cutover.schemas.plan.NumericDates.EPOCH_MILLIS;
import static dev.cutover.schemas.plan.NumericDates.EPOCH_SECONDS;
import static dev.cutover.schemas.plan.NumericDates.JULIAN_DAY;
import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DateConverterTest {

    @Test
    void shouldReadDates() {
        String date = "2021-01-01";
        assertThat(convert("date", date)).isSameAs(date);
        assertThat(convert("date", "2024-02-29")).isEqualTo("2024-02-29");
        assertThat(convert("date", " 2021-06-30 ")).isEqualTo("2021-06-30");
        assertThat(convert("date", "1969-12-31")).isEqualTo("1969-12-31");
        assertThat(convert("date", "0001-01-01")).isEqualTo("0001-01-01");
        assertThat(convert("date", "9999-12-31")).isEqualTo("9999-12-31");
    }

    @Test
    void shouldAcceptDateTimesAtMidnightUtc() {
        assertThat(convert("date", "2021-01-01 00:00:00")).isEqualTo("2021-01-01");
        assertThat(convert("date", "2021-01-01T00:00:00.000Z")).isEqualTo("2021-01-01");
        assertThat(convert("date", "2021-01-02T02:00:00+02:00")).isEqualTo("2021-01-02");
    }

    @Test
    void shouldRefuseDateTimesWithATimeOfDay() {
        fails("date", "2021-01-01 10:00:00", "has a time of day other than midnight UTC (2021-01-01 10:00:00 UTC)",
                "the column should be timestamp");
        fails("date", "2021-01-01 00:00:00.001", "has a time of day");
        fails("date", "2021-01-01T00:00:00+02:00", "(2020-12-31 22:00:00 UTC)");
    }

    @Test
    void shouldRefuseInvalidDates() {
        fails("date", "2021-02-30", "has day 30, but February 2021 has 28 days");
        fails("date", "2021-13-01", "has month 13");
        fails("date", "yesterday", "is not a date");
        fails("date", "", "is not a date");
    }

    @Test
    void shouldReadNumbersThatLandOnMidnight() {
        assertThat(convert("date", EPOCH_SECONDS, 1609459200L)).isEqualTo("2021-01-01");
        assertThat(convert("date", EPOCH_SECONDS, -86400L)).isEqualTo("1969-12-31");
        assertThat(convert("date", EPOCH_MILLIS, 1609459200000L)).isEqualTo("2021-01-01");
        assertThat(convert("date", EPOCH_MILLIS, 1609459200000.0)).isEqualTo("2021-01-01");
        assertThat(convert("date", JULIAN_DAY, 2460000.5)).isEqualTo("2023-02-25");
        assertThat(convert("date", EPOCH_SECONDS, 1709164800.0)).isEqualTo("2024-02-29");
    }

    @Test
    void shouldRefuseNumbersThatAreNotMidnight() {
        fails("date", EPOCH_SECONDS, 1700000000L, "is not midnight UTC when read as seconds since 1970-01-01 UTC"
                + " (2023-11-14 22:13:20 UTC)", "targetType to timestamp");
        fails("date", JULIAN_DAY, 2460000L, "is not midnight UTC when read as a Julian day number"
                + " (2023-02-24 12:00:00 UTC)");
        fails("date", EPOCH_SECONDS, 1609459200.5, "is not midnight UTC");
        fails("date", JULIAN_DAY, 2460000.25, "is not midnight UTC");
    }

    @Test
    void shouldRefuseNumbersWithoutNumericDates() {
        fails("date", 1609459200L, "numericDates");
    }
}
