package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.cutover.capture.document.plan.DocumentPlanner;
import dev.cutover.capture.document.plan.MemoryCollections;
import dev.cutover.capture.document.plan.NextCrmDocuments;
import dev.cutover.capture.prisma.PrismaParser;
import dev.cutover.capture.prisma.PrismaSchema;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.plan.UnmappedColumn;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.sink.PgTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * NextCRM's documents mapped into the PostgreSQL schema its own Prisma migrations made (Prisma Migrate's tables, enum
 * types, TEXT[], JSONB, TIMESTAMP(3), uuid ids named {@code id}): collections into tables and fields into columns by
 * name, each many-to-many array field into the junction whose foreign keys point at its two models (explicit tables
 * such as {@code DocumentsToInvoices(document_id, invoice_id)}, or Prisma's implicit {@code _AToB(A, B)}), and every
 * field without a home listed until the plan routes it.
 */
@ExtendWith(PipelineServices.class)
class NextCrmExistingTargetIT {
    private static final String[] JUNCTIONS = {
        junction("DocumentsToInvoices", "document_id", "Documents", "invoice_id", "Invoices"),
        junction("AccountWatchers", "user_id", "Users", "account_id", "crm_Accounts"),
        junction("DocumentsToOpportunities", "opportunity_id", "crm_Opportunities", "document_id", "Documents"),
        junction("DocumentsToContacts", "document_id", "Documents", "contact_id", "crm_Contacts"),
        junction("DocumentsToAccounts", "document_id", "Documents", "account_id", "crm_Accounts"),
        junction("ContactsToOpportunities", "contact_id", "crm_Contacts", "opportunity_id", "crm_Opportunities"),
        junction("_DocumentsToTasks", "A", "Documents", "B", "Tasks"),
        "CREATE TABLE \"_watching_users\" (\"A\" UUID NOT NULL, \"B\" UUID NOT NULL, PRIMARY KEY (\"A\", \"B\"))",
        "ALTER TABLE \"Documents\" ADD COLUMN \"crm_accounts_tasksIDs\" UUID[]",
    };

    @TempDir
    Path dir;

    @Test
    void shouldMapIntoTheApplicationsTablesAndChooseJunctionColumnsByTheSideTheyReference(
            PipelineServices.Services services) throws SQLException {
        PgTarget target = prismaMigrated(services);

        Plan plan = Plans.mapToExistingTables(plan(Declarations.NONE), target);

        assertThat(plan.mode()).isEqualTo(SchemaMode.EXISTING);
        assertThat(plan.blockers()).isEmpty();
        TablePlan documents = plan.targetTable("Documents").orElseThrow();
        assertThat(documents.key().sourceColumns()).containsExactly("_id");
        assertThat(documents.key().targetColumns()).containsExactly("id");
        assertThat(documents.column("document_system_type").orElseThrow().targetType())
                .isEqualTo("\"DocumentSystemType\"");
        assertThat(documents.column("connected_documents").orElseThrow().targetType()).isEqualTo("text[]");
        assertThat(documents.column("createdAt").orElseThrow().targetType()).isEqualTo("timestamp(3)");
        assertThat(documents.column("crm_accounts_tasksIDs").orElseThrow().targetType()).isEqualTo("uuid[]");
        assertThat(plan.targetTable("Invoices").orElseThrow().column("invoice_items").orElseThrow().targetType())
                .isEqualTo("jsonb");
        assertThat(feeds(plan, "Documents")).contains(
                tuple("invoiceIDs", "DocumentsToInvoices", List.of("document_id"), "invoice_id"),
                tuple("opportunityIDs", "DocumentsToOpportunities", List.of("document_id"), "opportunity_id"),
                tuple("accountsIDs", "DocumentsToAccounts", List.of("document_id"), "account_id"),
                tuple("tasksIDs", "_DocumentsToTasks", List.of("A"), "B"));
        assertThat(feeds(plan, "Invoices")).containsExactly(
                tuple("connected_documents", "DocumentsToInvoices", List.of("invoice_id"), "document_id"));
        assertThat(feeds(plan, "crm_Accounts")).contains(
                tuple("watchers", "AccountWatchers", List.of("account_id"), "user_id"));
        assertThat(feeds(plan, "Users")).containsExactly(
                tuple("watching_boardsIDs", "_watching_users", List.of("B"), "A"),
                tuple("watching_accountsIDs", "AccountWatchers", List.of("user_id"), "account_id"));
        assertThat(feeds(plan, "Boards")).containsExactly(
                tuple("watchers", "_watching_users", List.of("A"), "B"));
        assertThat(plan.targetTable("AccountWatchers").orElseThrow().columns())
                .extracting(ColumnPlan::source, ColumnPlan::target)
                .containsExactly(tuple("$owner", "user_id"), tuple("$element", "account_id"));
    }

    @Test
    void shouldListEveryFieldWithoutAHomeUntilThePlanRoutesIt(PipelineServices.Services services)
            throws SQLException {
        PgTarget target = prismaMigrated(services);

        Plan plan = Plans.mapToExistingTables(plan(Declarations.NONE), target);

        assertThat(plan.unmapped()).containsExactlyInAnyOrder(new UnmappedColumn("Documents", "leadsIDs"),
                new UnmappedColumn("crm_Leads", "documentsIDs"), new UnmappedColumn("Tasks", "likes"),
                new UnmappedColumn("Users", "legacy_flag"));
        assertThatThrownBy(() -> Plans.requireRunnable(plan, new WorkDir(dir)))
                .isInstanceOf(CutoverException.class).hasMessageContaining("Tasks.likes")
                .hasMessageContaining("Users.legacy_flag").hasMessageContaining("would be lost");

        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE \"Users\" ADD COLUMN \"_extra\" JSONB");
        }
        Declarations ignore = new Declarations(null, null, null, null, null, List.of(
                new Declarations.Field("Tasks", "likes"), new Declarations.Field("Documents", "leadsIDs"),
                new Declarations.Field("crm_Leads", "documentsIDs")));
        Plan routed = Plans.mapToExistingTables(plan(ignore), target);

        assertThat(routed.unmapped()).isEmpty();
        assertThat(routed.targetTable("Users").orElseThrow().document().extraColumn()).isEqualTo("_extra");
        Plans.requireRunnable(routed, new WorkDir(dir));
    }

    private Plan plan(Declarations declarations) {
        MemoryCollections collections = MemoryCollections.nextCrm(20_260_101L, 8)
                .add("Users", "{\"_id\": {\"$oid\": \"65a000000000000000000001\"}, \"__v\": 0, \"email\": \"x@example.com\","
                        + " \"is_account_admin\": false, \"is_admin\": false, \"created_on\": {\"$date\": "
                        + "\"2024-01-01T00:00:00Z\"}, \"userStatus\": \"ACTIVE\", \"userLanguage\": \"en\", "
                        + "\"watching_boardsIDs\": [], \"watching_accountsIDs\": [], \"legacy_flag\": true}");
        return DocumentPlanner.plan("mongodb://crm.example/nextcrm", collections, new PlanOptions(null, Set.of(),
                declarations, NextCrmDocuments.writeSchema(dir)));
    }

    private static List<org.assertj.core.groups.Tuple> feeds(Plan plan, String table) {
        return plan.targetTable(table).orElseThrow().document().arrays().stream()
                .map(f -> tuple(f.field(), f.table(), f.ownerColumns(), f.elementColumn())).toList();
    }

    /** What `prisma migrate deploy` makes for NextCRM's models ported to PostgreSQL, without one field. */
    private static PgTarget prismaMigrated(PipelineServices.Services services) throws SQLException {
        PgTarget target = services.newDatabase();
        PrismaSchema schema = PrismaParser.parse("schema.prisma", NextCrmDocuments.schemaText());
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            for (String statement : PrismaMigrate.statements(schema, Set.of("Tasks.likes"))) {
                s.execute(statement);
            }
            for (String statement : JUNCTIONS) {
                s.execute(statement);
            }
        }
        return target;
    }

    /** An explicit many-to-many table as Prisma Migrate makes it: two uuid columns, their primary key, two keys. */
    private static String junction(String table, String a, String aTable, String b, String bTable) {
        return "CREATE TABLE \"" + table + "\" (\"" + a + "\" UUID NOT NULL, \"" + b + "\" UUID NOT NULL, "
                + "CONSTRAINT \"" + table + "_pkey\" PRIMARY KEY (\"" + a + "\", \"" + b + "\"), "
                + "CONSTRAINT \"" + table + "_" + a + "_fkey\" FOREIGN KEY (\"" + a + "\") REFERENCES \"" + aTable
                + "\"(\"id\") ON DELETE CASCADE ON UPDATE CASCADE, "
                + "CONSTRAINT \"" + table + "_" + b + "_fkey\" FOREIGN KEY (\"" + b + "\") REFERENCES \"" + bTable
                + "\"(\"id\") ON DELETE CASCADE ON UPDATE CASCADE)";
    }

    /**
     * The DDL Prisma Migrate writes for a MongoDB schema ported to PostgreSQL as seed 002 plans it: ObjectIds become
     * {@code UUID} and each {@code @id} a column named after the field ({@code id}); enums become enum types, lists
     * arrays, {@code Json} JSONB, {@code DateTime} TIMESTAMP(3); a relation over one field becomes a foreign key; the
     * lists of many-to-many relations are left to the junction tables the test makes.
     */
    private static final class PrismaMigrate {
        static List<String> statements(PrismaSchema schema, Set<String> omitted) {
            List<String> statements = new ArrayList<>();
            schema.enums().forEach(e -> statements.add("CREATE TYPE \"" + e.mapped() + "\" AS ENUM ("
                    + e.values().stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ")) + ")"));
            for (PrismaSchema.Model model : schema.models()) {
                List<String> columns = new ArrayList<>();
                for (PrismaSchema.Field field : model.fields()) {
                    if (!stored(schema, model, field) || omitted.contains(model.name() + "." + field.name())) {
                        continue;
                    }
                    String name = field.has("id") ? field.name() : field.documentField();
                    columns.add("\"" + name + "\" " + type(schema, field)
                            + (field.optional() || field.list() ? "" : " NOT NULL"));
                }
                columns.add("CONSTRAINT \"" + model.collection() + "_pkey\" PRIMARY KEY (\"id\")");
                statements.add("CREATE TABLE \"" + model.collection() + "\" (" + String.join(", ", columns) + ")");
            }
            schema.models().forEach(model -> model.fields().forEach(field -> foreignKey(schema, model, field)
                    .ifPresent(statements::add)));
            return statements;
        }

        /** False for relation fields and the lists a relation names (they live in junction tables). */
        private static boolean stored(PrismaSchema schema, PrismaSchema.Model model, PrismaSchema.Field field) {
            if (schema.model(field.type()).isPresent()) {
                return false;
            }
            return !field.list() || model.fields().stream().noneMatch(f -> relationFields(f).contains(field.name()));
        }

        private static List<String> relationFields(PrismaSchema.Field field) {
            return field.attribute("relation").flatMap(r -> r.argument("fields")).map(a -> a.value().names())
                    .orElse(List.of());
        }

        private static String type(PrismaSchema schema, PrismaSchema.Field field) {
            String type = field.objectId() ? "UUID" : schema.enumNamed(field.type()).isPresent()
                    ? "\"" + field.type() + "\"" : switch (field.type()) {
                        case "Int" -> "INTEGER";
                        case "Boolean" -> "BOOLEAN";
                        case "DateTime" -> "TIMESTAMP(3)";
                        case "Json" -> "JSONB";
                        default -> "TEXT";
                    };
            return type + (field.list() ? "[]" : "");
        }

        private static Optional<String> foreignKey(PrismaSchema schema, PrismaSchema.Model model,
                PrismaSchema.Field field) {
            List<String> from = relationFields(field);
            Optional<PrismaSchema.Field> holder = from.size() == 1 ? model.field(from.get(0))
                    : Optional.empty();
            if (holder.isEmpty() || holder.get().list()) {
                return Optional.empty();
            }
            String to = schema.model(field.type()).orElseThrow().collection();
            return Optional.of("ALTER TABLE \"" + model.collection() + "\" ADD CONSTRAINT \""
                    + model.collection() + "_" + from.get(0) + "_fkey\" FOREIGN KEY (\"" + from.get(0)
                    + "\") REFERENCES \"" + to + "\"(\"id\") ON DELETE SET NULL ON UPDATE CASCADE");
        }
    }
}
