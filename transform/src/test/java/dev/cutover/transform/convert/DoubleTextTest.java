package dev.cutover.transform.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DoubleTextTest {

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1",
        "0.30000000000000004, 0.30000000000000004",
        "1e-7, 1.0e-07",
        "4.9e-324, 5.0e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "9007199254740993, 9.007199254740992e+15",
        "3, 3.0",
        "-2.5, -2.5",
        "100, 100.0",
        "123456789012345, 123456789012345.0",
        "1e15, 1.0e+15",
        "1e16, 1.0e+16",
        "0.000123, 0.000123",
        "0.0000123, 1.23e-05",
        "2e-5, 2.0e-05",
        "1700000000.123, 1700000000.123",
        "0.99, 0.99",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "1e23, 1.0e+23",
        "2e23, 2.0e+23",
        "5e-324, 5.0e-324",
    })
    void shouldWriteShortestDigitsInSqliteLayout(double value, String expected) {
        assertThat(DoubleText.sqlite(value)).isEqualTo(expected);
        assertThat(Double.parseDouble(expected)).isEqualTo(value);
    }

    @Test
    void shouldSumToTheFamousBinaryValue() {
        assertThat(DoubleText.sqlite(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    @Test
    void shouldKeepNegativeZeroAndSpellInfinities() {
        assertThat(DoubleText.sqlite(-0.0)).isEqualTo("-0.0");
        assertThat(DoubleText.sqlite(0.0)).isEqualTo("0.0");
        assertThat(DoubleText.sqlite(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(DoubleText.sqlite(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void shouldWritePlainDecimalsForNumeric() {
        assertThat(DoubleText.plain(DoubleText.shortest(3.0))).isEqualTo("3");
        assertThat(DoubleText.plain(DoubleText.shortest(0.99))).isEqualTo("0.99");
        assertThat(DoubleText.plain(DoubleText.shortest(-1e20))).isEqualTo("-100000000000000000000");
        assertThat(DoubleText.plain(DoubleText.shortest(1e-7))).isEqualTo("0.0000001");
        assertThat(DoubleText.plain(DoubleText.shortest(-0.0))).isEqualTo("0");
        assertThat(DoubleText.plain(DoubleText.shortest(Double.MIN_VALUE)))
                .isEqualTo("0." + "0".repeat(323) + "5");
    }

    @Test
    void shouldBeShorterThanJdk17WhereItIsNot() {
        // JDK 17 prints 2.0E-3 fine but pads some values, e.g. 1.0E23 as 1.0E23 and 2^-1074 as 4.9E-324.
        assertThat(DoubleText.shortest(Double.MIN_VALUE).digits()).isEqualTo(5);
        assertThat(DoubleText.shortest(2.0e-3)).isEqualTo(new DoubleText.Decimal(false, 2, -3));
    }

    @Test
    void shouldFindFloatShortestDigits() {
        assertThat(DoubleText.sqlite(0.1f)).isEqualTo("0.1");
        assertThat(DoubleText.sqlite(16777216f)).isEqualTo("16777216.0");
        assertThat(DoubleText.sqlite(Float.MIN_VALUE)).isEqualTo("1.0e-45");
        assertThat(DoubleText.sqlite(Float.MAX_VALUE)).isEqualTo("3.4028235e+38");
    }

    @Test
    void shouldRoundTripAndMatchTheExactSearchOnRandomBitPatterns() {
        SplittableRandom random = new SplittableRandom(20261122);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            assertShortestRoundTrip(v);
        }
    }

    @Test
    void shouldRoundTripAndMatchTheExactSearchOnDecimalLookingValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long digits = random.nextLong(1, 100_000_000_000_000_000L);
            int exponent = random.nextInt(-30, 30);
            double v = Double.parseDouble(digits + "e" + exponent);
            assertShortestRoundTrip(v);
            assertShortestRoundTrip(Math.nextUp(v));
        }
        for (int k = -1074; k <= 1023; k++) {
            assertShortestRoundTrip(Math.scalb(1.0, k));
            assertShortestRoundTrip(Math.nextDown(Math.scalb(1.0, k)));
        }
    }

    @Test
    void shouldFindSeventeenDigitValuesWithIntegerArithmetic() {
        SplittableRandom random = new SplittableRandom(11);
        int found = 0;
        int tried = 0;
        for (int i = 0; i < 100_000; i++) {
            double v = Math.pow(10, random.nextDouble(-10, 15.9)) * (1 + random.nextDouble());
            if (v >= 0x1p53) {
                continue;
            }
            tried++;
            DoubleText.Decimal wide = ShortestSearch.wide(false, v);
            if (wide != null) {
                found++;
                assertThat(wide).as("wide path for %s", v).isEqualTo(exact(v));
            }
        }
        assertThat(found).isGreaterThan(tried * 99 / 100);
        for (double v : new double[] {0.1 + 0.2, 1.0 / 3, 2.0 / 3, Math.PI, Math.E, 1e-10, 0x1p52, 0x1p-30,
            Math.nextDown(0x1p53), 123456789.12345678, 0.1 * 3}) {
            assertThat(ShortestSearch.wide(false, v)).as("wide path for %s", v).isEqualTo(exact(v));
        }
    }

    @Test
    void shouldNeverBeLongerThanJdkDigits() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(v) && v != 0) {
                BigDecimal jdk = new BigDecimal(Double.toString(v)).stripTrailingZeros();
                assertThat(DoubleText.shortest(v).digitCount()).isLessThanOrEqualTo(jdk.precision());
            }
        }
    }

    private static DoubleText.Decimal exact(double v) {
        return v == 0 ? DoubleText.shortest(v) : ShortestSearch.exact(v < 0, Math.abs(v), false);
    }

    private static void assertShortestRoundTrip(double v) {
        DoubleText.Decimal fast = DoubleText.shortest(v);
        assertThat(exact(v)).as("fast path for %s", v).isEqualTo(fast);
        assertThat(Double.parseDouble(DoubleText.sqlite(v))).as("sqlite text of %s", v).isEqualTo(v);
        assertThat(Double.parseDouble(DoubleText.plain(fast))).as("plain text of %s", v).isEqualTo(Math.abs(v) == 0
                ? 0.0 : v);
        assertThat(fast.digits() % 10 == 0 && fast.digits() != 0).isFalse();
    }
}
