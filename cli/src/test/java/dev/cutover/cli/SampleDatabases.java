package dev.cutover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writable copies of the sample databases shipped with the tests (capture ships them in its test jar). */
final class SampleDatabases {
    static final String CHINOOK = "/sqlite/chinook/Chinook_Sqlite.sqlite";
    static final String CHINOOK_AUTOINCREMENT = "/sqlite/chinook/Chinook_Sqlite_AutoIncrementPKs.sqlite";
    static final String NORTHWIND = "/sqlite/northwind/northwind-2022-07-205fc66.db";
    static final String SAKILA = "/sqlite/sakila/sakila.db";
    /** A SQL script with every treatment the planner knows; {@link #copy} runs it into a new database. */
    static final String KITCHEN_SINK = "/sqlite/kitchen-sink.sql";

    private SampleDatabases() {
    }

    /** Copies a classpath resource to {@code dir}; the copy is writable, so capture can put it in WAL mode. */
    static Path copy(String resource, Path dir) {
        if (resource.endsWith(".sql")) {
            return fromScript(resource, dir);
        }
        try (InputStream in = SampleDatabases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test database " + resource + " on the classpath");
            }
            Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.createDirectories(dir);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the SQLite database {@code file} with these statements; returns it. */
    static Path create(Path file, String... statements) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            return file;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create " + file, e);
        }
    }

    /** Runs one statement in {@code file}, waiting up to 10 s for a writer that holds the lock (capture, the way back). */
    static void execute(Path file, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute(sql);
        }
    }

    /** The first column of the first row {@code sql} returns from {@code file}, as text. */
    static String text(Path file, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Builds a database from a script whose statements end with ";" at the end of a line. */
    private static Path fromScript(String resource, Path dir) {
        try (InputStream in = SampleDatabases.class.getResourceAsStream(resource)) {
            String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Files.createDirectories(dir);
            Path file = dir.resolve("kitchen-sink.db");
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                 java.sql.Statement s = c.createStatement()) {
                for (String statement : script.split(";\\s*\\n")) {
                    String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n");
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
            return file;
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("cannot build " + resource, e);
        }
    }
}
