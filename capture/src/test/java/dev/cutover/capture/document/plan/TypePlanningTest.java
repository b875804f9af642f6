package dev.cutover.capture.document.plan;

import static dev.cutover.capture.document.plan.Planned.column;
import static dev.cutover.capture.document.plan.Planned.plan;
import static dev.cutover.capture.document.plan.Planned.table;
import static dev.cutover.capture.document.plan.Planned.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.Rename;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Column types from what the documents hold, widening with its reason, NOT NULL, names kept exactly. */
class TypePlanningTest {

    @ParameterizedTest(name = "{0} and {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "1 | 2 | integer",
            "1 | {\"$numberLong\": \"3000000000\"} | bigint",
            "1.5 | 2.5 | double precision",
            "{\"$numberDecimal\": \"1.10\"} | {\"$numberDecimal\": \"2\"} | numeric",
            "true | false | boolean",
            "{\"$date\": \"2025-01-01T00:00:00Z\"} | {\"$date\": \"2025-01-02T00:00:00.123Z\"} | timestamp(3)",
            "~a~ | ~b~ | text",
            "{\"$binary\": {\"base64\": \"AQID\", \"subType\": \"00\"}} | {\"$binary\": {\"base64\": \"AQ==\", \"subType\": \"00\"}} | bytea",
            "{\"$uuid\": \"00112233-4455-6677-8899-aabbccddeeff\"} | {\"$uuid\": \"00112233-4455-6677-8899-aabbccddeef0\"} | uuid",
            "{\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"} | {\"$oid\": \"5ca4bbc7a2dd94ee5816238d\"} | uuid",
            "{\"a\": 1} | {\"b\": 2} | jsonb",
            "[1, 2] | [3] | integer[]",
            "[1] | [{\"$numberLong\": \"3000000000\"}] | bigint[]",
            "[1] | [2.5] | double precision[]",
            "[~a~] | [] | text[]",
            "[true] | [false] | boolean[]",
            "[{\"$date\": \"2025-01-01T00:00:00Z\"}] | [] | timestamp(3)[]",
            "[{\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}] | [] | uuid[]",
            "[{\"$numberDecimal\": \"1.1\"}] | [2] | numeric[]",
            "[1, ~a~] | [] | jsonb",
            "[[1, 2]] | [[3]] | jsonb",
            "[] | [] | jsonb",
            "[{\"a\": 1}] | [{\"a\": 2}] | jsonb",
            "1 | [1] | jsonb",
            "1 | 2.5 | double precision",
            "{\"$numberLong\": \"9007199254740993\"} | 2.5 | numeric",
            "1 | {\"$numberDecimal\": \"2.5\"} | numeric",
            "1 | ~a~ | text",
            "{\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"} | ~a~ | text",
            "true | 1 | jsonb",
            "{\"a\": 1} | ~a~ | jsonb",
            "{\"$uuid\": \"00112233-4455-6677-8899-aabbccddeeff\"} | {\"$binary\": {\"base64\": \"AQ==\", \"subType\": \"00\"}} | bytea",
            "{\"$regularExpression\": {\"pattern\": \"a\", \"options\": \"\"}} | {\"$regularExpression\": {\"pattern\": \"b\", \"options\": \"\"}} | jsonb",
            "{\"$timestamp\": {\"t\": 1, \"i\": 1}} | {\"$timestamp\": {\"t\": 2, \"i\": 1}} | jsonb",
            "null | null | jsonb"})
    void shouldTypeAFieldByItsValues(String first, String second, String expected) {
        Plan plan = plan(new MemoryCollections().add("things", "{\"_id\": 1, \"v\": " + json(first) + "}",
                "{\"_id\": 2, \"v\": " + json(second) + "}"));
        assertThat(type(plan, "things", "v")).isEqualTo(expected);
    }

    private static String json(String value) {
        return value.replace('~', '"');
    }

    @Test
    void shouldSayWhyAFieldWasWidened() {
        Plan plan = plan(new MemoryCollections().add("things", "{\"_id\": 1, \"v\": 1, \"w\": 1}",
                "{\"_id\": 2, \"v\": 2.5, \"w\": \"x\"}"));
        assertThat(column(plan, "things", "v").note()).isEqualTo("int 1, double 1. double mixed with int: widened to "
                + "double precision, exact for every integer seen (none beyond 2^53).");
        assertThat(column(plan, "things", "w").note()).isEqualTo("int 1, string 1; strings up to 1 character. string "
                + "mixed with int: text holds every value (the others in their text form).");
    }

    @Test
    void shouldBeNotNullOnlyWhenEveryDocumentHasAValue() {
        Plan plan = plan(new MemoryCollections().add("things", "{\"_id\": 1, \"all\": 1, \"some\": 1, \"nulls\": 1}",
                "{\"_id\": 2, \"all\": 2, \"nulls\": null}"));
        assertThat(column(plan, "things", "all").notNull()).isTrue();
        assertThat(column(plan, "things", "some").notNull()).isFalse();
        assertThat(column(plan, "things", "some").note()).startsWith("int 1, missing 1");
        assertThat(column(plan, "things", "nulls").notNull()).isFalse();
        assertThat(column(plan, "things", "nulls").note()).startsWith("int 1, null 1");
    }

    @Test
    void shouldGiveEveryMainTableAnExtraColumn() {
        Plan plan = plan(new MemoryCollections().add("things", "{\"_id\": 1}"));
        assertThat(table(plan, "things").document().extraColumn()).isEqualTo(DocumentPlan.EXTRA_COLUMN);
        assertThat(type(plan, "things", "_extra")).isEqualTo("jsonb");
        assertThat(table(plan, "things").columns()).last().extracting(c -> c.target()).isEqualTo("_extra");
    }

    @Test
    void shouldKeepFieldNamesExactlyAndShortenOnlyWhatPostgresqlCannotHold() {
        String longName = "f".repeat(70);
        Plan plan = plan(new MemoryCollections().add("things", "{\"_id\": 1, \"a.b\": 1, \"$price\": 2, \"\": 3, "
                + "\"_extra\": 4, \"Mixed Case\": 5, \"" + longName + "\": 6}"));
        assertThat(table(plan, "things").columns()).extracting(c -> c.source() + " -> " + c.target())
                .containsExactly("_id -> _id", "a.b -> a.b", "$price -> $price", " -> _", "_extra -> _extra",
                        "Mixed Case -> Mixed Case", longName + " -> " + "f".repeat(54) + "_8c7f63be",
                        "_extra_1 -> _extra_1");
        assertThat(table(plan, "things").document().extraColumn()).isEqualTo("_extra_1");
        assertThat(plan.renames()).contains(new Rename("column", "things", "", "_"),
                new Rename("column", "things", longName, "f".repeat(54) + "_8c7f63be"));
    }

    @Test
    void shouldProposeAnEnumForAFewDistinctStringsAndAChildTableForStableDocuments() {
        MemoryCollections collections = new MemoryCollections();
        for (int i = 0; i < 8; i++) {
            collections.add("orders", "{\"_id\": " + i + ", \"status\": \"" + (i % 2 == 0 ? "new" : "paid")
                    + "\", \"lines\": [{\"sku\": \"s" + i + "\", \"qty\": " + i + "}]}");
        }
        Plan plan = plan(collections);
        assertThat(column(plan, "orders", "status").note()).contains("2 distinct values (new, paid): declare them "
                + "under declarations.enums");
        assertThat(column(plan, "orders", "lines").note()).contains("declare the field under declarations.children");
    }
}
