package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static dev.cutover.capture.sqlite.plan.SqliteFixture.real;
import static dev.cutover.capture.sqlite.plan.SqliteFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.NumericDates;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.SkippedObject;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sample databases under src/test/resources/sqlite (copies, with their licenses, of the shared data set). */
class RealDatabasesTest {

    @Test
    void shouldPlanChinook() {
        Plan plan = plan(real("chinook/Chinook_Sqlite.sqlite"));
        assertThat(plan.tables()).extracting(TablePlan::source).containsExactly("Album", "Artist", "Customer",
                "Employee", "Genre", "Invoice", "InvoiceLine", "MediaType", "Playlist", "PlaylistTrack", "Track");
        TablePlan invoice = table(plan, "Invoice");
        assertThat(invoice.column("Total").orElseThrow().targetType()).isEqualTo("numeric(10,2)");
        assertThat(invoice.column("InvoiceDate").orElseThrow()).satisfies(c -> {
            assertThat(c.targetType()).isEqualTo("timestamp");
            assertThat(c.notNull()).isTrue();
        });
        assertThat(invoice.sourceRows()).isEqualTo(412);
        assertThat(table(plan, "Album").key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("AlbumId"),
                List.of("AlbumId"), "PK_Album"));
        assertThat(table(plan, "Album").column("AlbumId").orElseThrow().identity()).isTrue();
        assertThat(table(plan, "Album").column("Title").orElseThrow().targetType()).isEqualTo("varchar(160)");
        assertThat(table(plan, "PlaylistTrack").key().sourceColumns()).containsExactly("PlaylistId", "TrackId");
        assertThat(table(plan, "PlaylistTrack").columns()).noneMatch(ColumnPlan::identity);
        assertThat(table(plan, "Track").indexes()).extracting(IndexPlan::name)
                .containsExactly("IFK_TrackAlbumId", "IFK_TrackGenreId", "IFK_TrackMediaTypeId");
        assertThat(table(plan, "Employee").foreignKeys()).containsExactly(new ForeignKeyPlan("Employee_ReportsTo_fkey",
                List.of("ReportsTo"), "Employee", List.of("EmployeeId"), "NO ACTION", "NO ACTION"));
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.blockers()).isEmpty();
    }

    @Test
    void shouldPlanChinookWithAutoincrementKeys() {
        Plan plan = plan(real("chinook/Chinook_Sqlite_AutoIncrementPKs.sqlite"));
        assertThat(plan.tables()).hasSize(11);
        assertThat(plan.skipped()).extracting(SkippedObject::name).containsExactly("sqlite_sequence");
        assertThat(table(plan, "Customer").column("CustomerId").orElseThrow().identity()).isTrue();
    }

    @Test
    void shouldPlanNorthwind() {
        Plan plan = plan(real("northwind/northwind-2022-07-205fc66.db"));
        assertThat(plan.tables()).hasSize(13);
        assertThat(plan.skipped()).filteredOn(s -> s.kind().equals("view")).hasSize(17)
                .allSatisfy(s -> assertThat(s.sql()).startsWith("CREATE VIEW"));
        TablePlan details = table(plan, "Order Details");
        assertThat(details.column("Quantity").orElseThrow().defaultSql()).isEqualTo("1");
        assertThat(details.column("Discount").orElseThrow().targetType()).isEqualTo("double precision");
        assertThat(details.column("UnitPrice").orElseThrow().targetType()).isEqualTo("numeric");
        assertThat(details.checks()).extracting(CheckPlan::sql).containsExactly(
                "(\"Discount\" >= 0) AND (\"Discount\" <= 1)", "\"Quantity\" > 0", "\"UnitPrice\" >= 0");
        assertThat(details.key().sourceColumns()).containsExactly("OrderID", "ProductID");
        ColumnPlan discontinued = table(plan, "Products").column("Discontinued").orElseThrow();
        assertThat(discontinued.targetType()).isEqualTo("text");
        assertThat(discontinued.defaultSql()).isEqualTo("'0'");
        assertThat(table(plan, "Employees").column("BirthDate").orElseThrow().targetType()).isEqualTo("date");
        assertThat(table(plan, "Categories").column("Picture").orElseThrow().targetType()).isEqualTo("bytea");
        assertThat(table(plan, "Customers").key().targetColumns()).containsExactly("CustomerID");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldPlanSakila() {
        Plan plan = plan(real("sakila/sakila.db"));
        assertThat(plan.tables()).hasSize(16);
        TablePlan film = table(plan, "film");
        assertThat(film.column("rental_rate").orElseThrow()).satisfies(c -> {
            assertThat(c.targetType()).isEqualTo("numeric(4,2)");
            assertThat(c.defaultSql()).isEqualTo("4.99");
        });
        assertThat(film.column("description").orElseThrow().targetType()).as("BLOB SUB_TYPE TEXT").isEqualTo("text");
        assertThat(film.column("last_update").orElseThrow().numericDates()).isEqualTo(NumericDates.EPOCH_SECONDS);
        assertThat(film.checks()).extracting(CheckPlan::name)
                .containsExactly("CHECK_special_features", "CHECK_special_rating");
        assertThat(table(plan, "payment").foreignKeys()).first().isEqualTo(new ForeignKeyPlan("fk_payment_rental",
                List.of("rental_id"), "rental", List.of("rental_id"), "SET NULL", "CASCADE"));
        assertThat(table(plan, "rental").indexes()).filteredOn(IndexPlan::unique).extracting(IndexPlan::name)
                .containsExactly("idx_rental_uq");
        assertThat(table(plan, "customer").column("active").orElseThrow().defaultSql()).isEqualTo("'Y'");
        assertThat(plan.skipped()).filteredOn(s -> s.kind().equals("trigger")).hasSize(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chinook/Chinook_Sqlite.sqlite", "northwind/northwind-2022-07-205fc66.db", "sakila/sakila.db"})
    void shouldPlanTheSameSourceToTheSameBytes(String database) {
        Path file = real(database);
        Plan first = plan(file);
        Plan second = plan(file);
        assertThat(PlanJson.toJson(second)).isEqualTo(PlanJson.toJson(first));
        assertThat(MigrationWriter.migrations(second)).isEqualTo(MigrationWriter.migrations(first));
        assertThat(PlanJson.fromJson(PlanJson.toJson(first))).isEqualTo(first);
    }

    @Test
    void shouldPlanTheKitchenSinkWithOnlyTheExpectedWarnings(@TempDir Path dir) {
        Plan plan = plan(SqliteFixture.fromScript(dir, "/sqlite/kitchen-sink.sql"));
        assertThat(plan.blockers()).isEmpty();
        assertThat(plan.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("typeof(qty)"))
                .anySatisfy(w -> assertThat(w).contains("random()"));
        assertThat(plan.tables()).extracting(TablePlan::source).contains("Order Lines", "orders", "docs", "widening")
                .doesNotContain("_prisma_migrations", "docs_contentless", "docs_external", "recent_orders");
    }
}
