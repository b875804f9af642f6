package dev.cutover.schemas.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Existing-target mode for a document plan: names, Prisma's names, junctions by their foreign keys, fields unmapped. */
class ExistingDocumentTablesTest {

    private static ColumnPlan column(String name, String type) {
        return new ColumnPlan(name, name, "", type, false, null, null, false, null, null, null);
    }

    /** A generated main table keyed by _id (Prisma's id), with _extra, the fields, and feeds. */
    private static TablePlan main(String collection, List<String> extraFields, List<ArrayFeed> feeds,
            String... fields) {
        List<ColumnPlan> columns = new ArrayList<>(List.of(column("_id", "uuid")));
        for (String field : fields) {
            columns.add(column(field, "text"));
        }
        columns.add(column("_extra", "jsonb"));
        return new TablePlan(collection, collection, new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"),
                List.of("_id")), columns, List.of(), List.of(), List.of(), 3, List.of(), new DocumentPlan(collection,
                null, "_extra", feeds, List.of(), extraFields, Map.of("_id", "id", "__v", "v")));
    }

    /** The junction Documents_Invoices fed by Documents.invoiceIDs and Invoices.connected_documents. */
    private static TablePlan junction() {
        List<ColumnPlan> columns = List.of(new ColumnPlan("$owner", "Documents_id", "", "uuid", true, null, null, false,
                null, null, null), new ColumnPlan("$element", "Invoices_id", "", "uuid", true, null, null, false, null,
                null, null));
        return new TablePlan("Documents.invoiceIDs[]", "Documents_Invoices", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY,
                List.of("$owner", "$element"), List.of("Documents_id", "Invoices_id")), columns, List.of(), List.of(),
                List.of(new ForeignKeyPlan("f1", List.of("Documents_id"), "Documents", List.of("_id"), "CASCADE",
                                "NO ACTION"),
                        new ForeignKeyPlan("f2", List.of("Invoices_id"), "Invoices", List.of("_id"), "CASCADE",
                                "NO ACTION")), 4, List.of(), new DocumentPlan("Documents", "invoiceIDs", null,
                List.of(), List.of(), List.of(), Map.of(DocumentPlan.TABLE_ALIAS, "_DocumentsToInvoices",
                DocumentPlan.OWNER, "A", DocumentPlan.ELEMENT, "B")));
    }

    private static Plan generated(List<String> documentExtras) {
        TablePlan documents = main("Documents", documentExtras, List.of(new ArrayFeed("invoiceIDs",
                ArrayFeed.Kind.JUNCTION, "Documents_Invoices", List.of("Documents_id"), "Invoices_id")), "__v",
                "document_name");
        TablePlan invoices = main("Invoices", List.of(), List.of(new ArrayFeed("connected_documents",
                ArrayFeed.Kind.JUNCTION, "Documents_Invoices", List.of("Invoices_id"), "Documents_id")), "number");
        return new Plan(Plan.FORMAT_VERSION, "mongodb://h/crm", SchemaMode.GENERATE, "public",
                List.of(documents, junction(), invoices), List.of(), List.of(), List.of(), List.of(),
                List.of("Documents.size: 2 documents hold a string"), List.of(), List.of(new EnumPlan("Language",
                List.of("en"), "prisma enum Language")), null);
    }

    private static TargetCatalog.Column col(String name, String type, boolean notNull) {
        return new TargetCatalog.Column(name, type, notNull, false, null, false);
    }

    private static TargetCatalog.ForeignKey fk(String column, String table) {
        return new TargetCatalog.ForeignKey(column + "_fkey", List.of(column), "public", table, List.of("id"),
                "CASCADE", "CASCADE", "FOREIGN KEY (\"" + column + "\") REFERENCES \"" + table + "\"(\"id\")");
    }

    private static TargetCatalog.Table documents(TargetCatalog.Column... more) {
        List<TargetCatalog.Column> columns = new ArrayList<>(List.of(col("id", "uuid", true),
                col("__v", "integer", true), col("document_name", "text", true)));
        columns.addAll(List.of(more));
        return new TargetCatalog.Table("Documents", columns, List.of("id"), List.of());
    }

    private static TargetCatalog.Table invoices() {
        return new TargetCatalog.Table("Invoices", List.of(col("id", "uuid", true), col("number", "text", false)),
                List.of("id"), List.of());
    }

    /** Prisma Migrate's explicit junction, its columns in the other order than the plan's. */
    private static TargetCatalog.Table explicitJunction() {
        return new TargetCatalog.Table("DocumentsToInvoices", List.of(col("invoice_id", "uuid", true),
                col("document_id", "uuid", true)), List.of("invoice_id", "document_id"),
                List.of(fk("invoice_id", "Invoices"), fk("document_id", "Documents")));
    }

    private static Plan map(Plan plan, TargetCatalog.Table... tables) {
        return ExistingTargetMapper.map(plan, new TargetCatalog("public", List.of(tables)));
    }

    @Test
    void shouldMapCollectionsAndFieldsByTheirNamesAndTheSchemasNames() {
        Plan plan = map(generated(List.of()), documents(), invoices(), explicitJunction());

        TablePlan documents = plan.targetTable("Documents").orElseThrow();
        assertThat(documents.columns()).extracting(ColumnPlan::source, ColumnPlan::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("_id", "id"), org.assertj.core.groups.Tuple.tuple("__v", "__v"),
                org.assertj.core.groups.Tuple.tuple("document_name", "document_name"));
        assertThat(documents.key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"), List.of("id")));
        assertThat(documents.document().extraColumn()).isNull();
        assertThat(plan.mode()).isEqualTo(SchemaMode.EXISTING);
        assertThat(plan.unmapped()).isEmpty();
        assertThat(plan.blockers()).isEmpty();
        assertThat(plan.enums()).isEmpty();
        assertThat(plan.warnings()).contains("Documents.size: 2 documents hold a string");
    }

    @Test
    void shouldKeyDocumentsByTheTargetsSingleColumnPrimaryKeyWhenNoNameMatchesTheirId() {
        TablePlan plain = main("Invoices", List.of(), List.of(), "number");
        TablePlan unnamed = new TablePlan(plain.source(), plain.target(), plain.key(), plain.columns(), List.of(),
                List.of(), List.of(), 3, List.of(), new DocumentPlan("Invoices", null, "_extra", List.of(), List.of()));
        TargetCatalog.Table target = new TargetCatalog.Table("Invoices", List.of(col("number", "text", false),
                col("invoiceKey", "uuid", true)), List.of("invoiceKey"), List.of());

        Plan plan = map(new Plan(Plan.FORMAT_VERSION, "jsondir:/x", SchemaMode.GENERATE, "public", List.of(unnamed),
                List.of(), List.of(), List.of(), List.of(), List.of()), target);

        assertThat(plan.targetTable("Invoices").orElseThrow().key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID,
                List.of("_id"), List.of("invoiceKey")));
        assertThat(plan.unmapped()).isEmpty();
    }

    @Test
    void shouldChooseTheJunctionsColumnsByTheSideTheirForeignKeysReference() {
        Plan plan = map(generated(List.of()), documents(), invoices(), explicitJunction());

        TablePlan junction = plan.targetTable("DocumentsToInvoices").orElseThrow();
        assertThat(junction.columns()).extracting(ColumnPlan::source, ColumnPlan::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("$owner", "document_id"),
                org.assertj.core.groups.Tuple.tuple("$element", "invoice_id"));
        assertThat(junction.key().targetColumns()).containsExactly("invoice_id", "document_id");
        assertThat(plan.targetTable("Documents").orElseThrow().document().arrays()).containsExactly(new ArrayFeed(
                "invoiceIDs", ArrayFeed.Kind.JUNCTION, "DocumentsToInvoices", List.of("document_id"), "invoice_id"));
        assertThat(plan.targetTable("Invoices").orElseThrow().document().arrays()).containsExactly(new ArrayFeed(
                "connected_documents", ArrayFeed.Kind.JUNCTION, "DocumentsToInvoices", List.of("invoice_id"),
                "document_id"));
        assertThat(junction.foreignKeys()).extracting(ForeignKeyPlan::name)
                .containsExactly("invoice_id_fkey", "document_id_fkey");
    }

    @Test
    void shouldMapPrismasImplicitManyToManyTableByItsName() {
        TargetCatalog.Table implicit = new TargetCatalog.Table("_DocumentsToInvoices", List.of(col("A", "uuid", true),
                col("B", "uuid", true)), List.of("A", "B"), List.of());

        Plan plan = map(generated(List.of()), documents(), invoices(), implicit);

        assertThat(plan.targetTable("_DocumentsToInvoices").orElseThrow().columns()).extracting(ColumnPlan::target)
                .containsExactly("A", "B");
        assertThat(plan.targetTable("Invoices").orElseThrow().document().arrays()).extracting(ArrayFeed::ownerColumns,
                ArrayFeed::elementColumn).containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("B"), "A"));
        assertThat(plan.unmapped()).isEmpty();
    }

    @Test
    void shouldListEveryFieldWithoutAHomeAsUnmapped() {
        TargetCatalog.Table documents = new TargetCatalog.Table("Documents", List.of(col("id", "uuid", true),
                col("document_name", "text", true)), List.of("id"), List.of());

        Plan plan = map(generated(List.of("nickname")), documents, invoices());

        assertThat(plan.unmapped()).containsExactlyInAnyOrder(new UnmappedColumn("Documents", "__v"),
                new UnmappedColumn("Documents", "nickname"), new UnmappedColumn("Documents", "invoiceIDs"),
                new UnmappedColumn("Invoices", "connected_documents"));
    }

    @Test
    void shouldRouteFieldsToAJsonbExtraColumnAndArraysToAnArrayColumnOfTheirName() {
        Plan plan = map(generated(List.of("nickname")), documents(col("_extra", "jsonb", false),
                col("invoiceIDs", "uuid[]", false)), invoices(), new TargetCatalog.Table("Other", List.of(),
                List.of(), List.of()));

        TablePlan documents = plan.targetTable("Documents").orElseThrow();
        assertThat(documents.document().extraColumn()).isEqualTo("_extra");
        assertThat(documents.column("invoiceIDs").orElseThrow().targetType()).isEqualTo("uuid[]");
        assertThat(documents.document().arrays()).isEmpty();
        assertThat(plan.unmapped()).containsExactly(new UnmappedColumn("Invoices", "connected_documents"));
    }

    @Test
    void shouldNotTakeAMainTableWithForeignKeysToBothSidesForTheJunction() {
        TargetCatalog.Table payments = new TargetCatalog.Table("Payments", List.of(col("id", "uuid", true),
                col("document_id", "uuid", false), col("invoice_id", "uuid", false)), List.of("id"),
                List.of(fk("document_id", "Documents"), fk("invoice_id", "Invoices")));

        Plan plan = map(generated(List.of()), documents(), invoices(), payments);

        assertThat(plan.targetTable("Payments")).isEmpty();
        assertThat(plan.unmapped()).contains(new UnmappedColumn("Documents", "invoiceIDs"));
    }

    @Test
    void shouldRefuseToGuessBetweenSeveralJunctionTables() {
        TargetCatalog.Table other = new TargetCatalog.Table("InvoiceDocuments", List.of(col("a", "uuid", true),
                col("b", "uuid", true)), List.of("a", "b"), List.of(fk("a", "Invoices"), fk("b", "Documents")));

        Plan plan = map(generated(List.of()), documents(), invoices(), explicitJunction(), other);

        assertThat(plan.blockers()).singleElement().asString().startsWith("several target tables could hold the pairs "
                + "of Documents.invoiceIDs[]: \"DocumentsToInvoices\", \"InvoiceDocuments\"");
    }
}
