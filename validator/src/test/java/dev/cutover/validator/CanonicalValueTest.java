package dev.cutover.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.NumericDates;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalValueTest {
    private static final LocalDateTime AT = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
    private static final UUID ID = UUID.fromString("6f1c2a4e-0b7d-4e3a-9c55-1d2e3f405162");

    @Test
    void shouldGiveEqualIntegersTheSameForm() {
        same(5L, 5L, "bigint", null);
        same(5L, 5, "integer", null);
        same(5L, (short) 5, "smallint", null);
        same("12", 12L, "int8", null);
        same(3.0, 3L, "bigint", null);
        same(Long.MAX_VALUE, Long.MAX_VALUE, "bigint", null);
    }

    @Test
    void shouldGiveEqualFloatsTheSameForm() {
        same(0.1 + 0.2, 0.1 + 0.2, "double precision", null);
        same(1L, 1.0, "float8", null);
        same("2.5", 2.5, "double precision", null);
        same(0.1, 0.1f, "real", null);
        same(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "double precision", null);
    }

    @Test
    void shouldGiveEqualDecimalsTheSameForm() {
        same("1.50", new BigDecimal("1.5"), "numeric(10,2)", null);
        same(1.98, new BigDecimal("1.98"), "numeric(10,2)", null);
        same(5L, new BigDecimal("5.00"), "numeric", null);
        same(0.0, new BigDecimal("0.00"), "decimal", null);
        same(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "numeric", null);
        same(0.84 + 1.0, new BigDecimal("1.84"), "numeric(12,2)", null);
        same(-0.84 - 1.0, new BigDecimal("-1.84"), "numeric(12,2)", null);
    }

    @Test
    void shouldGiveEqualBooleansTheSameForm() {
        same(1L, true, "boolean", null);
        same(0L, false, "bool", null);
        same("false", false, "boolean", null);
        same(" Yes ", true, "boolean", null);
        same(1.0, true, "boolean", null);
    }

    @Test
    void shouldGiveEqualDatesInEverySourceEncodingTheSameForm() {
        same("2024-01-02 03:04:05", AT, "timestamp", null);
        same("2024-01-02T03:04:05", AT, "timestamp(3)", null);
        same("2024-01-02T05:04:05+02:00", AT, "timestamp", null);
        same(1_704_164_645_000L, AT, "timestamp", NumericDates.EPOCH_MILLIS);
        same(1_704_164_645L, AT, "timestamp", NumericDates.EPOCH_SECONDS);
        same(2_460_311.625, LocalDateTime.of(2024, 1, 2, 3, 0), "timestamp", NumericDates.JULIAN_DAY);
        same("2024-01-02T05:04:05+02:00", AT.atOffset(ZoneOffset.UTC), "timestamp with time zone", null);
        same("2024-01-02 03:04:05", AT.atOffset(ZoneOffset.ofHours(-3)).plusHours(-3), "timestamptz", null);
        same("2024-01-02", LocalDate.of(2024, 1, 2), "date", null);
        same("2024-01-02 00:00:00", LocalDate.of(2024, 1, 2), "date", null);
        same("03:04:05", LocalTime.of(3, 4, 5), "time", null);
    }

    @Test
    void shouldGiveEqualJsonInAnyKeyOrderTheSameForm() {
        same("{\"b\": 1.0, \"a\": [1, \"x\"]}", "{\"a\": [1, \"x\"], \"b\": 1}", "jsonb", null);
        same("{\"n\": {\"z\": null, \"y\": true}}", "{\"n\": {\"y\": true, \"z\": null}}", "json", null);
        same("[1e2]", "[100]", "jsonb", null);
    }

    @Test
    void shouldGiveEqualBytesUuidsAndTextTheSameForm() {
        same(new byte[] {1, 2}, new byte[] {1, 2}, "bytea", null);
        same("abc", "abc".getBytes(StandardCharsets.UTF_8), "bytea", null);
        same("{" + ID.toString().toUpperCase() + "}", ID, "uuid", null);
        same("héllo 😀", "héllo 😀", "text", null);
        same(42L, "42", "varchar(10)", null);
        same(1.5, "1.5", "text", null);
        same(null, null, "text", null);
        same(null, null, "bigint", null);
    }

    @Test
    void shouldGiveDifferentValuesDifferentForms() {
        differ(5L, 6L, "bigint");
        differ(2.5, 3L, "bigint");
        differ(2.857142857142857, (double) (float) 2.857142857142857, "double precision");
        differ(0.1, 0.2f, "real");
        differ(1.98, new BigDecimal("1.99"), "numeric(10,2)");
        differ("2024-01-02 03:04:05", AT.plusHours(1), "timestamp");
        differ(2L, true, "boolean");
        differ(1L, false, "boolean");
        differ("a", "b", "text");
        differ(null, "", "text");
        differ("", null, "text");
        differ("not json", "{}", "jsonb");
        differ("{\"a\": 1}", "{\"a\": \"1\"}", "jsonb");
        differ(new byte[] {1}, "x", "text");
    }

    @Test
    void shouldNeverMatchAValueWithoutCanonicalForm() {
        assertThat(CanonicalValue.source("yesterday", "timestamp", null)).isEqualTo("!s");
        assertThat(CanonicalValue.target("yesterday", "timestamp")).isEqualTo("!t");
        assertThat(CanonicalValue.source("soon", "date", null))
                .isNotEqualTo(CanonicalValue.target(LocalDate.of(2024, 1, 2), "date"));
    }

    /**
     * The checksum fast path is only sound if the same canonical text implies equality: over every pair of a set of
     * source and target values per type, equal texts must mean {@link ValueEquality} finds the values equal.
     */
    @Test
    void shouldOnlyGiveTheSameFormToValuesValueEqualityFindsEqual() {
        assertConsistent("bigint", List.of(1L, 2L, 1.0, 1.5, "1", "1.0", "x", 9_007_199_254_740_993L),
                List.of(1L, 2L, 9_007_199_254_740_992L, 9_007_199_254_740_993L));
        assertConsistent("double precision", List.of(0.1, 0.1 + 0.2, 1L, "0.1", (double) (float) 0.1, -0.0, 0.0),
                List.of(0.1, 0.3, 1.0, (double) (float) 0.1, 0.0, -0.0, 0.1f));
        assertConsistent("real", List.of(0.1, 0.10000001, 1L, "0.1"), List.of(0.1f, 1.0f, 0.1, 0.2f));
        assertConsistent("numeric", List.of(0.1, 1L, "1.00", "0.1", "abc", Double.POSITIVE_INFINITY),
                List.of(new BigDecimal("0.1"), new BigDecimal("1"), new BigDecimal("0.1000000000000000055511151231257827"),
                        Double.POSITIVE_INFINITY));
        assertConsistent("numeric(12,2)", List.of(0.84 + 1.0, 1.84, 1.005, 0.125, "1.84", 1L, -0.84 - 1.0),
                List.of(new BigDecimal("1.84"), new BigDecimal("1.00"), new BigDecimal("1.01"), new BigDecimal("0.13"),
                        new BigDecimal("-1.84"), new BigDecimal("1.8399999999999999")));
        assertConsistent("boolean", List.of(0L, 1L, 2L, "t", "no", "maybe"), List.of(true, false));
        assertConsistent("timestamp", List.of("2024-01-02 03:04:05", "2024-01-02T03:04:05Z", 1_704_164_645L, "x"),
                List.of(AT, AT.plusSeconds(1)));
        assertConsistent("jsonb", List.of("{\"a\":1}", "{\"a\":1.0}", "{\"a\":\"1\"}", "[1,2]", "[2,1]", "nope"),
                List.of("{\"a\": 1}", "{\"a\": \"1\"}", "[1, 2]"));
        assertConsistent("text", List.of("1", 1L, 1.0, "1.0", "a"), List.of("1", "1.0", "a", "A"));
    }

    private static void assertConsistent(String type, List<Object> sources, List<Object> targets) {
        List<String> wrong = new ArrayList<>();
        for (Object source : sources) {
            for (Object target : targets) {
                boolean sameText = CanonicalValue.source(source, type, null).equals(CanonicalValue.target(target, type));
                if (sameText && !ValueEquality.equal(source, target, type, null)) {
                    wrong.add(show(source) + " ~ " + show(target));
                }
            }
        }
        assertThat(wrong).as("same canonical text but not equal, as %s", type).isEmpty();
    }

    private static String show(Object value) {
        return value instanceof byte[] bytes ? Arrays.toString(bytes) : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static void same(Object source, Object target, String type, NumericDates dates) {
        assertThat(ValueEquality.equal(source, target, type, dates)).as("precondition: equal as %s", type).isTrue();
        assertThat(CanonicalValue.source(source, type, dates)).as("%s vs %s as %s", source, target, type)
                .isEqualTo(CanonicalValue.target(target, type));
    }

    private static void differ(Object source, Object target, String type) {
        assertThat(CanonicalValue.source(source, type, null)).as("%s vs %s as %s", source, target, type)
                .isNotEqualTo(CanonicalValue.target(target, type));
    }
}
