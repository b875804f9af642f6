package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory planned by the shared document planner through {@link JsonDirSource}, then captured with that plan. */
class JsonDirPlanTest {
    /** MongoDB's sample datasets as mongoexport writes them, shared by the team (not part of this repository). */
    private static final Path SAMPLES = Path.of("../../shared/data/json").toAbsolutePath().normalize();

    @TempDir
    Path root;
    @TempDir
    Path work;

    private static TablePlan main(Plan plan, String collection) {
        return plan.tables().stream().filter(t -> t.fromDocuments() && !t.document().owned()
                && t.document().collection().equals(collection)).findFirst().orElseThrow();
    }

    @Test
    void shouldPlanMongoexportFilesAndCaptureThemWithThatPlan() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES.resolve("sample_analytics")), "no sample data at " + SAMPLES);
        for (String file : List.of("accounts.json", "customers.json")) {
            Files.copy(SAMPLES.resolve("sample_analytics").resolve(file), root.resolve(file),
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        Source source = Sources.parse("jsondir:" + root);

        Plan plan = source.plan(PlanOptions.defaults());

        assertThat(plan.source()).isEqualTo("jsondir:" + root);
        assertThat(main(plan, "accounts").key().sourceColumns()).containsExactly("_id");
        assertThat(main(plan, "customers").key().sourceColumns()).containsExactly("_id");
        assertThat(source.rowCounts(List.of("accounts", "customers")))
                .isEqualTo(Map.of("accounts", 1746L, "customers", 500L));
        try (JsonDirCaptureDriver capture = JsonDirCaptureDriver.start(root, work, plan, Map.of(
                JsonDirConnectorConfig.BATCH_ROWS, "500", JsonDirConnectorConfig.RAW_PARTITIONS, "4"))) {
            capture.assertConverged();
            assertThat(capture.replica().get("accounts")).hasSize(1746);
            assertThat(capture.replica().get("customers")).hasSize(500);
            assertThat(capture.letters()).isEmpty();
        }
        try (var back = source.readBack(false)) {
            assertThat(back.count(main(plan, "accounts"))).isEqualTo(1746);
        }
    }

    @Test
    void shouldPlanAConversationStoreByIdAndFileName() {
        new TestDirectory(root)
                .write("conversations/a.json", "{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}")
                .write("conversations/b.json", "{\"id\": \"b\", \"messages\": []}")
                .write("usage/ann.json", "{\"daily\": 1, \"monthly\": 3}")
                .settle();

        Plan plan = Sources.parse("jsondir:" + root).plan(PlanOptions.defaults());

        assertThat(main(plan, "conversations").key().sourceColumns()).containsExactly("id");
        assertThat(main(plan, "usage").key().sourceColumns()).containsExactly("$file");
        try (JsonDirCaptureDriver capture = JsonDirCaptureDriver.start(root, work, plan, Map.of())) {
            capture.assertConverged();
            assertThat(capture.replica().get("usage")).containsOnlyKeys("{\"$file\": \"ann\"}");
            assertThat(capture.replica().get("conversations")).containsOnlyKeys("{\"id\": \"a\"}", "{\"id\": \"b\"}");
        }
    }
}
