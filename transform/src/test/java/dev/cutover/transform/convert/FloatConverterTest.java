package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatConverterTest {

    @Test
    void shouldWriteRealsAsShortestRoundTripText() {
        assertThat(convert("double precision", 0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(convert("double precision", 1e-7)).isEqualTo("1.0e-07");
        assertThat(convert("double precision", 5e-324)).isEqualTo("5.0e-324");
        assertThat(convert("double precision", 1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
        assertThat(convert("float8", 9007199254740993.0)).isEqualTo("9.007199254740992e+15");
        assertThat(convert("double precision", -0.0)).isEqualTo("-0.0");
        assertThat(convert("double precision", 3.0)).isEqualTo("3.0");
    }

    @Test
    void shouldWriteInfinities() {
        assertThat(convert("double precision", Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(convert("double precision", Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(convert("real", Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void shouldWriteIntegersThatTheFloatHoldsExactly() {
        assertThat(convert("double precision", 9007199254740992L)).isEqualTo("9007199254740992");
        assertThat(convert("double precision", -9007199254740992L)).isEqualTo("-9007199254740992");
        assertThat(convert("double precision", 1L << 60)).isEqualTo("1152921504606846976");
        assertThat(convert("double precision", Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(convert("real", 16777216L)).isEqualTo("16777216");
    }

    @Test
    void shouldRefuseIntegersThatWouldLosePrecision() {
        fails("double precision", 9007199254740993L, "cannot be held exactly by double precision",
                "it would become 9.007199254740992e+15", "bigint or numeric");
        fails("double precision", Long.MAX_VALUE, "cannot be held exactly");
        fails("real", 16777217L, "cannot be held exactly by real");
        fails("real", Long.MAX_VALUE, "cannot be held exactly by real");
    }

    @Test
    void shouldWriteRealsIntoRealOnlyWhenTheyAreFloatsExactly() {
        assertThat(convert("real", 0.5)).isEqualTo("0.5");
        assertThat(convert("float4", (double) 0.1f)).isEqualTo("0.1");
        assertThat(convert("real", 16777216.0)).isEqualTo("16777216.0");
        fails("real", 0.1, "cannot be held exactly by real", "it would become 0.1", "double precision");
        fails("real", 1e300, "cannot be held exactly by real", "Infinity");
    }

    @Test
    void shouldReadNumericTextWithoutLosingDigits() {
        assertThat(convert("double precision", "0.1")).isEqualTo("0.1");
        assertThat(convert("double precision", " 1e-7 ")).isEqualTo("1.0e-07");
        assertThat(convert("double precision", "+3")).isEqualTo("3.0");
        assertThat(convert("double precision", "0.30000000000000004")).isEqualTo("0.30000000000000004");
        assertThat(convert("double precision", "1.7976931348623157e308")).isEqualTo("1.7976931348623157e+308");
        assertThat(convert("double precision", "-0")).isEqualTo("-0.0");
        assertThat(convert("double precision", ".5")).isEqualTo("0.5");
        assertThat(convert("double precision", "Infinity")).isEqualTo("Infinity");
        assertThat(convert("double precision", "-inf")).isEqualTo("-Infinity");
        assertThat(convert("real", "0.1")).isEqualTo("0.1");
    }

    @Test
    void shouldRefuseTextWithMoreDigitsThanTheFloatHolds() {
        fails("double precision", "0.12345678901234567890", "has more digits than double precision holds",
                "it would become 0.12345678901234568", "numeric or text");
        fails("double precision", "0.29999999999999999", "it would become 0.3");
        fails("double precision", "9007199254740993", "more digits");
        fails("real", "0.123456789", "has more digits than real holds");
        fails("double precision", "1e400", "beyond the range of double precision");
        fails("double precision", "1e-400", "more digits", "it would become 0.0");
        fails("double precision", "1e999999999999", "beyond the range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "NaN", "1,5", "1.5.1", "0x1p3", "1e", "e5", "--1", "1 2", "infinite"})
    void shouldRefuseTextThatIsNotANumber(String text) {
        fails("double precision", text, "is not a number");
    }

    @Test
    void shouldRefuseBlobs() {
        fails("double precision", Values.blob(0, 0, 0, 0, 0, 0, 0, 0), "is a BLOB");
    }
}
