package dev.cutover.capture.document.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.migration.Migration;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each golden case's plan.json and migrations, byte for byte. After a deliberate change of the planner, rewrite the
 * expected files with {@code -Dcutover.golden.update=true} and review the difference.
 */
class DocumentPlanGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("cutover.golden.update");

    static List<PlanCase> cases() {
        return PlanCase.all();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shouldPlanAsTheGoldenFilesSay(PlanCase planCase) throws IOException {
        Plan plan = planCase.plan();
        compare(planCase.dir().resolve("plan.json"), PlanJson.toJson(plan));
        for (Migration migration : MigrationWriter.migrations(plan)) {
            compare(planCase.dir().resolve(migration.fileName()), migration.sql());
        }
    }

    private static void compare(Path expected, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as(expected.toString()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
