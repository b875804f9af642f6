package dev.cutover.sink.catalog;

import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.flywaydb.core.Flyway;

/** One embedded PostgreSQL 17 per test class; a fresh database per test; the real SQLite files of the capture tests. */
final class PostgresFixture implements AutoCloseable {
    /** The SQLite test data lives with the capture tests; ITs run with the module directory as working directory. */
    static final Path SQLITE = Path.of(System.getProperty("basedir", "."))
            .resolve("../capture/src/test/resources/sqlite").normalize();

    private final EmbeddedPostgres postgres;
    private int databases;

    private PostgresFixture(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresFixture start() {
        try {
            return new PostgresFixture(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** A new, empty database; returns its JDBC URL. */
    String createDatabase() throws SQLException {
        String name = "it_" + (++databases);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    /** Plans the SQLite file, applies V1 and V2 with Flyway to a new database, validates the constraints. */
    Applied apply(Path sqlite, Path migrations) throws SQLException {
        Plan plan = SqlitePlanner.plan(sqlite, PlanOptions.defaults());
        MigrationWriter.write(plan, migrations);
        String url = createDatabase();
        Flyway.configure().loggers("slf4j").dataSource(url, "postgres", "postgres")
                .locations("filesystem:" + migrations).placeholderReplacement(false).load().migrate();
        Connection connection = connect(url);
        try (Statement statement = connection.createStatement()) {
            for (String validation : MigrationWriter.validationStatements(plan)) {
                statement.execute(validation);
            }
        }
        return new Applied(plan, connection);
    }

    /** A SQLite database built from a script whose statements end with ";" at the end of a line. */
    static Path sqliteFromScript(Path dir, String script) throws IOException, SQLException {
        Path file = dir.resolve("script.sqlite");
        String text = Files.readString(SQLITE.resolve(script), StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n")) {
                if (current.length() == 0 && (line.isBlank() || line.startsWith("--"))) {
                    continue;
                }
                current.append(line).append('\n');
                if (line.stripTrailing().endsWith(";")) {
                    statement.execute(current.toString());
                    current.setLength(0);
                }
            }
        }
        return file;
    }

    static List<Map<String, Object>> query(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** A plan and a connection to the database made from it. */
    record Applied(Plan plan, Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
