package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumericConverterTest {

    @Test
    void shouldWriteIntegersExactly() {
        assertThat(convert("numeric", Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(convert("numeric", Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(convert("numeric(10,2)", 12345678L)).isEqualTo("12345678");
        assertThat(convert("decimal(5)", -99999L)).isEqualTo("-99999");
    }

    @Test
    void shouldWriteRealsAsTheirShortestDecimal() {
        assertThat(convert("numeric", 0.99)).isEqualTo("0.99");
        assertThat(convert("numeric", 0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(convert("numeric", 3.0)).isEqualTo("3");
        assertThat(convert("numeric", 1e20)).isEqualTo("100000000000000000000");
        assertThat(convert("numeric", 1e-7)).isEqualTo("0.0000001");
        assertThat(convert("numeric(10,2)", 19.99)).isEqualTo("19.99");
        assertThat(convert("numeric(10,2)", -0.5)).isEqualTo("-0.5");
    }

    @Test
    void shouldWriteInfinityOnlyIntoUnconstrainedNumeric() {
        assertThat(convert("numeric", Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(convert("numeric", "-Infinity")).isEqualTo("-Infinity");
        fails("numeric(10,2)", Double.POSITIVE_INFINITY, "is infinite, which numeric(10,2) cannot hold",
                "PostgreSQL 14");
        fails("numeric(10,2)", "inf", "is infinite");
    }

    @Test
    void shouldReadDecimalTextInPlainNotation() {
        assertThat(convert("numeric", "1.50")).isEqualTo("1.50");
        assertThat(convert("numeric", " +007.25 ")).isEqualTo("7.25");
        assertThat(convert("numeric", "1e3")).isEqualTo("1000");
        assertThat(convert("numeric", "1.5E-3")).isEqualTo("0.0015");
        assertThat(convert("numeric", "-0.00")).isEqualTo("0.00");
        assertThat(convert("numeric", ".5")).isEqualTo("0.5");
        assertThat(convert("numeric", "5.")).isEqualTo("5");
        assertThat(convert("numeric", "123456789012345678901234567890.123456789"))
                .isEqualTo("123456789012345678901234567890.123456789");
    }

    @Test
    void shouldRefuseValuesThatNumericPSWouldRound() {
        fails("numeric(10,2)", 0.125, "has 3 digits after the decimal point, but numeric(10,2) keeps 2",
                "PostgreSQL would round it", "numeric(11,3) or numeric");
        fails("numeric(10,2)", "12.345", "has 3 digits after the decimal point");
        fails("numeric(5)", "1.5", "keeps 0");
        fails("numeric(10,2)", 1.005, "has 3 digits after the decimal point");
        fails("numeric(10,1)", 0.84 + 1.0, "has 16 digits after the decimal point", "numeric(25,16) or numeric");
        fails("numeric(10,2)", 1e-20, "has 20 digits after the decimal point");
        assertThat(convert("numeric(10,2)", "12.3400")).isEqualTo("12.3400");
    }

    /** A REAL that is a decimal of the column's scale plus float noise lands rounded, marked so that it is counted. */
    @Test
    void shouldRoundFloatNoiseToTheScale() {
        assertThat(convert("numeric(12,2)", 0.84 + 1.0)).isEqualTo(new RoundedReal("1.84"));
        assertThat(convert("numeric(12,2)", -0.84 - 1.0)).isEqualTo(new RoundedReal("-1.84"));
        assertThat(convert("numeric(10,2)", 0.1 + 0.2)).isEqualTo(new RoundedReal("0.30"));
        assertThat(convert("decimal(5)", 4.35 * 100)).isEqualTo(new RoundedReal("435"));
        assertThat(convert("numeric(2,-3)", 12000.000000000002)).isEqualTo(new RoundedReal("12000"));
        assertThat(convert("numeric(16,2)", 12345678901234.566)).isEqualTo(new RoundedReal("12345678901234.57"));
        assertThat(convert("numeric(12,2)", 1.84)).as("no noise: its shortest decimal").isEqualTo("1.84");
        assertThat(convert("numeric", 0.84 + 1.0)).as("unconstrained: every digit kept").isEqualTo("1.8399999999999999");
    }

    @Test
    void shouldRefuseFloatNoiseThatRoundsBeyondThePrecision() {
        fails("numeric(5,2)", 999.9999999999999, "has 4 digits before the decimal point, but numeric(5,2) allows 3");
    }

    @Test
    void shouldNeverRoundText() {
        fails("numeric(12,2)", "1.8399999999999999", "has 16 digits after the decimal point");
    }

    @Test
    void shouldRefuseValuesTooLargeForNumericPS() {
        fails("numeric(5,2)", 1000L, "has 4 digits before the decimal point, but numeric(5,2) allows 3",
                "numeric(6,2) or numeric");
        fails("numeric(5,2)", "-1000.5", "has 4 digits before the decimal point");
        fails("numeric(5,2)", 1e3, "before the decimal point");
        assertThat(convert("numeric(5,2)", "999.99")).isEqualTo("999.99");
        assertThat(convert("numeric(5,2)", 0L)).isEqualTo("0");
    }

    @Test
    void shouldHonourScaleLargerThanPrecisionAndNegativeScale() {
        assertThat(convert("numeric(3,5)", "0.00123")).isEqualTo("0.00123");
        fails("numeric(3,5)", "0.01", "before the decimal point");
        assertThat(convert("numeric(2,-3)", 12000L)).isEqualTo("12000");
        fails("numeric(2,-3)", 12500L, "keeps -3");
        fails("numeric(2,-3)", 120000L, "before the decimal point");
    }

    @Test
    void shouldRefuseBeyondPostgresNumericRange() {
        fails("numeric", "1e200000", "beyond the range of numeric");
        fails("numeric", "1e-20000", "beyond the range of numeric");
        fails("numeric", "1e9999999999", "beyond the range of numeric");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "NaN", "nan", "1,000", "$5", "1.2.3", "1e", "0x10", "½"})
    void shouldRefuseTextThatIsNotANumber(String text) {
        fails("numeric", text, "is not a number");
    }

    @Test
    void shouldRefuseBlobs() {
        fails("numeric", Values.blob(1), "is a BLOB");
    }
}
