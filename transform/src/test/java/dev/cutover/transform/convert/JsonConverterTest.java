package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonConverterTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1, \"b\": [true, null, 2.5e3]}", "[]", "{}", "\"just a string\"", "42", "-0.5",
        "true", "null", " { \"nested\" : { \"deep\" : [ [ ] ] } } \n", "\"\\u00e9\\ud83c\\udf89 \\\"q\\\" \\\\\"",
        "1e400", "{\"emoji\": \"🎉\"}"})
    void shouldKeepValidJsonUnchanged(String text) {
        assertThat(convert("jsonb", text)).isSameAs(text);
        assertThat(convert("json", text)).isSameAs(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1", "{'a': 1}", "{\"a\": 1,}", "[1, 2,]", "{\"a\": NaN}", "// c\n{}", "/* c */ 1",
        "01", "hello", "{\"a\": 1} x", "{} {}", "[1] 2", "\"unterminated", "{\"a\" 1}", "Infinity", "+1", ".5", "[\"\t\"]"})
    void shouldRefuseInvalidJsonWithTheParsersReason(String text) {
        fails("jsonb", text, "is not valid JSON (", "at character", "targetType to text in plan.json");
        fails("json", text, "is not valid JSON (", "at character", "targetType to text in plan.json");
    }

    @Test
    void shouldRefuseEmptyText() {
        fails("json", "", "is not valid JSON (it is empty)");
        fails("json", "   ", "is not valid JSON (it is empty)");
    }

    @Test
    void shouldRefuseEscapedNulInJsonbOnly() {
        String text = "{\"a\": \"x\\u0000y\"}";
        fails("jsonb", text, "PostgreSQL jsonb cannot hold \\u0000", "targetType to json");
        fails("jsonb", "{\"k\\u0000\": 1}", "cannot hold \\u0000");
        assertThat(convert("json", text)).isSameAs(text);
    }

    @Test
    void shouldRefuseLiteralNulEverywhere() {
        fails("json", "{\"a\": \"x\0y\"}", "contains a NUL character");
        fails("jsonb", "[1]\0", "contains a NUL character");
    }

    @Test
    void shouldRefuseUnpairedSurrogateEscapesInJsonbOnly() {
        fails("jsonb", "\"\\ud800\"", "unpaired surrogate escape \\ud800", "jsonb refuses");
        fails("jsonb", "[\"\\udc00x\"]", "unpaired surrogate escape \\udc00");
        String text = "[\"\\udc00x\"]";
        assertThat(convert("json", text)).isSameAs(text);
    }

    @Test
    void shouldRefuseDuplicateKeysInJsonbOnly() {
        String text = "{\"a\": 1, \"b\": {\"a\": 2}, \"a\": 3}";
        fails("jsonb", text, "has the key \"a\" twice in one object", "jsonb would keep only the last");
        assertThat(convert("json", text)).isSameAs(text);
        assertThat(convert("jsonb", "[{\"a\": 1}, {\"a\": 2}]")).isEqualTo("[{\"a\": 1}, {\"a\": 2}]");
    }

    @Test
    void shouldWriteNumbersAsJsonNumbers() {
        assertThat(convert("jsonb", 42L)).isEqualTo("42");
        assertThat(convert("jsonb", 0.5)).isEqualTo("0.5");
        assertThat(convert("jsonb", 1e-7)).isEqualTo("1.0e-07");
        assertThat(convert("json", 3.0)).isEqualTo("3.0");
        fails("jsonb", Double.POSITIVE_INFINITY, "is infinite, which JSON cannot express");
    }

    @Test
    void shouldRefuseBlobsAndInvalidText() {
        fails("jsonb", Values.blob(0x7b, 0x7d), "is a BLOB");
        fails("jsonb", Values.invalidText(0x7b, 0xff, 0x7d), "not valid UTF-8");
    }

    @Test
    void shouldAcceptLargeAndDeepDocuments() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(convert("jsonb", deep)).isSameAs(deep);
        String big = "\"" + "x".repeat(25_000_000) + "\"";
        assertThat(convert("json", big)).isSameAs(big);
    }
}
