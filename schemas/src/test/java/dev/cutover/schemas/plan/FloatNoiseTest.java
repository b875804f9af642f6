package dev.cutover.schemas.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FloatNoiseTest {

    @Test
    void shouldRoundTheNoiseOfArithmeticOnADecimal() {
        assertThat(FloatNoise.rounded(0.84 + 1.0, 2)).isEqualTo(new BigDecimal("1.84")); // 1.8399999999999999
        assertThat(FloatNoise.rounded(0.1 + 0.2, 2)).isEqualTo(new BigDecimal("0.30")); // 0.30000000000000004
        assertThat(FloatNoise.rounded(0.1 + 0.2, 1)).isEqualTo(new BigDecimal("0.3"));
        assertThat(FloatNoise.rounded(110.00000000000001, 2)).isEqualTo(new BigDecimal("110.00"));
        assertThat(FloatNoise.rounded(4.35 * 100, 0)).isEqualTo(new BigDecimal("435")); // 434.99999999999994
    }

    @Test
    void shouldRoundNegativeNoiseTowardsTheSameDecimal() {
        assertThat(FloatNoise.rounded(-0.84 - 1.0, 2)).isEqualTo(new BigDecimal("-1.84"));
        assertThat(FloatNoise.rounded(0.1 - 0.3, 2)).isEqualTo(new BigDecimal("-0.20")); // -0.19999999999999998
    }

    @Test
    void shouldRefuseAValueWithMoreDigitsThanTheScale() {
        assertThat(FloatNoise.rounded(0.125, 2)).isNull();
        assertThat(FloatNoise.rounded(-0.125, 2)).isNull();
        assertThat(FloatNoise.rounded(1.005, 2)).as("1.00499999999999989...: its 15 digits are 1.005").isNull();
        assertThat(FloatNoise.rounded(1.8399999999999999, 1)).as("noise at scale 2 is still 1.84 at scale 1").isNull();
        assertThat(FloatNoise.rounded(1234567890.125, 2)).isNull();
        assertThat(FloatNoise.rounded(1e-20, 2)).isNull();
    }

    @Test
    void shouldKeepTheDigitsADoubleHoldsNearThePrecisionLimit() {
        assertThat(FloatNoise.rounded(1234567890123.45, 2)).as("15 significant digits, 2 of them fractional")
                .isEqualTo(new BigDecimal("1234567890123.45"));
        assertThat(FloatNoise.rounded(123456789012.3455, 2)).as("its 15 digits, 123456789012.346, have 3 decimals").isNull();
        assertThat(FloatNoise.rounded(12345678901234.566, 2))
                .as("beyond 10^13 a double has fewer than 2 fraction digits to give: rounded to the scale")
                .isEqualTo(new BigDecimal("12345678901234.57"));
        assertThat(FloatNoise.rounded(1e300, 2)).isEqualTo(new BigDecimal(1e300).setScale(2));
    }

    @Test
    void shouldRoundToAScaleOfZeroAndBelow() {
        assertThat(FloatNoise.rounded(2.9999999999999996, 0)).isEqualTo(new BigDecimal("3"));
        assertThat(FloatNoise.rounded(2.5, 0)).isNull();
        assertThat(FloatNoise.rounded(1200.0000000000002, -2)).isEqualByComparingTo("1200");
        assertThat(FloatNoise.rounded(1250.0, -2)).isNull();
    }

    @Test
    void shouldHaveNoRoundingForInfinitiesAndNaN() {
        assertThat(FloatNoise.rounded(Double.POSITIVE_INFINITY, 2)).isNull();
        assertThat(FloatNoise.rounded(Double.NEGATIVE_INFINITY, 2)).isNull();
        assertThat(FloatNoise.rounded(Double.NaN, 2)).isNull();
    }

    @Test
    void shouldReadTheScaleOfAConstrainedNumericOnly() {
        assertThat(FloatNoise.scaleOf("numeric(12,2)")).hasValue(2);
        assertThat(FloatNoise.scaleOf("NUMERIC ( 12 , 2 )")).hasValue(2);
        assertThat(FloatNoise.scaleOf("decimal(10)")).hasValue(0);
        assertThat(FloatNoise.scaleOf("numeric(5,-2)")).hasValue(-2);
        assertThat(FloatNoise.scaleOf("numeric")).isEqualTo(OptionalInt.empty());
        assertThat(FloatNoise.scaleOf("numeric(12,2)[]")).isEmpty();
        assertThat(FloatNoise.scaleOf("double precision")).isEmpty();
        assertThat(FloatNoise.scaleOf("varchar(12)")).isEmpty();
    }
}
