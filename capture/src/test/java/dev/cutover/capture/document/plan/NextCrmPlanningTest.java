package dev.cutover.capture.document.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.prisma.PrismaParser;
import dev.cutover.capture.prisma.PrismaSchema;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.EnumPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NextCRM's Prisma schema as the mapping of NextCRM-shaped documents (every model, both sides of every relation). */
class NextCrmPlanningTest {
    private static final PlanCase NEXTCRM = PlanCase.nextCrm();
    private static PrismaSchema schema;
    private static Plan plan;

    @BeforeAll
    static void plan() {
        schema = PrismaParser.parse(PlanCase.NEXTCRM_SCHEMA);
        plan = NEXTCRM.plan();
    }

    @Test
    void shouldPlanEveryModelAsATableWithAColumnPerStoredField() {
        for (PrismaSchema.Model model : schema.models()) {
            TablePlan table = Planned.table(plan, model.collection());
            for (PrismaSchema.Field field : model.fields()) {
                boolean relationField = schema.model(field.type()).isPresent();
                boolean junction = field.list() && table.document().arrays().stream()
                        .anyMatch(feed -> feed.field().equals(field.documentField()));
                assertThat(table.column(field.documentField()).isPresent())
                        .as(model.name() + "." + field.name()).isEqualTo(!relationField && !junction);
            }
            assertThat(table.key().sourceColumns()).containsExactly("_id");
            assertThat(Planned.type(plan, model.collection(), "_id")).isEqualTo("uuid");
        }
        assertThat(plan.tables().stream().filter(t -> !t.document().owned())).hasSize(schema.models().size());
    }

    @Test
    void shouldShareOneJunctionPerManyToManyRelationFedFromBothSides() {
        Map<String, List<String>> feeds = new TreeMap<>();
        for (TablePlan table : plan.tables()) {
            for (ArrayFeed feed : table.document().arrays()) {
                feeds.computeIfAbsent(feed.table(), t -> new java.util.ArrayList<>())
                        .add(table.source() + "." + feed.field());
            }
        }

        assertThat(feeds).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Boards_Users", List.of("Boards.watchers", "Users.watching_boardsIDs"),
                "Documents_Invoices", List.of("Documents.invoiceIDs", "Invoices.connected_documents"),
                "Documents_crm_Opportunities", List.of("Documents.opportunityIDs",
                        "crm_Opportunities.connected_documents"),
                "Documents_crm_Contacts", List.of("Documents.contactsIDs", "crm_Contacts.documentsIDs"),
                "Documents_Tasks", List.of("Documents.tasksIDs", "Tasks.documentIDs"),
                "Documents_crm_accounts_tasksIDs", List.of("Documents.crm_accounts_tasksIDs"),
                "Documents_crm_Leads", List.of("Documents.leadsIDs", "crm_Leads.documentsIDs"),
                "Documents_crm_Accounts", List.of("Documents.accountsIDs", "crm_Accounts.documentsIDs"),
                "Users_crm_Accounts", List.of("Users.watching_accountsIDs", "crm_Accounts.watchers"),
                "crm_Contacts_crm_Opportunities", List.of("crm_Contacts.opportunitiesIDs",
                        "crm_Opportunities.connected_contacts")));
        TablePlan invoices = Planned.table(plan, "Documents_Invoices");
        assertThat(invoices.columns()).extracting(ColumnPlan::target).containsExactly("Documents_id", "Invoices_id");
        assertThat(invoices.key().targetColumns()).containsExactly("Documents_id", "Invoices_id");
        assertThat(invoices.foreignKeys()).extracting(ForeignKeyPlan::refTable).containsExactly("Documents", "Invoices");
        assertThat(invoices.document().aliases()).containsEntry(DocumentPlan.TABLE_ALIAS, "_DocumentsToInvoices")
                .containsEntry(DocumentPlan.OWNER, "A").containsEntry(DocumentPlan.ELEMENT, "B");
        assertThat(Planned.table(plan, "Users_crm_Accounts").document().aliases())
                .containsEntry(DocumentPlan.TABLE_ALIAS, "_watching_accounts");
    }

    @Test
    void shouldIndexEveryForeignKey() {
        for (TablePlan table : plan.tables()) {
            for (ForeignKeyPlan foreignKey : table.foreignKeys()) {
                String first = Identifiers.quote(foreignKey.columns().get(0));
                boolean indexed = table.indexes().stream().anyMatch(i -> i.elements().get(0).equals(first))
                        || table.key().targetColumns().get(0).equals(foreignKey.columns().get(0));
                assertThat(indexed).as(table.target() + " " + foreignKey.name()).isTrue();
            }
        }
        assertThat(Planned.table(plan, "crm_Accounts").foreignKeys()).extracting(ForeignKeyPlan::columns)
                .containsExactlyInAnyOrder(List.of("industry"), List.of("assigned_to"));
        assertThat(Planned.table(plan, "tasksComments").foreignKeys()).filteredOn(f -> f.columns().equals(
                List.of("task"))).extracting(ForeignKeyPlan::onDelete).containsExactly("CASCADE");
    }

    @Test
    void shouldMakeEveryPrismaEnumAnEnumTypeAndTypeItsFields() {
        assertThat(plan.enums()).extracting(EnumPlan::name).containsExactlyElementsOf(
                schema.enums().stream().map(PrismaSchema.Enum::mapped).collect(Collectors.toList()));
        assertThat(plan.enumType("crm_Opportunity_Status").orElseThrow().values())
                .containsExactly("ACTIVE", "INACTIVE", "PENDING", "CLOSED");
        assertThat(Planned.type(plan, "Users", "userLanguage")).isEqualTo("\"public\".\"Language\"");
        assertThat(Planned.column(plan, "Users", "userLanguage").defaultSql()).isEqualTo("'en'");
        assertThat(Planned.type(plan, "Tasks", "taskStatus")).isEqualTo("\"public\".\"taskStatus\"");
        assertThat(plan.enumType("crm_Lead_Type").orElseThrow().source()).contains("no field uses it");
    }

    @Test
    void shouldTypeColumnsAndNullabilityAsTheSchemaSays() {
        assertThat(Planned.column(plan, "crm_Accounts", "__v").notNull()).isTrue();
        assertThat(Planned.column(plan, "crm_Accounts", "annual_revenue").notNull()).isFalse();
        assertThat(Planned.column(plan, "crm_Accounts", "status").defaultSql()).isEqualTo("'Inactive'");
        assertThat(Planned.column(plan, "crm_Accounts", "createdAt").defaultSql()).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(Planned.type(plan, "crm_Accounts", "createdAt")).isEqualTo("timestamp(3)");
        assertThat(Planned.type(plan, "crm_Accounts", "assigned_to")).isEqualTo("uuid");
        assertThat(Planned.type(plan, "crm_Contacts", "notes")).isEqualTo("text[]");
        assertThat(Planned.type(plan, "Invoices", "invoice_items")).isEqualTo("jsonb");
        assertThat(Planned.type(plan, "Boards", "sharedWith")).isEqualTo("uuid[]");
        assertThat(Planned.column(plan, "crm_Accounts", "__v").declaredType()).isEqualTo("Int");
        assertThat(Planned.table(plan, "crm_Accounts").document().aliases()).containsEntry("_id", "id")
                .containsEntry("__v", "v");
        assertThat(Planned.column(plan, "Users", "email").notNull()).isTrue();
        assertThat(Planned.table(plan, "Users").indexes()).anyMatch(i -> i.unique()
                && i.elements().equals(List.of("\"email\"")) && i.name().equals("Users_email_key"));
    }

    @Test
    void shouldPlanTheDeclaredFullTextIndexesOverPrismaMappedTables() {
        Set<String> searched = plan.tables().stream().filter(t -> t.indexes().stream()
                .anyMatch(i -> "gin".equals(i.method()))).map(TablePlan::target).collect(Collectors.toSet());

        assertThat(searched).containsExactlyInAnyOrder("crm_Accounts", "crm_Contacts", "crm_Leads", "crm_Opportunities",
                "Tasks", "crm_Accounts_Tasks", "Documents", "Invoices");
        assertThat(Planned.table(plan, "crm_Contacts").indexes()).filteredOn(i -> "gin".equals(i.method()))
                .flatExtracting(i -> i.elements()).containsExactly("(to_tsvector('simple', coalesce(\"first_name\", '')"
                        + " || ' ' || coalesce(\"last_name\", '')) || array_to_tsvector(coalesce(\"notes\", '{}')))");
        assertThat(plan.warnings()).noneMatch(w -> w.contains("search"));
    }

    @Test
    void shouldWarnOfNothingWhenTheDocumentsFollowTheSchema() {
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.tables()).allSatisfy(t -> assertThat(t.document().extraFields()).isEmpty());
    }
}
