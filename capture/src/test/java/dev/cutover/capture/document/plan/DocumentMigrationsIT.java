package dev.cutover.capture.document.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case's migrations applied with Flyway to PostgreSQL 17 (placeholders off, as the pipeline runs them),
 * then the constraints validated: each planned table, column (type and NOT NULL), enum type, index (the GIN full-text
 * ones included) and foreign key exists as planned.
 */
class DocumentMigrationsIT {
    private static EmbeddedPostgres postgres;
    private static int databases;

    @TempDir
    Path migrations;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    static List<PlanCase> cases() {
        return PlanCase.all();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void shouldCreateTheSchemaAsPlanned(PlanCase planCase) throws SQLException {
        Plan plan = planCase.plan();
        String url = createDatabase();
        MigrationWriter.write(plan, migrations);
        Flyway.configure().loggers("slf4j").dataSource(url, "postgres", "postgres")
                .locations("filesystem:" + migrations).placeholderReplacement(false).load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            for (String validation : MigrationWriter.validationStatements(plan)) {
                statement.execute(validation);
            }
            for (TablePlan table : plan.tables()) {
                assertThat(columns(connection, table.target())).as(table.target()).isEqualTo(plannedColumns(table));
                assertThat(names(connection, "SELECT indexname FROM pg_indexes WHERE tablename = ?", table.target()))
                        .as(table.target()).containsAll(table.indexes().stream().map(IndexPlan::name)
                                .collect(Collectors.toList()));
                assertThat(names(connection, "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = "
                        + "('public.' || quote_ident(?))::regclass", table.target())).as(table.target())
                        .containsExactlyInAnyOrderElementsOf(table.foreignKeys().stream().map(ForeignKeyPlan::name)
                                .collect(Collectors.toList()));
            }
            assertThat(names(connection, "SELECT typname FROM pg_type WHERE typtype = 'e' AND typname <> ?", ""))
                    .containsExactlyInAnyOrderElementsOf(plan.enums().stream().map(e -> e.name())
                            .collect(Collectors.toList()));
        }
    }

    private static String createDatabase() throws SQLException {
        String name = "documents_" + (++databases);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    /**
     * Each planned column as {@code name type [NOT NULL]}, the type written as PostgreSQL's format_type writes it (an
     * enum type unqualified, quoted only when its name needs quotes).
     */
    private static Map<String, String> plannedColumns(TablePlan table) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (ColumnPlan column : table.columns()) {
            String type = column.targetType().replace("\"public\".", "").replaceAll("\"([a-z_][a-z0-9_]*)\"", "$1");
            columns.put(column.target(), type + (column.notNull() ? " NOT NULL" : ""));
        }
        return columns;
    }

    private static Map<String, String> columns(Connection connection, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT attname, "
                + "replace(format_type(atttypid, atttypmod), ' without time zone', ''), attnotnull FROM pg_attribute "
                + "WHERE attrelid = ('public.' || quote_ident(?))::regclass AND attnum > 0 AND NOT attisdropped "
                + "ORDER BY attnum")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.put(result.getString(1), result.getString(2) + (result.getBoolean(3) ? " NOT NULL" : ""));
                }
            }
        }
        return columns;
    }

    private static List<String> names(Connection connection, String sql, String parameter) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
        }
        return names;
    }
}
