package dev.cutover.schemas.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

    @Test
    void shouldReadBackWhatItWrites() {
        Plan plan = PlanFixtures.shop();
        assertThat(PlanJson.fromJson(PlanJson.toJson(plan))).isEqualTo(plan);
    }

    @Test
    void shouldWriteTheSameBytesForTheSamePlan() {
        assertThat(PlanJson.toJson(PlanFixtures.shop())).isEqualTo(PlanJson.toJson(PlanFixtures.shop()));
    }

    @Test
    void shouldKeepTheFieldsAddedForTheMigrationsAndExistingTargets() {
        ForeignKeyPlan existing = new ForeignKeyPlan("Post_authorId_fkey", List.of("authorId"), "User", List.of("id"),
                "CASCADE", "CASCADE", "FOREIGN KEY (\"authorId\") REFERENCES \"User\"(id) ON UPDATE CASCADE ON DELETE CASCADE");
        ValueProfile profile = new ValueProfile(1, 0, 2, 0, 0, null, null, null, 0, 2451545.0, 2460000.5);
        TablePlan table = new TablePlan("Post", "Post", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"),
                List.of("id"), "Post_pkey"), List.of(new ColumnPlan("at", "at", "DATETIME", "timestamp", false, null,
                null, false, NumericDates.JULIAN_DAY, profile, null)),
                List.of(new IndexPlan("Post_fts_idx", false, List.of("to_tsvector('simple', \"at\")"), null, "x", "gin")),
                List.of(), List.of(existing), 3, List.of());
        Plan plan = new Plan(Plan.FORMAT_VERSION, "sqlite:/x", SchemaMode.EXISTING, "public", List.of(table), List.of(),
                List.of(), List.of(), List.of(), List.of());
        String json = PlanJson.toJson(plan);
        assertThat(json).contains("\"definition\"", "\"method\" : \"gin\"", "\"name\" : \"Post_pkey\"", "\"maxReal\"");
        assertThat(PlanJson.fromJson(json)).isEqualTo(plan);
    }

    @Test
    void shouldReadBackADocumentPlanWithItsEnumsAndDeclarations() {
        Plan plan = PlanFixtures.documents();

        String json = PlanJson.toJson(plan);

        assertThat(PlanJson.fromJson(json)).isEqualTo(plan);
        assertThat(json).contains("\"arrayField\" : \"accounts\"", "\"kind\" : \"JUNCTION\"", "\"DOCUMENT_ID\"",
                "\"declarations\"", "\"enums\"");
    }

    @Test
    void shouldReadBackADocumentTablesSchemaNamesAndExtraFieldsAndLeaveThemOutWhenEmpty() {
        DocumentPlan named = new DocumentPlan("crm_Accounts", null, "_extra", List.of(), List.of(),
                List.of("nickname"), java.util.Map.of("_id", "id", DocumentPlan.TABLE_ALIAS, "Account"));
        TablePlan table = new TablePlan("crm_Accounts", "crm_Accounts", new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID,
                List.of("_id"), List.of("_id")), List.of(), List.of(), List.of(), List.of(), 0, List.of(), named);
        Plan plan = new Plan(Plan.FORMAT_VERSION, "jsondir:/x", SchemaMode.GENERATE, "public", List.of(table),
                List.of(), List.of(), List.of(), List.of(), List.of());

        String json = PlanJson.toJson(plan);

        assertThat(PlanJson.fromJson(json)).isEqualTo(plan);
        assertThat(json).contains("\"aliases\" : {\n", "\"$table\" : \"Account\"", "\"extraFields\" : [ \"nickname\" ]");
        assertThat(PlanJson.toJson(PlanFixtures.documents())).doesNotContain("\"aliases\"", "\"extraFields\"");
    }

    @Test
    void shouldLeaveEnumsAndDeclarationsOutOfATabularPlan() {
        assertThat(PlanJson.toJson(PlanFixtures.shop())).doesNotContain("\"enums\"", "\"declarations\"", "\"document\"");
    }
}
