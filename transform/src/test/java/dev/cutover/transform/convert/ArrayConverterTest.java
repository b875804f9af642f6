package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayConverterTest {

    @Test
    void shouldWriteJsonArraysAsQuotedArrayLiterals() {
        assertThat(convert("text[]", "[\"a\", \"b c\", null]")).isEqualTo("{\"a\",\"b c\",NULL}");
        assertThat(convert("text[]", "[]")).isEqualTo("{}");
        assertThat(convert("text[]", "[\"\"]")).isEqualTo("{\"\"}");
        assertThat(convert("text[]", "[\"NULL\"]")).isEqualTo("{\"NULL\"}");
    }

    @Test
    void shouldEscapeQuotesAndBackslashes() {
        assertThat(convert("text[]", "[\"say \\\"hi\\\"\", \"back\\\\slash\", \"{,}\"]"))
                .isEqualTo("{\"say \\\"hi\\\"\",\"back\\\\slash\",\"{,}\"}");
    }

    @Test
    void shouldConvertElementsWithTheElementType() {
        assertThat(convert("integer[]", "[1, -2, \"3\", null]")).isEqualTo("{\"1\",\"-2\",\"3\",NULL}");
        assertThat(convert("numeric[]", "[0.1, 1e3, 123456789012345678901234567890.5]"))
                .isEqualTo("{\"0.1\",\"1000\",\"123456789012345678901234567890.5\"}");
        assertThat(convert("boolean[]", "[true, false, \"yes\", 0]")).isEqualTo("{\"t\",\"f\",\"t\",\"f\"}");
        assertThat(convert("character varying(3)[]", "[\"abc\"]")).isEqualTo("{\"abc\"}");
        assertThat(convert("timestamp[]", "[\"2021-01-01T00:00:00Z\"]")).isEqualTo("{\"2021-01-01 00:00:00\"}");
        assertThat(convert("uuid[]", "[\"123E4567-E89B-12D3-A456-426614174000\"]"))
                .isEqualTo("{\"123e4567-e89b-12d3-a456-426614174000\"}");
        assertThat(convert("\"Mood\"[]", "[\"happy\"]")).isEqualTo("{\"happy\"}");
        assertThat(convert("bytea[]", "[\"AB\"]")).isEqualTo("{\"\\\\x4142\"}");
        assertThat(convert("integer ARRAY", "[7]")).isEqualTo("{\"7\"}");
        assertThat(convert("integer[][]", "[7]")).isEqualTo("{\"7\"}");
    }

    @Test
    void shouldNameTheElementThatFails() {
        fails("integer[]", "[1, 2.5]", "has element 2, TEXT \"2.5\", that cannot become integer: it is not an integer");
        fails("varchar(2)[]", "[\"abc\"]", "has element 1", "cannot become varchar(2)", "holds at most 2");
        fails("text[]", "[\"a\\u0000\"]", "has element 1", "NUL");
    }

    @Test
    void shouldRefuseWhatIsNotAFlatJsonArray() {
        fails("text[]", "{\"a\": 1}", "is not a JSON array", "e.g. [\"a\", \"b\"]");
        fails("text[]", "\"a\"", "is not a JSON array");
        fails("text[]", "[1] [2]", "is not a JSON array");
        fails("text[]", "{a,b}", "is not a JSON array");
        fails("text[]", "[a]", "is not valid JSON");
        fails("text[]", "[\"a\"", "is not valid JSON");
        fails("text[]", "[[1], [2]]", "has a nested array or object", "jsonb");
        fails("text[]", "[{\"a\": 1}]", "has a nested array or object");
        fails("text[]", 5L, "is not a JSON array");
        fails("text[]", 5.5, "is not a JSON array");
        fails("text[]", Values.blob(1), "is a BLOB");
    }

    @Test
    void shouldConvertTheElementsOfADocumentsArray() {
        assertThat(convert("double precision[]", java.util.Arrays.asList(Double.NaN, 4.5, 5L, null)))
                .isEqualTo("{\"NaN\",\"4.5\",\"5\",NULL}");
        assertThat(convert("text[]", java.util.List.of("say \"hi\"", "b"))).isEqualTo("{\"say \\\"hi\\\"\",\"b\"}");
        assertThat(convert("bigint[]", java.util.List.of())).isEqualTo("{}");
        fails("integer[]", java.util.List.of(1L, "x"), "has element 2, TEXT \"x\", that cannot become integer");
        fails("text[]", java.util.List.of(java.util.List.of("a")), "has a nested array at element 1", "jsonb");
        fails("text", java.util.List.of("a"), "is an array, which cannot become text");
    }
}
