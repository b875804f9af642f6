package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextConverterTest {

    @ParameterizedTest
    @ValueSource(strings = {"text", "varchar(160)", "character varying(40)", "citext", "name", "char(40)",
        "character(40)", "bpchar", "varchar", "\"Mood\"", "interval", "public.mood"})
    void shouldKeepTextUnchanged(String type) {
        String text = " Ünïcødé 🎉 \t\"quoted\" \\ back ";
        assertThat(convert(type, text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "varchar(10)", "char(3)", "citext", "name", "\"Mood\"", "inet"})
    void shouldRefuseNul(String type) {
        fails(type, "a\0b", "contains a NUL character (U+0000) at position 1",
                "PostgreSQL text cannot hold NUL characters", "bytea");
    }

    @Test
    void shouldRefuseUnpairedSurrogates() {
        fails("text", "a\uD800b", "unpaired UTF-16 surrogate U+d800 at position 1");
        fails("text", "\uDC00", "unpaired");
        assertThat(convert("text", "\uD83C\uDF89")).isEqualTo("🎉");
    }

    @Test
    void shouldCountLengthInCodePoints() {
        assertThat(convert("varchar(3)", "🎉🎉🎉")).isEqualTo("🎉🎉🎉");
        assertThat(convert("varchar(3)", "äöü")).isEqualTo("äöü");
        fails("varchar(3)", "🎉🎉🎉🎉", "is 4 characters long, but varchar(3) holds at most 3",
                "varchar(4) or text in plan.json");
        fails("character varying(5)", "abcdef", "holds at most 5");
        assertThat(convert("varchar(5)", "abcde")).isEqualTo("abcde");
    }

    @Test
    void shouldAcceptShorterCharNAndCutOnlyExcessSpaces() {
        assertThat(convert("char(3)", "ab")).isEqualTo("ab");
        assertThat(convert("char(3)", "abc   ")).isEqualTo("abc");
        assertThat(convert("character(2)", "é🎉  ")).isEqualTo("é🎉");
        fails("char(3)", "abcd", "is 4 characters long, but char(3) holds at most 3", "char(4) or text");
        fails("char(3)", "abc \t", "holds at most 3");
        fails("char", "ab", "holds at most 1");
        fails("varchar(3)", "abc ", "is 4 characters long");
    }

    @Test
    void shouldLimitNameAndQuotedCharInBytes() {
        assertThat(convert("name", "a".repeat(63))).isEqualTo("a".repeat(63));
        fails("name", "a".repeat(64), "is 64 bytes long in UTF-8, but name holds at most 63");
        fails("name", "ü".repeat(32), "is 64 bytes long");
        assertThat(convert("\"char\"", "x")).isEqualTo("x");
        fails("\"char\"", "é", "is 2 bytes long in UTF-8, but \"char\" holds at most 1");
    }

    @Test
    void shouldWriteNumbersAsText() {
        assertThat(convert("text", 42L)).isEqualTo("42");
        assertThat(convert("text", -9223372036854775808L)).isEqualTo("-9223372036854775808");
        assertThat(convert("text", 3.0)).isEqualTo("3.0");
        assertThat(convert("text", 0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(convert("text", 1e-7)).isEqualTo("1.0e-07");
        assertThat(convert("text", Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(convert("varchar(3)", 123L)).isEqualTo("123");
        fails("varchar(3)", 1234L, "is 4 characters long");
        fails("varchar(3)", 0.25, "is 4 characters long");
    }

    @Test
    void shouldRefuseInvalidUtf8NamingItsBytes() {
        ConversionException e = fails("text", Values.invalidText(0x61, 0xc3, 0x28), "is not valid UTF-8",
                "set the column's targetType to bytea in plan.json to keep the bytes");
        assertThat(e.getMessage()).contains("TEXT of 3 bytes that are not UTF-8 x'61c328'");
        byte[] many = new byte[40];
        java.util.Arrays.fill(many, (byte) 0xff);
        assertThat(fails("text", new dev.cutover.schemas.avro.InvalidText(java.nio.ByteBuffer.wrap(many)))
                .getMessage()).contains("x'" + "ff".repeat(32) + "…'");
    }

    @Test
    void shouldRefuseBlobs() {
        fails("text", Values.blob(1, 2, 3), "is a BLOB", "bytea");
        fails("varchar(10)", Values.blob(), "is a BLOB");
    }

    @Test
    void shouldPassUnknownTypesThroughForPostgresToValidate() {
        assertThat(convert("interval", "1 day 02:00:00")).isEqualTo("1 day 02:00:00");
        assertThat(convert("inet", "192.168.0.1/24")).isEqualTo("192.168.0.1/24");
        assertThat(convert("\"OrderStatus\"", "SHIPPED")).isEqualTo("SHIPPED");
        assertThat(convert("point", "(1,2)")).isEqualTo("(1,2)");
        assertThat(convert("money", 5L)).isEqualTo("5");
        assertThat(convert("interval", 1.5)).isEqualTo("1.5");
        fails("\"OrderStatus\"", Values.blob(1), "is a BLOB");
        fails("inet", Values.invalidText(0xff), "not valid UTF-8");
    }

    @Test
    void shouldCheckBitStringLengths() {
        assertThat(convert("bit(4)", "1010")).isEqualTo("1010");
        assertThat(convert("bit(8)", " xA5 ")).isEqualTo("xA5");
        assertThat(convert("bit varying(8)", "101")).isEqualTo("101");
        assertThat(convert("varbit", "1".repeat(100))).isEqualTo("1".repeat(100));
        fails("bit(4)", "101", "has 3 bits, but bit(4) holds exactly 4, and a cast would pad it");
        fails("bit(4)", "10101", "and a cast would cut it");
        fails("bit varying(2)", "101", "holds at most 2");
        fails("bit(4)", "1021", "is not a bit string");
        fails("bit", 1L, "is a number");
    }
}
