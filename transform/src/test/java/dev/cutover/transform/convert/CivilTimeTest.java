package dev.cutover.transform.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CivilTimeTest {

    @Test
    void shouldAgreeWithJavaTimeOnEveryDayOfYearsOneToNineThousand() {
        for (LocalDate d = LocalDate.of(1, 1, 1); d.getYear() < 10000; d = d.plusDays(1)) {
            long day = CivilTime.daysFromCivil(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            assertThat(day).isEqualTo(d.toEpochDay());
            if (d.getDayOfMonth() == 1 || d.getDayOfMonth() >= 28) {
                assertThat(CivilTime.formatDate(day)).isEqualTo(d.toString());
                assertThat(CivilTime.daysInMonth(d.getYear(), d.getMonthValue())).isEqualTo(d.lengthOfMonth());
            }
        }
    }

    @Test
    void shouldFormatTimestampsLikeJavaTime() {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 100_000; i++) {
            long micros = random.nextLong(CivilTime.MIN_MICROS, CivilTime.MAX_MICROS + 1);
            long seconds = Math.floorDiv(micros, CivilTime.MICROS_PER_SECOND);
            int fraction = (int) Math.floorMod(micros, CivilTime.MICROS_PER_SECOND);
            String expected = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).format(format)
                    + (fraction == 0 ? "" : ("." + String.format("%06d", fraction)).replaceAll("0+$", ""));
            assertThat(CivilTime.formatTimestamp(micros, false)).isEqualTo(expected);
        }
    }

    @Test
    void shouldBoundYearsOneToNineThousand() {
        assertThat(CivilTime.formatTimestamp(CivilTime.MIN_MICROS, true)).isEqualTo("0001-01-01 00:00:00+00");
        assertThat(CivilTime.formatTimestamp(CivilTime.MAX_MICROS, false)).isEqualTo("9999-12-31 23:59:59.999999");
        assertThat(CivilTime.formatTime(CivilTime.MICROS_PER_DAY)).isEqualTo("24:00:00");
    }
}
