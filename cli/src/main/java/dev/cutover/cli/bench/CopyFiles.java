package dev.cutover.cli.bench;

import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The COPY baseline of a document load: the rows a cutover load put into PostgreSQL, saved as one COPY file per table
 * (untimed), and a psql script that loads them into an empty database as a hand-made migration would: the plan's first
 * migration (types, tables and primary keys), each table's file ({@code \copy}), then its second migration (indexes and
 * foreign keys) and the validation of the foreign keys, which {@code cutover run --once} does too.
 */
final class CopyFiles {
    /** A foreign key the second migration adds {@code NOT VALID}: the table, then the constraint. */
    private static final String NAME = "\"(?:[^\"]|\"\")*\"";
    private static final Pattern NOT_VALID = Pattern.compile("^ALTER TABLE ((?:" + NAME + "\\.)?" + NAME
            + ") ADD CONSTRAINT (" + NAME + ") FOREIGN KEY .* NOT VALID;$", Pattern.MULTILINE);

    private CopyFiles() {
    }

    /**
     * Saves every table of {@code loaded}'s {@code public} schema into {@code dir} and writes the script that loads them
     * after {@code migrations}' V1 and before its V2; returns the script.
     */
    static Path write(PgTarget loaded, Path migrations, Path dir) throws IOException, SQLException {
        BenchCommand.deleteRecursively(dir);
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        try (Connection connection = loaded.connect()) {
            for (String table : tables(connection)) {
                Path file = dir.resolve(files.size() + ".copy").toAbsolutePath();
                save(connection, table, file);
                files.put(table, file);
            }
        }
        Path script = dir.resolve("load.sql");
        Files.writeString(script, script(migration(migrations, "V1__"), files, migration(migrations, "V2__")));
        return script;
    }

    /** The psql script: {@code first}, a {@code \copy} of each table's file, {@code second}, and its keys validated. */
    static String script(String first, Map<String, Path> files, String second) {
        StringBuilder script = new StringBuilder("\\set ON_ERROR_STOP on\n").append(first).append('\n');
        files.forEach((table, file) -> script.append("\\copy ").append(Identifiers.qualified("public", table))
                .append(" FROM ").append(Identifiers.literal(file.toString())).append('\n'));
        script.append(second).append('\n');
        Matcher keys = NOT_VALID.matcher(second);
        while (keys.find()) {
            script.append("ALTER TABLE ").append(keys.group(1)).append(" VALIDATE CONSTRAINT ").append(keys.group(2))
                    .append(";\n");
        }
        return script.toString();
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE "
                     + "table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static void save(Connection connection, String table, Path file) throws SQLException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + Identifiers.quote("public") + "."
                    + Identifiers.quote(table) + " TO STDOUT", out);
        }
    }

    private static String migration(Path migrations, String version) throws IOException {
        try (var files = Files.list(migrations)) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(version)).findFirst()
                    .orElseThrow(() -> new IOException("no " + version + " migration in " + migrations));
            return Files.readString(file);
        }
    }

    /** Rows in every table of {@code target}'s {@code public} schema; -1 when they cannot be counted. */
    static long rows(PgTarget target) {
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            long rows = 0;
            for (String table : tables(connection)) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + Identifiers.quote("public")
                        + "." + Identifiers.quote(table))) {
                    count.next();
                    rows += count.getLong(1);
                }
            }
            return rows;
        } catch (SQLException e) {
            return -1;
        }
    }
}
