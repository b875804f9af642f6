package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeConverterTest {

    @Test
    void shouldReadTimesOfDay() {
        String time = "10:20:30";
        assertThat(convert("time", time)).isSameAs(time);
        assertThat(convert("time", "10:20")).isEqualTo("10:20:00");
        assertThat(convert("time", "10:20:30.5")).isEqualTo("10:20:30.5");
        assertThat(convert("time", "10:20:30.123456")).isEqualTo("10:20:30.123456");
        assertThat(convert("time without time zone", " 00:00 ")).isEqualTo("00:00:00");
        assertThat(convert("time", "24:00:00")).isEqualTo("24:00:00");
        assertThat(convert("time(3)", "23:59:59.999")).isEqualTo("23:59:59.999");
    }

    @Test
    void shouldRefuseWhatIsNotAnExactTime() {
        fails("time", "24:00:01", "has hour 24");
        fails("time", "25:00", "has hour 25");
        fails("time", "10:61", "has minute 61");
        fails("time", "10:00:60", "has second 60");
        fails("time", "10", "is not a time of day");
        fails("time", "2021-01-01 10:00:00", "is not a time of day");
        fails("time", "10:00:00Z", "is not a time of day");
        fails("time", "10:00:00 +02:00", "is not a time of day");
        fails("time(0)", "10:00:00.5", "keeps 0");
        fails("time", "10:00:00.1234567", "keeps 6");
    }

    @Test
    void shouldRefuseNumbers() {
        fails("time", 36000L, "is a number, which cannot become time");
        fails("time", 0.5, "is a number");
    }
}
