package dev.cutover.sink.catalog;

import static dev.cutover.sink.catalog.PostgresFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite planner's migrations for real databases, applied with Flyway to PostgreSQL 17: every planned table,
 * column, type, default, key, index, check and foreign key exists as planned, and the constraints validate.
 */
class GeneratedSchemaIT {
    private static PostgresFixture postgres;

    @TempDir
    Path migrations;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresFixture.start();
    }

    @AfterAll
    static void stopPostgres() throws SQLException, IOException {
        postgres.close();
    }

    @Test
    void shouldCreateChinookAsPlanned() throws SQLException, IOException {
        try (PostgresFixture.Applied applied = apply("chinook/Chinook_Sqlite.sqlite")) {
            Connection connection = applied.connection();
            assertThat(column(connection, "Invoice", "Total")).containsEntry("type", "numeric(10,2)")
                    .containsEntry("attnotnull", true);
            assertThat(column(connection, "Invoice", "InvoiceDate")).containsEntry("type", "timestamp without time zone");
            assertThat(column(connection, "Album", "AlbumId")).containsEntry("attidentity", "d");
            assertThat(column(connection, "Track", "Name")).containsEntry("type", "character varying(200)");
            assertThat(constraintNames(connection, "p")).contains("PK_Album", "PK_PlaylistTrack");
            assertThat(constraintNames(connection, "f")).hasSize(11);
            assertThat(indexNames(connection)).contains("IFK_AlbumArtistId", "IFK_TrackMediaTypeId");
        }
    }

    @Test
    void shouldCreateChinookWithAutoincrementKeysAsPlanned() throws SQLException, IOException {
        try (PostgresFixture.Applied applied = apply("chinook/Chinook_Sqlite_AutoIncrementPKs.sqlite")) {
            assertThat(column(applied.connection(), "Customer", "CustomerId")).containsEntry("attidentity", "d");
            assertThat(constraintNames(applied.connection(), "f")).hasSize(11);
        }
    }

    @Test
    void shouldCreateNorthwindAsPlanned() throws SQLException, IOException {
        try (PostgresFixture.Applied applied = apply("northwind/northwind-2022-07-205fc66.db")) {
            Connection connection = applied.connection();
            assertThat(column(connection, "Order Details", "Quantity")).containsEntry("default", "1")
                    .containsEntry("type", "bigint").containsEntry("attnotnull", true);
            assertThat(column(connection, "Order Details", "Discount")).containsEntry("type", "double precision")
                    .containsEntry("default", "0");
            assertThat(column(connection, "Products", "Discontinued")).containsEntry("default", "'0'::text")
                    .containsEntry("attnotnull", true);
            assertThat(column(connection, "Employees", "BirthDate")).containsEntry("type", "date");
            assertThat(column(connection, "Categories", "Picture")).containsEntry("type", "bytea");
            assertThat(checkDefinitions(connection, "Order Details")).containsExactlyInAnyOrder(
                    "CHECK (((\"Discount\" >= (0)::double precision) AND (\"Discount\" <= (1)::double precision)))",
                    "CHECK ((\"Quantity\" > 0))", "CHECK ((\"UnitPrice\" >= (0)::numeric))");
            assertThat(constraintNames(connection, "f")).contains("Order Details_OrderID_fkey");
        }
    }

    @Test
    void shouldCreateSakilaAsPlanned() throws SQLException, IOException {
        try (PostgresFixture.Applied applied = apply("sakila/sakila.db")) {
            Connection connection = applied.connection();
            assertThat(column(connection, "film", "rental_rate")).containsEntry("type", "numeric(4,2)")
                    .containsEntry("default", "4.99");
            assertThat(column(connection, "customer", "active")).containsEntry("type", "character varying(1)")
                    .containsEntry("default", "'Y'::character varying");
            assertThat(constraintNames(connection, "c")).contains("CHECK_special_features", "CHECK_special_rating");
            assertThat(query(connection, "SELECT confdeltype, confupdtype FROM pg_constraint WHERE conname = 'fk_payment_rental'"))
                    .containsExactly(Map.of("confdeltype", "n", "confupdtype", "c"));
            assertThat(query(connection, "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_rental_uq'"))
                    .extracting(r -> r.get("indexdef")).singleElement().asString().startsWith("CREATE UNIQUE INDEX");
        }
    }

    @Test
    void shouldCreateEveryTreatmentOfTheKitchenSink(@TempDir Path sqliteDir) throws SQLException, IOException {
        Path sqlite = PostgresFixture.sqliteFromScript(sqliteDir, "kitchen-sink.sql");
        try (PostgresFixture.Applied applied = postgres.apply(sqlite, migrations)) {
            PlannedSchemaAssert.assertMatchesPlan(applied.connection(), applied.plan());
            Connection connection = applied.connection();
            assertThat(column(connection, "a table name that is much longer than sixty-three byte_5272c9ac",
                    "a column name that is also much longer than sixty-thre_3bdf5a11")).containsEntry("type", "text");
            assertThat(column(connection, "Order Lines", "total")).containsEntry("attgenerated", "s");
            assertThat(query(connection, "SELECT indexdef FROM pg_indexes WHERE indexname = 'docs_fts_idx'"))
                    .extracting(r -> r.get("indexdef")).singleElement().asString().contains("USING gin");
        }
    }

    @Test
    void shouldEvaluateTranslatedDefaultsChecksAndIndexesLikeSqlite(@TempDir Path sqliteDir) throws SQLException, IOException {
        Path sqlite = PostgresFixture.sqliteFromScript(sqliteDir, "kitchen-sink.sql");
        try (PostgresFixture.Applied applied = postgres.apply(sqlite, migrations);
             Statement statement = applied.connection().createStatement()) {
            Connection connection = applied.connection();
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            statement.execute("INSERT INTO orders (customer_email) VALUES ('a@example.com')");
            Map<String, Object> row = query(connection, "SELECT * FROM orders").get(0);
            Instant after = Instant.now().plusSeconds(1);
            assertThat(((java.sql.Timestamp) row.get("created_at")).toLocalDateTime().toInstant(ZoneOffset.UTC))
                    .isBetween(before, after);
            assertThat((String) row.get("created_iso")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat((String) row.get("created_text")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            assertThat(LocalDateTime.parse(((String) row.get("created_text")).replace(' ', 'T'))
                    .toInstant(ZoneOffset.UTC)).isBetween(before, after);
            assertThat((Long) row.get("created_epoch")).isBetween(before.getEpochSecond(), after.getEpochSecond());
            assertThat((Long) row.get("created_ms")).isBetween(before.toEpochMilli(), after.toEpochMilli());
            assertThat(row).containsEntry("status", "new").containsEntry("is_gift", false).containsEntry("flags", true)
                    .containsEntry("weight", -1.5).containsEntry("note", "none");
            assertThat((byte[]) row.get("token")).containsExactly(0x00, 0xff);
            assertThatThrownBy(() -> statement.execute("INSERT INTO orders (customer_email) VALUES ('A@EXAMPLE.com')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("orders_customer_email_key");
            assertThatThrownBy(() -> statement.execute(
                    "INSERT INTO orders (customer_email, status) VALUES ('b@example.com', 'lost')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("orders_status_check");
            statement.execute("INSERT INTO \"Order Lines\" (\"order id\", \"Line No\", \"select\", qty, price)"
                    + " VALUES (1, 1, 'SKU-1', 3, 2.50)");
            assertThat(query(connection, "SELECT total, label FROM \"Order Lines\""))
                    .containsExactly(Map.of("total", 7.5, "label", "SKU-1"));
            assertThatThrownBy(() -> statement.execute("INSERT INTO \"Order Lines\" (\"order id\", \"Line No\", qty, price)"
                    + " VALUES (1, 2, 0, 1)")).hasMessageContaining("Order Lines_qty_check");
        }
    }

    @Test
    void shouldApplyAPlanWhoseSecondMigrationHasNothingToAdd(@TempDir Path sqliteDir) throws SQLException, IOException {
        Path sqlite = sqliteDir.resolve("notes.db");
        try (Connection source = java.sql.DriverManager.getConnection("jdbc:sqlite:" + sqlite);
             Statement statement = source.createStatement()) {
            statement.execute("CREATE TABLE notes (body TEXT)");
        }
        try (PostgresFixture.Applied applied = postgres.apply(sqlite, migrations)) {
            PlannedSchemaAssert.assertMatchesPlan(applied.connection(), applied.plan());
            assertThat(query(applied.connection(), "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly(Map.of("version", "1", "success", true), Map.of("version", "2", "success", true));
        }
    }

    private PostgresFixture.Applied apply(String sqlite) throws SQLException {
        PostgresFixture.Applied applied = postgres.apply(PostgresFixture.SQLITE.resolve(sqlite), migrations);
        PlannedSchemaAssert.assertMatchesPlan(applied.connection(), applied.plan());
        return applied;
    }

    private static Map<String, Object> column(Connection connection, String table, String column) throws SQLException {
        List<Map<String, Object>> rows = query(connection, "SELECT format_type(a.atttypid, a.atttypmod) AS type,"
                + " a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid) AS default"
                + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = format('public.%I', ?::text)::regclass AND a.attname = ?", table, column);
        assertThat(rows).as("column %s.%s", table, column).hasSize(1);
        Map<String, Object> row = new java.util.HashMap<>(rows.get(0));
        row.values().removeIf(java.util.Objects::isNull);
        return row;
    }

    private static List<Object> constraintNames(Connection connection, String type) throws SQLException {
        return query(connection, "SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                + " AND contype = ?", type).stream().map(r -> r.get("conname")).collect(java.util.stream.Collectors.toList());
    }

    private static List<Object> indexNames(Connection connection) throws SQLException {
        return query(connection, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'").stream()
                .map(r -> r.get("indexname")).collect(java.util.stream.Collectors.toList());
    }

    private static List<Object> checkDefinitions(Connection connection, String table) throws SQLException {
        return query(connection, "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'c'"
                + " AND conrelid = format('public.%I', ?::text)::regclass", table).stream().map(r -> r.get("def"))
                .collect(java.util.stream.Collectors.toList());
    }
}
