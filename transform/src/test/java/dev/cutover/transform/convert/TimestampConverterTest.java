package dev.cutover.transform.convert;

import static dev.cutover.schemas.plan.NumericDates.EPOCH_MILLIS;
import static dev.cutover.schemas.plan.NumericDates.EPOCH_SECONDS;
import static dev.cutover.schemas.plan.NumericDates.JULIAN_DAY;
import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampConverterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2021-01-01 00:00:00          | 2021-01-01 00:00:00",
        "2021-01-01                   | 2021-01-01 00:00:00",
        "2021-01-01 10:20             | 2021-01-01 10:20:00",
        "2021-01-01T10:20:30          | 2021-01-01 10:20:30",
        "2021-03-04T05:06:07Z         | 2021-03-04 05:06:07",
        "2021-03-04t05:06:07z         | 2021-03-04 05:06:07",
        "2021-03-04T05:06:07.123Z     | 2021-03-04 05:06:07.123",
        "2021-03-04T05:06:07.120Z     | 2021-03-04 05:06:07.12",
        "2021-03-04 05:06:07.123456   | 2021-03-04 05:06:07.123456",
        "2021-03-04 05:06:07.123456000| 2021-03-04 05:06:07.123456",
        "2021-03-04T05:06:07+02:00    | 2021-03-04 03:06:07",
        "2021-03-04T05:06:07+0200     | 2021-03-04 03:06:07",
        "2021-03-04T05:06:07+02       | 2021-03-04 03:06:07",
        "2021-03-04T05:06:07-05:30    | 2021-03-04 10:36:07",
        "2021-03-04 05:06:07 +02:00   | 2021-03-04 03:06:07",
        "2021-03-04 05:06:07 Z        | 2021-03-04 05:06:07",
        "2021-03-04T05:06Z            | 2021-03-04 05:06:00",
        "2021-01-01T01:00:00+02:00    | 2020-12-31 23:00:00",
        "2020-12-31T23:30:00-01:00    | 2021-01-01 00:30:00",
        "2024-02-29 12:00:00          | 2024-02-29 12:00:00",
        "2000-02-29 00:00:00          | 2000-02-29 00:00:00",
        "1969-07-20 20:17:40          | 1969-07-20 20:17:40",
        "0001-01-01 00:00:00          | 0001-01-01 00:00:00",
        "9999-12-31 23:59:59.999999   | 9999-12-31 23:59:59.999999",
    })
    void shouldReadDateTimeTextAsUtcWallTime(String text, String expected) {
        assertThat(convert("timestamp", text)).isEqualTo(expected);
        assertThat(convert("timestamp with time zone", text)).isEqualTo(expected + "+00");
    }

    @Test
    void shouldReturnCanonicalTextItself() {
        String chinook = "2021-01-01 00:00:00";
        assertThat(convert("timestamp", chinook)).isSameAs(chinook);
        String withFraction = "2021-01-01 00:00:00.5";
        assertThat(convert("timestamp", withFraction)).isSameAs(withFraction);
        assertThat(convert("timestamp", "2021-01-01 00:00:00.50")).isEqualTo(withFraction);
    }

    @Test
    void shouldIgnoreSurroundingWhitespace() {
        assertThat(convert("timestamp", " 2021-01-01 10:00:00\t")).isEqualTo("2021-01-01 10:00:00");
        assertThat(convert("timestamp", "2021-01-01 10:00 ")).isEqualTo("2021-01-01 10:00:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp", "timestamp(6)", "timestamp without time zone", "TIMESTAMP(3) WITHOUT TIME ZONE",
        "timestamptz", "timestamp(0) with time zone", "timestamptz(3)"})
    void shouldReadEveryTimestampSpelling(String type) {
        String expected = type.toLowerCase().contains("tz") || type.toLowerCase().contains("with time zone")
                ? "2021-01-01 00:00:00+00" : "2021-01-01 00:00:00";
        assertThat(convert(type, "2021-01-01T00:00:00Z")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2021-13-01 00:00:00 | has month 13",
        "2021-00-10          | has month 0",
        "2021-02-30          | has day 30, but February 2021 has 28 days",
        "2023-02-29          | has day 29, but February 2023 has 28 days",
        "1900-02-29          | has day 29, but February 1900 has 28 days",
        "2021-04-31 10:00    | has day 31, but April 2021 has 30 days",
        "2021-01-01 25:00    | has hour 25",
        "2021-01-01 24:00:00 | has hour 24, which PostgreSQL would move to the next day",
        "2021-01-01 10:60    | has minute 60",
        "2021-01-01 23:59:60 | has second 60 (a leap second)",
        "0000-01-01          | has year 0000",
        "not a date          | is not a date or date-time",
        "2021/01/01          | is not a date or date-time",
        "01/02/2021          | is not a date or date-time",
        "2021-1-1            | is not a date or date-time",
        "2021-01-01X10:00    | is not a date or date-time",
        "2021-01-01 10       | is not a date or date-time",
        "2021-01-01 10:00:00Q| is not a date or date-time",
        "2021-01-01 10:00:00+2:00 | has an offset",
        "2021-01-01 10:00:00+25:00 | has an offset",
        "2021-01-01 10:00:00.| has no digits after the decimal point",
        "2021-01-01 10:00:00.1234567891 | has 10 digits after the decimal point",
        "2021-01-01 10:00:00.1234567 | has 7 digits after the decimal point of the seconds, but timestamp keeps 6",
        "1700000000          | is not a date or date-time",
        "0001-01-01 00:30:00+01:00 | lies outside years 0001–9999",
    })
    void shouldRefuseTextThatIsNotAnExactTimestamp(String text, String why) {
        fails("timestamp", text, why, "targetType to", "text", "in plan.json");
    }

    @Test
    void shouldRefuseMoreFractionDigitsThanTheColumnKeeps() {
        assertThat(convert("timestamp(3)", "2021-01-01 10:00:00.123000")).isEqualTo("2021-01-01 10:00:00.123");
        fails("timestamp(3)", "2021-01-01 10:00:00.1234", "has 4 digits after the decimal point of the seconds, but"
                + " timestamp(3) keeps 3, so PostgreSQL would round it");
        fails("timestamp(0)", "2021-01-01 10:00:00.5", "keeps 0");
        assertThat(convert("timestamp(0)", "2021-01-01 10:00:00.000")).isEqualTo("2021-01-01 10:00:00");
    }

    @Test
    void shouldReadEpochSecondsIntegers() {
        assertThat(convert("timestamp", EPOCH_SECONDS, 1700000000L)).isEqualTo("2023-11-14 22:13:20");
        assertThat(convert("timestamp", EPOCH_SECONDS, 0L)).isEqualTo("1970-01-01 00:00:00");
        assertThat(convert("timestamp", EPOCH_SECONDS, -1L)).isEqualTo("1969-12-31 23:59:59");
        assertThat(convert("timestamp", EPOCH_SECONDS, -14182940L)).isEqualTo("1969-07-20 20:17:40");
        assertThat(convert("timestamptz", EPOCH_SECONDS, 1700000000L)).isEqualTo("2023-11-14 22:13:20+00");
        assertThat(convert("timestamp", EPOCH_SECONDS, -62135596800L)).isEqualTo("0001-01-01 00:00:00");
        assertThat(convert("timestamp", EPOCH_SECONDS, 253402300799L)).isEqualTo("9999-12-31 23:59:59");
    }

    @Test
    void shouldReadPrismaEpochMillis() {
        assertThat(convert("timestamp(3)", EPOCH_MILLIS, 1700000000123L)).isEqualTo("2023-11-14 22:13:20.123");
        assertThat(convert("timestamp", EPOCH_MILLIS, 1700000000123L)).isEqualTo("2023-11-14 22:13:20.123");
        assertThat(convert("timestamp", EPOCH_MILLIS, -1L)).isEqualTo("1969-12-31 23:59:59.999");
        fails("timestamp(0)", EPOCH_MILLIS, 1700000000123L, "read as milliseconds since 1970-01-01 UTC is more precise"
                + " than timestamp(0) keeps");
        assertThat(convert("timestamp(0)", EPOCH_MILLIS, 1700000000000L)).isEqualTo("2023-11-14 22:13:20");
    }

    @Test
    void shouldReadRealEpochSecondsToTheirShortestInstant() {
        assertThat(convert("timestamp", EPOCH_SECONDS, 1700000000.123)).isEqualTo("2023-11-14 22:13:20.123");
        assertThat(convert("timestamp(3)", EPOCH_SECONDS, 1700000000.123)).isEqualTo("2023-11-14 22:13:20.123");
        assertThat(convert("timestamp", EPOCH_SECONDS, 1700000000.0)).isEqualTo("2023-11-14 22:13:20");
        assertThat(convert("timestamp", EPOCH_SECONDS, -0.5)).isEqualTo("1969-12-31 23:59:59.5");
        assertThat(convert("timestamp", EPOCH_MILLIS, 1700000000123.5)).isEqualTo("2023-11-14 22:13:20.1235");
    }

    @Test
    void shouldRoundRealDigitsBeyondTheFifteenthOnlyToTheColumnsMicroseconds() {
        // Python's time.time(): the 16th and 17th digits are below what a double carries reliably.
        assertThat(convert("timestamp", EPOCH_SECONDS, 1700000000.1234567)).isEqualTo("2023-11-14 22:13:20.123457");
        fails("timestamp(3)", EPOCH_SECONDS, 1700000000.1234567, "is more precise than timestamp(3) keeps");
        // Near 1970 a REAL holds sub-microsecond digits reliably: they are real, so they fail.
        fails("timestamp", EPOCH_SECONDS, 86400.1234567, "is more precise than timestamp keeps");
    }

    @Test
    void shouldReadJulianDays() {
        assertThat(convert("timestamp", JULIAN_DAY, 2460000.5)).isEqualTo("2023-02-25 00:00:00");
        assertThat(convert("timestamp", JULIAN_DAY, 2460000L)).isEqualTo("2023-02-24 12:00:00");
        assertThat(convert("timestamp", JULIAN_DAY, 2440587.5)).isEqualTo("1970-01-01 00:00:00");
        // julianday('2021-01-01 12:34:56.789') in SQLite
        assertThat(convert("timestamp", JULIAN_DAY, 2459216.024268391)).isEqualTo("2021-01-01 12:34:56.789");
        assertThat(convert("timestamp(3)", JULIAN_DAY, 2459216.024268391)).isEqualTo("2021-01-01 12:34:56.789");
        // julianday('2024-02-29 23:59:59.999') and julianday('1969-07-20 20:17:40')
        assertThat(convert("timestamp", JULIAN_DAY, 2460370.4999999884)).isEqualTo("2024-02-29 23:59:59.999");
        assertThat(convert("timestamp", JULIAN_DAY, 2440423.345601852)).isEqualTo("1969-07-20 20:17:40");
    }

    @Test
    void shouldRefuseNumbersWithoutNumericDates() {
        fails("timestamp", 1700000000L, "the plan does not say how numbers in this column are read",
                "numericDates to EPOCH_SECONDS, EPOCH_MILLIS or JULIAN_DAY in plan.json");
        fails("timestamptz", 1.5, "numericDates");
    }

    @Test
    void shouldRefuseNumbersOutsideYearsOneToNineThousand() {
        fails("timestamp", EPOCH_SECONDS, 253402300800L, "lies outside years 0001–9999 when read as seconds",
                "numericDates EPOCH_SECONDS");
        fails("timestamp", EPOCH_SECONDS, -62135596801L, "outside years");
        fails("timestamp", EPOCH_SECONDS, Long.MAX_VALUE, "outside years");
        fails("timestamp", EPOCH_MILLIS, Long.MIN_VALUE, "outside years");
        fails("timestamp", JULIAN_DAY, Long.MAX_VALUE, "outside years");
        fails("timestamp", EPOCH_SECONDS, 1700000000123L, "outside years", "set its numericDates in plan.json");
        fails("timestamp", EPOCH_SECONDS, 1e300, "outside years");
        fails("timestamp", JULIAN_DAY, 0.0, "outside years");
    }

    @Test
    void shouldRefuseInfiniteReals() {
        fails("timestamp", EPOCH_SECONDS, Double.POSITIVE_INFINITY, "is not a finite number");
        fails("timestamp", EPOCH_MILLIS, Double.NEGATIVE_INFINITY, "is not a finite number");
    }

    @Test
    void shouldRefuseBlobs() {
        fails("timestamp", Values.blob(1), "is a BLOB");
        fails("timestamp", Values.invalidText(0xff), "not valid UTF-8");
    }
}
