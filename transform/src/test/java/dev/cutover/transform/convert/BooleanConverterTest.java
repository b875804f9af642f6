package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BooleanConverterTest {

    @Test
    void shouldReadZeroAndOne() {
        assertThat(convert("boolean", 1L)).isEqualTo("t");
        assertThat(convert("boolean", 0L)).isEqualTo("f");
        assertThat(convert("bool", 1.0)).isEqualTo("t");
        assertThat(convert("bool", 0.0)).isEqualTo("f");
        assertThat(convert("bool", -0.0)).isEqualTo("f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "t", "T", "yes", "Yes", "y", "on", "ON", "1", " true ", "\ttrue\n"})
    void shouldReadTrueWords(String text) {
        assertThat(convert("boolean", text)).isEqualTo("t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "f", "no", "NO", "n", "off", "Off", "0", " 0 "})
    void shouldReadFalseWords(String text) {
        assertThat(convert("boolean", text)).isEqualTo("f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "tr", "yess", "maybe", "null", "-1", "0.0", "o", "truefalse"})
    void shouldRefuseOtherText(String text) {
        fails("boolean", text, "is not a boolean");
    }

    @Test
    void shouldRefuseOtherNumbersAndBlobs() {
        fails("boolean", 2L, "is not a boolean");
        fails("boolean", -1L, "is not a boolean");
        fails("boolean", 0.5, "is not a boolean");
        fails("boolean", Double.NaN, "is not a boolean");
        fails("boolean", Values.blob(1), "is a BLOB");
    }
}
