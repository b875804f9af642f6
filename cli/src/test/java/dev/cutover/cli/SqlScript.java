package dev.cutover.cli;

import dev.cutover.sink.PgTarget;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Loads a psql script through JDBC, as psql would: SQL runs as statements, {@code COPY ... FROM stdin} blocks stream
 * through the driver's CopyManager, psql meta-commands ({@code \set}) are skipped. Lets the export be tested where
 * the psql client is not installed.
 */
final class SqlScript {
    private SqlScript() {
    }

    static void load(Path file, PgTarget target) throws Exception {
        String script = Files.readString(file, StandardCharsets.UTF_8);
        try (Connection connection = target.connect(); Statement statement = connection.createStatement();
             BufferedReader lines = new BufferedReader(new StringReader(script))) {
            StringBuilder sql = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("\\set") || line.startsWith("--")) {
                    continue;
                }
                if (line.startsWith("COPY ") && line.endsWith("FROM stdin;")) {
                    flush(statement, sql);
                    StringBuilder data = new StringBuilder();
                    for (String row = lines.readLine(); !row.equals("\\."); row = lines.readLine()) {
                        data.append(row).append('\n');
                    }
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(line.substring(0, line.length() - 1),
                            new java.io.ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
                } else {
                    sql.append(line).append('\n');
                }
            }
            flush(statement, sql);
        }
    }

    private static void flush(Statement statement, StringBuilder sql) throws Exception {
        if (!sql.toString().isBlank()) {
            statement.execute(sql.toString());
        }
        sql.setLength(0);
    }
}
