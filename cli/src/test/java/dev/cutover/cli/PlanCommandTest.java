package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.RulePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover plan} over a work directory that holds a reviewed plan of the same source. */
class PlanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheOperatorsDeclarationsAndRulesWhenPlanningAgain() throws Exception {
        Path source = SampleDatabases.create(dir.resolve("shop.db"),
                "CREATE TABLE booking (id INTEGER PRIMARY KEY, starts TEXT, ends TEXT)");
        Path work = dir.resolve("work");
        assertThat(plan(source, work).exitCode()).isZero();
        ObjectNode reviewed = (ObjectNode) JSON.readTree(work.resolve("plan.json").toFile());
        reviewed.set("rules", JSON.valueToTree(List.of(
                new RulePlan("booking", "ends after it starts", "\"ends\" > \"starts\""))));
        reviewed.set("declarations", JSON.valueToTree(new Declarations(null, null, null, null,
                List.of(new Declarations.Search("booking", List.of("starts"), "simple")), null)));
        Files.writeString(work.resolve("plan.json"), JSON.writeValueAsString(reviewed));
        SampleDatabases.create(source, "ALTER TABLE booking ADD COLUMN note TEXT");

        CommandOutput again = plan(source, work);

        assertThat(again.exitCode()).isZero();
        Plan replanned = PlanJson.read(work.resolve("plan.json"));
        assertThat(replanned.table("booking").orElseThrow().columns()).extracting(ColumnPlan::source)
                .as("planned anew").contains("note");
        assertThat(replanned.rules()).containsExactly(
                new RulePlan("booking", "ends after it starts", "\"ends\" > \"starts\""));
        assertThat(replanned.declared().search()).containsExactly(
                new Declarations.Search("booking", List.of("starts"), "simple"));
    }

    @Test
    void shouldRefuseToPlanAgainOverAPlanItCannotReadAndLeaveIt() throws Exception {
        Path source = SampleDatabases.create(dir.resolve("shop.db"), "CREATE TABLE booking (id INTEGER PRIMARY KEY)");
        Path work = dir.resolve("work");
        assertThat(plan(source, work).exitCode()).isZero();
        String broken = Files.readString(work.resolve("plan.json")).replaceFirst("\\{", "{ \"rules\": [ oops ],");
        Files.writeString(work.resolve("plan.json"), broken);

        CommandOutput again = plan(source, work);

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains(work.resolve("plan.json").toString(), "cannot keep the declarations and rules",
                "delete it to plan from scratch");
        assertThat(Files.readString(work.resolve("plan.json"))).isEqualTo(broken);
    }

    private static CommandOutput plan(Path source, Path work) {
        return CommandOutput.run("plan", "--source", "sqlite:" + source, "--work", work.toString());
    }
}
