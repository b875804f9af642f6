package dev.cutover.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.NumericDates;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueEqualityTest {

    private static boolean eq(Object source, Object target, String type) {
        return ValueEquality.equal(source, target, type, null);
    }

    private static boolean eq(Object source, Object target, String type, NumericDates dates) {
        return ValueEquality.equal(source, target, type, dates);
    }

    @Test
    void shouldCompareIntegersByValue() {
        assertThat(eq(7L, 7, "integer")).isTrue();
        assertThat(eq(Long.MAX_VALUE, Long.MAX_VALUE, "bigint")).isTrue();
        assertThat(eq(3.0, 3L, "bigint")).isTrue();
        assertThat(eq(7L, 8L, "bigint")).isFalse();
        assertThat(eq("12", 12L, "int8")).isTrue();
    }

    @Test
    void shouldCompareFloatsBitForBitSoLostPrecisionShows() {
        assertThat(eq(0.1 + 0.2, 0.1 + 0.2, "double precision")).isTrue();
        assertThat(eq(0.1 + 0.2, 0.3, "double precision")).isFalse();
        assertThat(eq(1.1, (double) (float) 1.1, "double precision")).isFalse();
        assertThat(eq(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "float8")).isTrue();
    }

    @Test
    void shouldCompareNumericsAgainstTheDoubleSqliteStored() {
        assertThat(eq(1.98, new BigDecimal("1.98"), "numeric(10,2)")).isTrue();
        assertThat(eq(1.98, new BigDecimal("1.99"), "numeric(10,2)")).isFalse();
        assertThat(eq(5L, new BigDecimal("5.00"), "numeric")).isTrue();
        assertThat(eq("12.50", new BigDecimal("12.5"), "numeric")).isTrue();
    }

    /** The transformer stores a REAL with float noise rounded to numeric(p,s)'s scale: that is equal, not different. */
    @Test
    void shouldFindARealEqualToItselfRoundedFromFloatNoise() {
        assertThat(eq(0.84 + 1.0, new BigDecimal("1.84"), "numeric(12,2)")).isTrue();
        assertThat(eq(-0.84 - 1.0, new BigDecimal("-1.84"), "decimal(12, 2)")).isTrue();
        assertThat(eq(4.35 * 100, new BigDecimal("435"), "numeric(5)")).isTrue();
        assertThat(eq(0.84 + 1.0, new BigDecimal("1.84"), "numeric")).as("unconstrained keeps every digit").isFalse();
        assertThat(eq(0.84 + 1.0, new BigDecimal("1.8"), "numeric(12,1)")).as("not noise at scale 1").isFalse();
        assertThat(eq(1.005, new BigDecimal("1.01"), "numeric(12,2)")).as("1.005 is not noise").isFalse();
        assertThat(eq(1.005, new BigDecimal("1.00"), "numeric(12,2)")).isFalse();
    }

    @Test
    void shouldCompareZeroAndOneWithBooleans() {
        assertThat(eq(1L, true, "boolean")).isTrue();
        assertThat(eq(0L, false, "boolean")).isTrue();
        assertThat(eq(1L, false, "boolean")).isFalse();
        assertThat(eq("t", true, "bool")).isTrue();
    }

    @Test
    void shouldReadDatesInEverySourceEncoding() {
        LocalDateTime expected = LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_000_000);

        assertThat(eq("2023-11-14 22:13:20.123", expected, "timestamp")).isTrue();
        assertThat(eq("2023-11-14T22:13:20.123Z", expected, "timestamp")).isTrue();
        assertThat(eq("2023-11-15T00:13:20.123+02:00", expected, "timestamp")).isTrue();
        assertThat(eq(1700000000123L, expected, "timestamp(3)", NumericDates.EPOCH_MILLIS)).isTrue();
        assertThat(eq(1700000000.123, expected, "timestamp", NumericDates.EPOCH_SECONDS)).isTrue();
        assertThat(eq(1700000000L, expected.withNano(0), "timestamp", NumericDates.EPOCH_SECONDS)).isTrue();
        assertThat(eq(2440587.5, LocalDateTime.of(1970, 1, 1, 0, 0), "timestamp", NumericDates.JULIAN_DAY)).isTrue();
        assertThat(eq("2016-07-04", LocalDate.of(2016, 7, 4), "date")).isTrue();
        assertThat(eq("2016-07-04 00:00:00", LocalDate.of(2016, 7, 4), "date")).isTrue();
    }

    @Test
    void shouldSeeADateShiftedByAnHour() {
        assertThat(eq("2021-01-01 00:00:00", LocalDateTime.of(2021, 1, 1, 1, 0), "timestamp")).isFalse();
        assertThat(eq("2021-01-01 00:00:00",
                OffsetDateTime.of(2021, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1)), "timestamptz")).isFalse();
        assertThat(eq("2021-01-01 00:00:00",
                OffsetDateTime.of(2021, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1)), "timestamptz")).isTrue();
    }

    @Test
    void shouldCompareJsonByValueAsJsonbStoresIt() {
        assertThat(eq("{\"b\": 1, \"a\": [1, 2.50]}", "{\"a\": [1, 2.5], \"b\": 1}", "jsonb")).isTrue();
        assertThat(eq("{\"a\": 1}", "{\"a\": 2}", "jsonb")).isFalse();
        assertThat(eq("{\"a\": 1}", "{\"a\": 1, \"b\": null}", "jsonb")).isFalse();
    }

    @Test
    void shouldCompareBytesAndTextExactly() {
        assertThat(eq(ByteBuffer.wrap(new byte[] {1, 2}), new byte[] {1, 2}, "bytea")).isTrue();
        assertThat(eq(new byte[] {1, 2}, new byte[] {1, 3}, "bytea")).isFalse();
        assertThat(eq("naïve", "naïve", "text")).isTrue();
        assertThat(eq("naïve ", "naïve", "varchar(10)")).isFalse();
        assertThat(eq(5L, "5", "text")).isTrue();
    }

    @Test
    void shouldCompareUuidsWhateverTheirSpelling() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(eq("{123E4567-E89B-12D3-A456-426614174000}", id, "uuid")).isTrue();
    }

    @Test
    void shouldTreatNullOnlyAsEqualToNull() {
        assertThat(eq(null, null, "text")).isTrue();
        assertThat(eq(null, "", "text")).isFalse();
        assertThat(eq("", null, "text")).isFalse();
    }

    @Test
    void shouldNormalizeTypeNames() {
        assertThat(TargetValues.baseType("numeric(10,2)")).isEqualTo("numeric");
        assertThat(TargetValues.baseType("timestamp(3) without time zone")).isEqualTo("timestamp");
        assertThat(TargetValues.baseType("TIMESTAMPTZ")).isEqualTo("timestamp with time zone");
        assertThat(TargetValues.baseType("character varying(20)")).isEqualTo("character varying");
    }
}
