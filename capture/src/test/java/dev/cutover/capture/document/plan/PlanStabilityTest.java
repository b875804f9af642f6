package dev.cutover.capture.document.plan;

import static dev.cutover.capture.document.plan.Planned.column;
import static dev.cutover.capture.document.plan.Planned.plan;
import static dev.cutover.capture.document.plan.Planned.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.document.DocumentCollections;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/** The same data gives the same plan, byte for byte; data keyed by field names cannot make the profile grow. */
class PlanStabilityTest {

    @Test
    void shouldPlanTheSameDataIntoTheSameBytes() {
        PlanCase references = new PlanCase("references", "references");
        Plan first = references.plan();
        Plan second = references.plan();
        assertThat(PlanJson.toJson(second)).isEqualTo(PlanJson.toJson(first));
        assertThat(MigrationWriter.migrations(second)).isEqualTo(MigrationWriter.migrations(first));
    }

    @Test
    void shouldNotDependOnTheOrderTheSourceListsCollectionsIn() {
        MemoryCollections listed = new PlanCase("references", "references").collections();
        DocumentCollections reversed = new DocumentCollections() {
            @Override
            public List<String> collections() {
                List<String> names = new ArrayList<>(listed.collections());
                Collections.reverse(names);
                return names;
            }

            @Override
            public Cursor documents(String collection) {
                return listed.documents(collection);
            }

            @Override
            public boolean filePerDocument(String collection) {
                return listed.filePerDocument(collection);
            }

            @Override
            public long count(String collection) {
                return listed.count(collection);
            }
        };
        Declarations declared = new PlanCase("references", "references").declarations();
        assertThat(PlanJson.toJson(Planned.plan(reversed, declared)))
                .isEqualTo(PlanJson.toJson(Planned.plan(listed, declared)));
    }

    @Test
    void shouldProfileAtMostFiveHundredFieldNamesAndSendTheRestToExtra() {
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            documents.add(new BsonDocument("_id", new BsonInt32(i)).append("day-" + i, new BsonInt32(i)));
        }
        Plan plan = plan(new MemoryCollections().add("counters", documents));
        assertThat(table(plan, "counters").columns()).hasSize(ShapeProfile.TOP_FIELDS + 1);
        assertThat(table(plan, "counters").notes()).anyMatch(n -> n.startsWith("1501 values of fields beyond the first "
                + "500 field names (e.g. day-1000, day-1001, day-1002, day-1003, day-1004) have no column and go to "
                + "_extra"));
    }

    @Test
    void shouldStopListingTheNamesOfObjectsKeyedByData() {
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            documents.add(new BsonDocument("_id", new BsonInt32(i))
                    .append("daily", new BsonDocument("2025-01-" + i, new BsonInt32(i))));
        }
        Plan plan = plan(new MemoryCollections().add("usage", documents));
        assertThat(column(plan, "usage", "daily").note())
                .isEqualTo("object 100; objects whose field names vary (more than 32).");
    }

    @Test
    void shouldPlanDeeplyNestedAndLargeDocuments() {
        BsonDocument deep = new BsonDocument("leaf", new BsonInt32(1));
        for (int i = 0; i < 299; i++) {
            deep = new BsonDocument("level", i % 2 == 0 ? deep : new BsonArray(List.of(deep)));
        }
        String big = "x".repeat(16 * 1024 * 1024);
        Plan plan = plan(new MemoryCollections().add("hostile", List.of(
                new BsonDocument("_id", new BsonInt32(1)).append("deep", deep)
                        .append("big", new BsonString(big)),
                new BsonDocument("_id", new BsonInt32(2)).append("deep", new BsonDocument("leaf", new BsonInt32(2)))
                        .append("big", new BsonString("small")))));
        assertThat(column(plan, "hostile", "deep").note()).isEqualTo("object 2; objects with fields leaf, level, "
                + "nested deeper than 256.");
        assertThat(column(plan, "hostile", "big").note()).isEqualTo("string 2; strings up to 16777216 characters.");
        assertThat(column(plan, "hostile", "big").targetType()).isEqualTo("text");
    }

    @Test
    void shouldKeepTheDeclarationsInThePlan() {
        Declarations declared = new PlanCase("seed003_declared", "seed003").declarations();
        assertThat(new PlanCase("seed003_declared", "seed003").plan().declarations()).isEqualTo(declared);
        assertThat(new PlanCase("seed003", "seed003").plan().declarations()).isNull();
    }
}
