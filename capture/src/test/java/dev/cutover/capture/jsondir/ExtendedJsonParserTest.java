package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class ExtendedJsonParserTest {

    private static ExtendedJsonParser.Parsed parse(String text) {
        return ExtendedJsonParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static BsonDocument document(String text) {
        ExtendedJsonParser.Parsed parsed = parse(text);
        assertThat(parsed.problem()).isNull();
        return new RawBsonDocument(parsed.bson());
    }

    private static Map<String, BsonType> types(BsonDocument document) {
        Map<String, BsonType> types = new LinkedHashMap<>();
        document.forEach((name, value) -> types.put(name, value.getBsonType()));
        return types;
    }

    @Test
    void shouldReadEveryCanonicalExtendedJsonType() {
        BsonDocument document = document("""
                {"oid": {"$oid": "5ca4bbc7a2dd94ee5816238c"},
                 "date": {"$date": {"$numberLong": "1577836800000"}},
                 "int": {"$numberInt": "7"}, "long": {"$numberLong": "9000000000"},
                 "double": {"$numberDouble": "-Infinity"}, "decimal": {"$numberDecimal": "1.10"},
                 "binary": {"$binary": {"base64": "AQI=", "subType": "00"}},
                 "uuid": {"$uuid": "00112233-4455-6677-8899-aabbccddeeff"},
                 "ts": {"$timestamp": {"t": 1, "i": 2}},
                 "regex": {"$regularExpression": {"pattern": "^a", "options": "i"}},
                 "min": {"$minKey": 1}, "max": {"$maxKey": 1}}""");

        assertThat(types(document)).containsExactly(
                Map.entry("oid", BsonType.OBJECT_ID), Map.entry("date", BsonType.DATE_TIME),
                Map.entry("int", BsonType.INT32), Map.entry("long", BsonType.INT64),
                Map.entry("double", BsonType.DOUBLE), Map.entry("decimal", BsonType.DECIMAL128),
                Map.entry("binary", BsonType.BINARY), Map.entry("uuid", BsonType.BINARY),
                Map.entry("ts", BsonType.TIMESTAMP), Map.entry("regex", BsonType.REGULAR_EXPRESSION),
                Map.entry("min", BsonType.MIN_KEY), Map.entry("max", BsonType.MAX_KEY));
        assertThat(document.getBinary("uuid").getType()).isEqualTo(BsonBinarySubType.UUID_STANDARD.getValue());
        assertThat(document.getDecimal128("decimal").getValue().toString()).isEqualTo("1.10");
        assertThat(document.getDateTime("date").getValue()).isEqualTo(1577836800000L);
    }

    @Test
    void shouldReadRelaxedExtendedJsonAndPlainJsonNumbersByTheirForm() {
        BsonDocument document = document("""
                {"date": {"$date": "2020-01-01T00:00:00.123Z"}, "small": 5, "big": 3000000000, "real": 1.5,
                 "text": "x", "yes": true, "none": null, "list": [1, "a"], "nested": {"b": {"c": 1}}}""");

        assertThat(types(document)).containsExactly(
                Map.entry("date", BsonType.DATE_TIME), Map.entry("small", BsonType.INT32),
                Map.entry("big", BsonType.INT64), Map.entry("real", BsonType.DOUBLE),
                Map.entry("text", BsonType.STRING), Map.entry("yes", BsonType.BOOLEAN),
                Map.entry("none", BsonType.NULL), Map.entry("list", BsonType.ARRAY),
                Map.entry("nested", BsonType.DOCUMENT));
        assertThat(document.getDateTime("date").getValue()).isEqualTo(1577836800123L);
    }

    @Test
    void shouldKeepDollarPrefixedAndDottedKeys() {
        BsonDocument document = document("{\"$set\": 1, \"a.b\": 2, \"x\": {\"$foo\": \"bar\"}}");

        assertThat(document.keySet()).containsExactly("$set", "a.b", "x");
        assertThat(document.getDocument("x").getString("$foo").getValue()).isEqualTo("bar");
    }

    @Test
    void shouldRefuseAKeyTwiceInOneObjectAtAnyDepth() {
        assertThat(parse("{\"a\": 1, \"a\": 2}").problem()).isEqualTo("key \"a\" appears twice in one object");
        assertThat(parse("{\"a\": [{\"b\": 1, \"b\": 1}]}").problem()).contains("\"b\" appears twice");
        assertThat(parse("{\"a\": {\"b\": 1}, \"c\": {\"b\": 1}}").ok()).isTrue();
    }

    @Test
    void shouldReadDeepNestingUpToTheLimitAndRefuseDeeper() {
        assertThat(parse(nested(200)).ok()).isTrue();
        assertThat(parse(nested(ExtendedJsonParser.MAX_DEPTH)).ok()).isTrue();
        assertThat(parse(nested(ExtendedJsonParser.MAX_DEPTH + 1)).problem()).contains("deeper than 1000 levels");
    }

    /** A document nesting objects and arrays, alternately, {@code depth} levels deep (the document is level 1). */
    private static String nested(int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < depth; i++) {
            text.append(i % 2 == 1 ? "{\"a\": " : "[");
        }
        text.append(depth % 2 == 1 ? "{\"leaf\": true}" : "[true]");
        for (int i = depth - 1; i >= 1; i--) {
            text.append(i % 2 == 1 ? "}" : "]");
        }
        return text.toString();
    }

    @Test
    void shouldRefuseInvalidExtendedJsonWithTheReason() {
        assertThat(parse("{\"x\": {\"$oid\": \"xyz\"}}").problem()).startsWith("invalid JSON or Extended JSON");
        assertThat(parse("{\"x\": {\"$numberInt\": \"abc\"}}").problem()).contains("abc");
        assertThat(parse("{\"x\": {\"$date\": \"not a date\"}}").ok()).isFalse();
        assertThat(parse("{\"x\": 12345678901234567890}").ok()).isFalse();
        assertThat(parse("{\"x\": }").ok()).isFalse();
    }

    @Test
    void shouldRefuseWhatBsonCannotHoldAndTextThatIsNotUtf8() {
        assertThat(parse("{\"a\\u0000b\": 1}").problem()).contains("null character");
        assertThat(ExtendedJsonParser.parse(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}).problem())
                .isEqualTo("the text is not valid UTF-8");
        assertThat(parse("{\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}").problem())
                .isEqualTo("the text is an Extended JSON OBJECT_ID value, not a document");
    }
}
