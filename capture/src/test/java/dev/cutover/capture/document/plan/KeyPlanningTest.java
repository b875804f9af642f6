package dev.cutover.capture.document.plan;

import static dev.cutover.capture.document.plan.Planned.column;
import static dev.cutover.capture.document.plan.Planned.plan;
import static dev.cutover.capture.document.plan.Planned.table;
import static dev.cutover.capture.document.plan.Planned.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which key each collection gets, and its type. */
class KeyPlanningTest {

    @Test
    void shouldKeyObjectIdsAsUuidsByTheIdRule() {
        Plan plan = plan(new MemoryCollections().add("users", "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}}"));
        TablePlan users = table(plan, "users");
        assertThat(users.key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"), List.of("_id"),
                "users_pkey"));
        assertThat(type(plan, "users", "_id")).isEqualTo("uuid");
        assertThat(column(plan, "users", "_id").notNull()).isTrue();
        assertThat(column(plan, "users", "_id").note()).contains("objectId 1", "id rule");
    }

    @Test
    void shouldKeepOtherIdTypesAndWidenIntAndLong() {
        Plan plan = plan(new MemoryCollections()
                .add("texts", "{\"_id\": \"a\"}", "{\"_id\": \"b\"}")
                .add("numbers", "{\"_id\": 1}", "{\"_id\": {\"$numberLong\": \"3000000000\"}}")
                .add("uuids", "{\"_id\": {\"$uuid\": \"00112233-4455-6677-8899-aabbccddeeff\"}}")
                .add("dates", "{\"_id\": {\"$date\": \"2025-01-01T00:00:00Z\"}}"));
        assertThat(type(plan, "texts", "_id")).isEqualTo("text");
        assertThat(type(plan, "numbers", "_id")).isEqualTo("bigint");
        assertThat(column(plan, "numbers", "_id").note()).contains("int 1, long 1", "widened to bigint");
        assertThat(type(plan, "uuids", "_id")).isEqualTo("uuid");
        assertThat(type(plan, "dates", "_id")).isEqualTo("timestamp(3)");
    }

    @Test
    void shouldKeyMixedIdTypesByJsonbSoNoTwoCollide() {
        Plan plan = plan(new MemoryCollections().add("mixed", "{\"_id\": 1}", "{\"_id\": \"1\"}",
                "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}}"));
        assertThat(type(plan, "mixed", "_id")).isEqualTo("jsonb");
        assertThat(column(plan, "mixed", "_id").note()).contains("a mix of int, string, objectId", "no two differing ids");
    }

    @Test
    void shouldMakeACompoundIdACompositeKey() {
        Plan plan = plan(new MemoryCollections().add("daily", "{\"_id\": {\"user\": \"a\", \"day\": 1}, \"n\": 3}",
                "{\"_id\": {\"user\": \"a\", \"day\": 2}, \"n\": 4}"));
        TablePlan daily = table(plan, "daily");
        assertThat(daily.key().sourceColumns()).containsExactly("_id.user", "_id.day");
        assertThat(daily.key().targetColumns()).containsExactly("_id.user", "_id.day");
        assertThat(daily.key().kind()).isEqualTo(KeyPlan.KeyKind.DOCUMENT_ID);
        assertThat(type(plan, "daily", "_id.user")).isEqualTo("text");
        assertThat(type(plan, "daily", "_id.day")).isEqualTo("integer");
        assertThat(daily.column("_id")).isEmpty();
    }

    @Test
    void shouldNotSplitACompoundIdWhoseFieldsComeInAnotherOrder() {
        Plan plan = plan(new MemoryCollections().add("pairs", "{\"_id\": {\"a\": 1, \"b\": 2}}",
                "{\"_id\": {\"b\": 2, \"a\": 1}}"));
        assertThat(table(plan, "pairs").key().sourceColumns()).containsExactly("_id");
        assertThat(type(plan, "pairs", "_id")).isEqualTo("jsonb");
    }

    @Test
    void shouldKeyByIdWhenNoDocumentHasAnUnderscoreId() {
        Plan plan = plan(new MemoryCollections().add("things", "{\"id\": 1}", "{\"id\": 2}")
                .add("repeated", "{\"id\": 1}", "{\"id\": 1}"));
        assertThat(table(plan, "things").key().sourceColumns()).containsExactly("id");
        assertThat(table(plan, "repeated").key().sourceColumns()).containsExactly("$hash");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("repeated: 1 repeated id"));
    }

    @Test
    void shouldKeyAFolderOfFilesByFileNameAndOthersByHash() {
        Plan plan = plan(new MemoryCollections().folder("usage").add("usage", "{\"daily\": 1}")
                .add("events", "{\"what\": \"x\"}"));
        TablePlan usage = table(plan, "usage");
        assertThat(usage.key().sourceColumns()).containsExactly("$file");
        assertThat(usage.key().targetColumns()).containsExactly("_file");
        assertThat(type(plan, "usage", "$file")).isEqualTo("text");
        TablePlan events = table(plan, "events");
        assertThat(events.key().sourceColumns()).containsExactly("$hash");
        assertThat(events.key().targetColumns()).containsExactly("_hash");
        assertThat(events.notes()).anyMatch(n -> n.contains("a changed document is a delete plus an insert"));
    }

    @Test
    void shouldKeepAFieldCalledFileWhenTheFileNameKeyNeedsAColumn() {
        Plan plan = plan(new MemoryCollections().folder("notes").add("notes", "{\"_file\": \"mine\"}"));
        assertThat(table(plan, "notes").key().targetColumns()).containsExactly("_file_1");
        assertThat(column(plan, "notes", "_file").target()).isEqualTo("_file");
    }

    @Test
    void shouldUseADeclaredKey() {
        Declarations declared = new Declarations(null, null,
                List.of(new Declarations.Key("pages", List.of("tenant", "slug"))), null, null, null);
        Plan plan = plan(new MemoryCollections().add("pages", "{\"tenant\": \"a\", \"slug\": \"x\"}",
                "{\"tenant\": \"a\", \"slug\": \"y\"}", "{\"tenant\": \"a\", \"slug\": \"y\"}"), declared);
        TablePlan pages = table(plan, "pages");
        assertThat(pages.key().sourceColumns()).containsExactly("tenant", "slug");
        assertThat(pages.notes()).contains("keyed by the declared key (tenant, slug)");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("1 repeated declared key (tenant, slug)"));
    }

    @Test
    void shouldNotKeyByAnIdSomeDocumentsLack() {
        Plan plan = plan(new MemoryCollections().add("partial", "{\"_id\": \"x\"}", "{\"n\": 2}"));
        assertThat(table(plan, "partial").key().sourceColumns()).containsExactly("$hash");
        assertThat(column(plan, "partial", "_id").notNull()).isFalse();
        assertThat(plan.warnings()).anyMatch(w -> w.contains("_id is missing or null in 1 of 2 documents"));
    }

    @Test
    void shouldKeyAnEmptyCollectionByObjectIdAndSaySo() {
        Plan plan = plan(new MemoryCollections().add("empty", List.of()));
        assertThat(type(plan, "empty", "_id")).isEqualTo("uuid");
        assertThat(table(plan, "empty").notes()).anyMatch(n -> n.contains("empty when planned"));
        assertThat(table(plan, "empty").sourceRows()).isZero();
    }

    @Test
    void shouldWarnAboutRepeatedIds() {
        Plan plan = plan(new MemoryCollections().add("dupes", "{\"_id\": \"a\"}", "{\"_id\": \"a\"}"));
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("collection dupes: 1 repeated _id"));
    }
}
