package dev.cutover.transform.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.UuidRepresentation;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.json.JsonReader;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class ExtendedJsonWriterTest {

    private static BsonDocument everyType() {
        return new BsonDocument()
                .append("int", new BsonInt32(-7)).append("long", new BsonInt64(9_007_199_254_740_993L))
                .append("double", new BsonDouble(0.1)).append("whole", new BsonDouble(3))
                .append("huge", new BsonDouble(1e300)).append("tiny", new BsonDouble(-4.9e-324))
                .append("nan", new BsonDouble(Double.NaN)).append("inf", new BsonDouble(Double.NEGATIVE_INFINITY))
                .append("decimal", new BsonDecimal128(Decimal128.parse("-1.50E+3")))
                .append("text", new BsonString("quote \" backslash \\ tab \t nul \u0000 é 😀 \u2028 \u007f"))
                .append("bool", BsonBoolean.TRUE).append("null", BsonNull.VALUE)
                .append("oid", new BsonObjectId(new ObjectId("5f1a2b3c4d5e6f7081928374")))
                .append("date", new BsonDateTime(1_700_000_000_123L))
                .append("second", new BsonDateTime(1_700_000_000_000L))
                .append("before1970", new BsonDateTime(-1L)).append("after9999", new BsonDateTime(253_402_300_800_000L))
                .append("binary", new BsonBinary(new byte[] {1, 2, (byte) 0xff}))
                .append("uuid", new BsonBinary(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        UuidRepresentation.STANDARD))
                .append("user", new BsonBinary((byte) 0x80, new byte[] {9}))
                .append("timestamp", new BsonTimestamp(5, 6)).append("regex", new BsonRegularExpression("^a", "i"))
                .append("code", new BsonJavaScript("f()")).append("symbol", new BsonSymbol("s"))
                .append("undefined", new BsonUndefined()).append("min", new BsonMinKey())
                .append("max", new BsonMaxKey())
                .append("array", new BsonArray(List.of(new BsonInt32(1), new BsonArray(), new BsonDocument())))
                .append("$dollar", new BsonDocument("dotted.name", new BsonString("x")));
    }

    private static BsonDocument read(String json) {
        return new BsonDocumentCodec().decode(new JsonReader(json), DecoderContext.builder().build());
    }

    @Test
    void shouldReadBackAsTheSameValues() {
        BsonDocument document = everyType();

        assertThat(read(ExtendedJsonWriter.of(document))).isEqualTo(document);
    }

    @Test
    void shouldWriteTheRelaxedFormsTheLibraryWrites() {
        BsonDocument common = new BsonDocument()
                .append("oid", new BsonObjectId(new ObjectId("5f1a2b3c4d5e6f7081928374")))
                .append("date", new BsonDateTime(1_700_000_000_123L))
                .append("second", new BsonDateTime(1_700_000_000_000L))
                .append("old", new BsonDateTime(-1000L)).append("decimal", new BsonDecimal128(Decimal128.parse("1.50")))
                .append("binary", new BsonBinary(new byte[] {1, 2, 3})).append("int", new BsonInt32(1))
                .append("whole", new BsonDouble(3)).append("nan", new BsonDouble(Double.NaN))
                .append("text", new BsonString("a \"b\"\n")).append("array", new BsonArray(List.of(BsonBoolean.FALSE)));

        assertThat(ExtendedJsonWriter.of(common)).isEqualTo(common.toJson(ExtendedJsonWriter.RELAXED));
    }

    @Test
    void shouldEscapeAStringAsTheRowValuesAreEscapedAndReadItBack() {
        BsonDocument document = new BsonDocument("s", new BsonString("a\0\u007f\u2028 \uD83D\uDE00 \"q\" \\ \uD800"));

        String json = ExtendedJsonWriter.of(document);

        assertThat(json).isEqualTo("{\"s\": \"a\\u0000\\u007f\\u2028 \uD83D\uDE00 \\\"q\\\" \\\\ \\ud800\"}");
        assertThat(read(json)).isEqualTo(document);
    }

    @Test
    void shouldWriteScalarsAtTheTopLevel() {
        assertThat(ExtendedJsonWriter.of(new BsonString("a"))).isEqualTo("\"a\"");
        assertThat(ExtendedJsonWriter.of(new BsonInt64(5))).isEqualTo("5");
        assertThat(ExtendedJsonWriter.of(new BsonTimestamp(5, 6))).isEqualTo("{\"$timestamp\": {\"t\": 5, \"i\": 6}}");
        assertThat(ExtendedJsonWriter.of(new BsonArray(List.of(new BsonInt32(1), BsonNull.VALUE))))
                .isEqualTo("[1, null]");
    }

    @Test
    void shouldWriteDatesAsIsoTextWithMilliseconds() {
        StringBuilder out = new StringBuilder();
        ExtendedJsonWriter.isoDate(out, 0, true);
        out.append(' ');
        ExtendedJsonWriter.isoDate(out, -62_135_596_800_000L, true);
        out.append(' ');
        ExtendedJsonWriter.isoDate(out, -1, false);
        out.append(' ');
        ExtendedJsonWriter.isoDate(out, 253_402_300_800_000L, true);

        assertThat(out).hasToString("1970-01-01T00:00:00.000Z 0001-01-01T00:00:00.000Z 1969-12-31T23:59:59.999Z"
                + " +10000-01-01T00:00:00.000Z");
    }
}
