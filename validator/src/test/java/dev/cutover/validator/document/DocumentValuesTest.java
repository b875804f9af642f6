package dev.cutover.validator.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class DocumentValuesTest {
    private static JsonNode json(String text) {
        return DocumentValues.parse(text);
    }

    @Test
    void shouldMapAUuidBackToTheObjectIdItEmbeds() {
        BsonObjectId id = new BsonObjectId(new ObjectId("5ca4bbc7a2dd94ee5816238c"));

        assertThat(DocumentValues.matches(id, json("\"5ca4bbc7-a2dd-894e-8e58-16238c000000\""), "uuid")).isTrue();
        assertThat(DocumentValues.matches(id, json("\"5ca4bbc7-a2dd-894e-8e58-16238d000000\""), "uuid")).isFalse();
        assertThat(DocumentValues.matches(id, json("\"5ca4bbc7a2dd94ee5816238c\""), "text")).isTrue();
    }

    @Test
    void shouldCompareNumbersByValueWhateverTheirType() {
        assertThat(DocumentValues.matches(new BsonInt32(5), json("5"), "bigint")).isTrue();
        assertThat(DocumentValues.matches(new BsonInt64(5), json("5.0"), "numeric")).isTrue();
        assertThat(DocumentValues.matches(new BsonDouble(0.1), json("0.1"), "double precision")).isTrue();
        assertThat(DocumentValues.matches(new BsonDecimal128(Decimal128.parse("12.50")), json("12.5"), "numeric(12,2)"))
                .isTrue();
        assertThat(DocumentValues.matches(new BsonInt32(5), json("6"), "integer")).isFalse();
        assertThat(DocumentValues.matches(new BsonDouble(Double.NaN), json("\"NaN\""), "double precision")).isTrue();
    }

    @Test
    void shouldCompareDatesToTheMillisecondInUtc() {
        BsonDateTime date = new BsonDateTime(226117231123L);

        assertThat(DocumentValues.matches(date, json("\"1977-03-02T02:20:31.123\""), "timestamp(3)")).isTrue();
        assertThat(DocumentValues.matches(date, json("\"1977-03-02T02:20:31.124\""), "timestamp(3)")).isFalse();
    }

    @Test
    void shouldCompareNestedDocumentsStructurallyAsRelaxedExtendedJson() {
        BsonDocument nested = new BsonDocument("a", new BsonInt64(1))
                .append("when", new BsonDateTime(0))
                .append("list", new BsonArray(java.util.List.of(new BsonString("x"), BsonNull.VALUE)));

        assertThat(DocumentValues.matches(nested,
                json("{\"list\": [\"x\", null], \"a\": 1.0, \"when\": {\"$date\": \"1970-01-01T00:00:00Z\"}}"), "jsonb"))
                .isTrue();
        assertThat(DocumentValues.matches(nested, json("{\"a\": 1, \"list\": [\"x\"]}"), "jsonb")).isFalse();
    }

    @Test
    void shouldCompareArraysElementByElementAndNullsOnlyWithNulls() {
        BsonArray tags = new BsonArray(java.util.List.of(new BsonString("a"), new BsonString("b")));

        assertThat(DocumentValues.matches(tags, json("[\"a\", \"b\"]"), "text[]")).isTrue();
        assertThat(DocumentValues.matches(tags, json("[\"b\", \"a\"]"), "text[]")).isFalse();
        assertThat(DocumentValues.matches(null, json("null"), "text")).isTrue();
        assertThat(DocumentValues.matches(BsonNull.VALUE, null, "text")).isTrue();
        assertThat(DocumentValues.matches(new BsonString(""), json("null"), "text")).isFalse();
        assertThat(DocumentValues.matches(BsonBoolean.TRUE, json("true"), "boolean")).isTrue();
        assertThat(DocumentValues.matches(new BsonBinary(new byte[] {1, (byte) 0xab}), json("\"\\\\x01ab\""), "bytea"))
                .isTrue();
    }

    @Test
    void shouldWriteKeysAsPostgresInputAndCanonicalizeBothSidesAlike() {
        BsonObjectId id = new BsonObjectId(new ObjectId("5ca4bbc7a2dd94ee5816238c"));

        assertThat(DocumentValues.keyText(id, "uuid")).contains("5ca4bbc7-a2dd-894e-8e58-16238c000000");
        assertThat(DocumentValues.keyText(new BsonInt32(42), "bigint")).contains("42");
        assertThat(DocumentValues.canonical(DocumentValues.keyText(new BsonDouble(1.0), "numeric").orElseThrow()))
                .isEqualTo(DocumentValues.canonical(json("1")));
        assertThat(DocumentValues.canonical(DocumentValues.keyText(new BsonDateTime(1500), "timestamp(3)").orElseThrow()))
                .isEqualTo(DocumentValues.canonical(json("\"1970-01-01T00:00:01.5\"")));
    }

    @Test
    void shouldMatchAJsonbKeyWhateverOrderPostgresKeepsItsMembersIn() {
        BsonDocument compound = new BsonDocument("region", new BsonString("eu")).append("n", new BsonInt32(7));

        String keyText = DocumentValues.keyText(compound, "jsonb").orElseThrow();

        assertThat(DocumentValues.canonicalKey(keyText, "jsonb"))
                .isEqualTo(DocumentValues.canonical(json("{\"n\": 7, \"region\": \"eu\"}")));
        assertThat(DocumentValues.canonicalKey(keyText, "jsonb"))
                .isNotEqualTo(DocumentValues.canonical(json("{\"n\": 8, \"region\": \"eu\"}")));
    }
}
