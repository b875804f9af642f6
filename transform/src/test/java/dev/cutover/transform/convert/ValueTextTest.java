package dev.cutover.transform.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTextTest {

    @Test
    void shouldRenderEachStorageClassAsJson() {
        assertThat(ValueText.toJson(null)).isEqualTo("null");
        assertThat(ValueText.toJson(42L)).isEqualTo("42");
        assertThat(ValueText.toJson(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(ValueText.toJson(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(ValueText.toJson(1e-7)).isEqualTo("1.0e-07");
        assertThat(ValueText.toJson(3.0)).isEqualTo("3.0");
        assertThat(ValueText.toJson(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
        assertThat(ValueText.toJson(Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(ValueText.toJson(Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(ValueText.toJson("héllo \"q\" \\")).isEqualTo("\"héllo \\\"q\\\" \\\\\"");
        assertThat(ValueText.toJson(Values.blob(0, 1, 0xff))).isEqualTo("{\"$base64\": \"AAH/\"}");
        assertThat(ValueText.toJson(Values.invalidText(0xc3, 0x28))).isEqualTo("{\"$hex\": \"c328\"}");
    }

    @Test
    void shouldEscapeControlCharactersAndLoneSurrogates() {
        assertThat(ValueText.toJson("a\0b\u001f\n\r\t\b\f\u007f\u2028"))
                .isEqualTo("\"a\\u0000b\\u001f\\n\\r\\t\\b\\f\\u007f\\u2028\"");
        assertThat(ValueText.toJson("x\uD800y\uDC00")).isEqualTo("\"x\\ud800y\\udc00\"");
        assertThat(ValueText.toJson("🎉")).isEqualTo("\"🎉\"");
    }

    @Test
    void shouldNotMoveTheBlobsPosition() {
        ByteBuffer blob = ByteBuffer.wrap(new byte[] {1, 2, 3});
        blob.position(1);
        assertThat(ValueText.toJson(blob)).isEqualTo("{\"$base64\": \"AgM=\"}");
        assertThat(blob.position()).isEqualTo(1);
    }

    @Test
    void shouldRenderARowAsAJsonObject() {
        String json = ValueText.rowJson(List.of("id", "na\"me", "blob", "gone"),
                Arrays.asList(1L, "Ann", Values.blob(1), null));
        assertThat(json).isEqualTo("{\"id\": 1, \"na\\\"me\": \"Ann\", \"blob\": {\"$base64\": \"AQ==\"}, \"gone\": null}");
        assertThat(ValueText.rowJson(List.of(), List.of())).isEqualTo("{}");
        String[] prefixes = ValueText.jsonPrefixes(List.of("a", "b\\c"));
        assertThat(ValueText.rowJson(prefixes, Arrays.asList(1L, "x"))).isEqualTo("{\"a\": 1, \"b\\\\c\": \"x\"}");
        assertThat(ValueText.rowJson(prefixes, Arrays.asList(null, 2.5))).isEqualTo("{\"a\": null, \"b\\\\c\": 2.5}");
        assertThatThrownBy(() -> ValueText.rowJson(List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAlwaysProduceValidJson() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 2_000; i++) {
            char[] chars = new char[random.nextInt(20)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = (char) random.nextInt(0x10000);
            }
            Object[] values = {new String(chars), Double.longBitsToDouble(random.nextLong()), random.nextLong(),
                null, Values.invalidText(random.nextInt(256)), Values.blob(random.nextInt(256))};
            assertValidJson(ValueText.rowJson(List.of("s", "d", "l", "n", "i", "b"), Arrays.asList(values)));
        }
    }

    @Test
    void shouldDescribeValuesShortlyForMessages() {
        assertThat(ValueText.describe(null)).isEqualTo("NULL");
        assertThat(ValueText.describe(7L)).isEqualTo("INTEGER 7");
        assertThat(ValueText.describe(0.5)).isEqualTo("REAL 0.5");
        assertThat(ValueText.describe("a\nb")).isEqualTo("TEXT \"a\\nb\"");
        assertThat(ValueText.describe("x".repeat(150))).isEqualTo("TEXT \"" + "x".repeat(100) + "…\" (150 characters)");
        assertThat(ValueText.describe("🎉".repeat(101))).isEqualTo("TEXT \"" + "🎉".repeat(100) + "…\" (101 characters)");
        assertThat(ValueText.describe(Values.blob(1, 2))).isEqualTo("BLOB of 2 bytes x'0102'");
        assertThat(ValueText.describe(Values.invalidText(0xff))).isEqualTo("TEXT of 1 bytes that are not UTF-8 x'ff'");
    }

    private static void assertValidJson(String json) throws IOException {
        try (JsonParser parser = Json.parser(json)) {
            int depth = 0;
            JsonToken token;
            do {
                token = parser.nextToken();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
            } while (depth > 0);
            assertThat(parser.nextToken()).as(json).isNull();
        }
    }
}
