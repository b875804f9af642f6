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

    @Test
    void shouldMapADocumentSourceWithThePrismaSchemaGiven() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("users.json"), "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}, "
                + "\"email\": \"ada@example.com\"}\n");
        Files.writeString(data.resolve("posts.json"), "{\"_id\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238d\"}, "
                + "\"authorId\": {\"$oid\": \"5ca4bbc7a2dd94ee5816238c\"}, \"views\": 3}\n");
        Path schema = Files.writeString(dir.resolve("schema.prisma"), """
                model users {
                  id    String  @id @map("_id") @db.ObjectId
                  email String  @unique
                  posts posts[]
                }
                model posts {
                  id       String @id @map("_id") @db.ObjectId
                  authorId String @db.ObjectId
                  views    Int    @default(0)
                  author   users  @relation(fields: [authorId], references: [id])
                }
                """);
        Path work = dir.resolve("work");

        CommandOutput result = CommandOutput.run("plan", "--source", "jsondir:" + data, "--prisma", schema.toString(),
                "--work", work.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Plan plan = PlanJson.read(work.resolve("plan.json"));
        assertThat(plan.table("posts").orElseThrow().column("views").orElseThrow().defaultSql()).isEqualTo("0");
        assertThat(plan.table("posts").orElseThrow().foreignKeys()).singleElement()
                .satisfies(fk -> assertThat(fk.refTable()).isEqualTo("users"));
        assertThat(plan.table("users").orElseThrow().indexes()).anyMatch(i -> i.name().equals("users_email_key"));
    }

    @Test
    void shouldRefuseAPrismaSchemaForASqliteSource() throws Exception {
        Path source = SampleDatabases.create(dir.resolve("shop.db"), "CREATE TABLE booking (id INTEGER PRIMARY KEY)");

        CommandOutput result = CommandOutput.run("plan", "--source", "sqlite:" + source, "--prisma",
                dir.resolve("schema.prisma").toString(), "--work", dir.resolve("work").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--prisma", "maps a document source", "leave out --prisma");
    }

    @Test
    void shouldNameAPrismaSchemaItCannotRead() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("users.json"), "{\"_id\": 1}\n");

        CommandOutput result = CommandOutput.run("plan", "--source", "jsondir:" + data, "--prisma",
                dir.resolve("missing.prisma").toString(), "--work", dir.resolve("work").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("cannot read the Prisma schema", "missing.prisma", "check --prisma");
    }

    private static CommandOutput plan(Path source, Path work) {
        return CommandOutput.run("plan", "--source", "sqlite:" + source, "--work", work.toString());
    }
}
