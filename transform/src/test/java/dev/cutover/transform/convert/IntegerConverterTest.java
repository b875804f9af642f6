package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntegerConverterTest {

    @Test
    void shouldWriteIntegersInRangeAsDecimal() {
        assertThat(convert("integer", 42L)).isEqualTo("42");
        assertThat(convert("integer", -7L)).isEqualTo("-7");
        assertThat(convert("smallint", 32767L)).isEqualTo("32767");
        assertThat(convert("smallint", -32768L)).isEqualTo("-32768");
        assertThat(convert("integer", (long) Integer.MIN_VALUE)).isEqualTo("-2147483648");
        assertThat(convert("int4", (long) Integer.MAX_VALUE)).isEqualTo("2147483647");
    }

    @Test
    void shouldKeepNull() {
        assertThat(convert("bigint", null)).isNull();
    }

    @Test
    void shouldAcceptInt64ExtremesIntoBigint() {
        assertThat(convert("bigint", Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(convert("int8", Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(convert("bigint", "-9223372036854775808")).isEqualTo("-9223372036854775808");
        assertThat(convert("bigint", "9223372036854775807")).isEqualTo("9223372036854775807");
    }

    @Test
    void shouldRefuseInt64ExtremesIntoNarrowerTypes() {
        fails("integer", Long.MAX_VALUE, "out of range for integer", "-2147483648 to 2147483647", "bigint");
        fails("integer", Long.MIN_VALUE, "out of range");
        fails("smallint", Long.MAX_VALUE, "out of range for smallint", "integer");
        fails("smallint", Long.MIN_VALUE, "out of range");
        fails("integer", 2147483648L, "out of range");
        fails("smallint", 32768L, "out of range");
        fails("smallint", -32769L, "out of range");
    }

    @Test
    void shouldAcceptWholeReals() {
        assertThat(convert("integer", 3.0)).isEqualTo("3");
        assertThat(convert("integer", -0.0)).isEqualTo("0");
        assertThat(convert("bigint", 9007199254740992.0)).isEqualTo("9007199254740992");
        assertThat(convert("bigint", -0x1p63)).isEqualTo("-9223372036854775808");
        assertThat(convert("smallint", -32768.0)).isEqualTo("-32768");
    }

    @Test
    void shouldRefuseRealsThatAreNotWholeOrOutOfRange() {
        fails("integer", 3.5, "not a whole number", "double precision or numeric");
        fails("bigint", 0.1, "not a whole number");
        fails("integer", Double.POSITIVE_INFINITY, "not a whole number");
        fails("integer", Double.NEGATIVE_INFINITY, "not a whole number");
        fails("bigint", 0x1p63, "out of range for bigint", "numeric");
        fails("bigint", 1e300, "out of range");
        fails("integer", 2147483648.0, "out of range");
        fails("smallint", 40000.0, "out of range");
    }

    @Test
    void shouldReadIntegerTextInCanonicalForm() {
        assertThat(convert("integer", "42")).isEqualTo("42");
        assertThat(convert("integer", "-42")).isEqualTo("-42");
        assertThat(convert("integer", "+42")).isEqualTo("42");
        assertThat(convert("integer", "007")).isEqualTo("7");
        assertThat(convert("integer", "-0")).isEqualTo("0");
        assertThat(convert("integer", "0")).isEqualTo("0");
        assertThat(convert("integer", " 42\t\n")).isEqualTo("42");
        assertThat(convert("integer", "-00000000000000000000000000012")).isEqualTo("-12");
    }

    @Test
    void shouldReturnCanonicalTextItself() {
        String text = "12345";
        assertThat(convert("integer", text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "+", "-", "1.0", "1e3", "0x10", "12abc", "1 2", "--1", "١٢", "1_000", "NaN"})
    void shouldRefuseTextThatIsNotAnIntegerLiteral(String text) {
        fails("integer", text, "is not an integer", "targetType to text");
    }

    @Test
    void shouldRefuseIntegerTextOutOfRange() {
        fails("bigint", "9223372036854775808", "out of range for bigint");
        fails("bigint", "-9223372036854775809", "out of range for bigint");
        fails("bigint", "99999999999999999999999999", "out of range");
        fails("integer", "2147483648", "out of range for integer");
        fails("smallint", "-32769", "out of range for smallint");
    }

    @Test
    void shouldRefuseBlobsAndInvalidText() {
        fails("integer", ByteBuffer.wrap(new byte[] {1, 2}), "is a BLOB", "bytea");
        fails("integer", Values.invalidText(0xc3, 0x28), "not valid UTF-8", "bytea");
    }

    @Test
    void shouldNameTheValueAndTypeInTheMessage() {
        ConversionException e = fails("smallint", 70000L);
        assertThat(e.getMessage()).isEqualTo("column \"col\" (smallint): INTEGER 70000 is out of range for smallint"
                + " (-32768 to 32767); set the column's targetType to integer in plan.json");
    }
}
