package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.PlanOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds small SQLite databases for tests, and finds the real ones kept under src/test/resources/sqlite. */
final class SqliteFixture {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private SqliteFixture() {
    }

    /** A new database in {@code dir} made by the statements. */
    static Path create(Path dir, String... statements) {
        Path file = dir.resolve("db" + COUNTER.incrementAndGet() + ".sqlite");
        execute(file, List.of(statements));
        return file;
    }

    /** A new database made by a script of statements that each end with ";" at the end of a line. */
    static Path fromScript(Path dir, String resource) {
        try (InputStream in = SqliteFixture.class.getResourceAsStream(resource)) {
            Path file = dir.resolve("script" + COUNTER.incrementAndGet() + ".sqlite");
            execute(file, statements(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (current.length() == 0 && (line.isBlank() || line.startsWith("--"))) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                statements.add(current.toString());
                current.setLength(0);
            }
        }
        return statements;
    }

    private static void execute(Path file, List<String> statements) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build test database: " + e.getMessage(), e);
        }
    }

    /** One of the real databases copied into src/test/resources/sqlite, e.g. {@code sakila/sakila.db}. */
    static Path real(String name) {
        try {
            return Path.of(SqliteFixture.class.getResource("/sqlite/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Plan plan(Path file) {
        return SqlitePlanner.plan(file, PlanOptions.defaults());
    }

    static TablePlan table(Plan plan, String source) {
        return plan.table(source).orElseThrow(() -> new AssertionError("no table " + source + " in " + plan.tables()));
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
