package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.migration.Migration;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.TableComparator;
import dev.cutover.validator.TableDiff;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover export} writes a file that loads into an empty database and holds exactly what SQLite holds. */
@ExtendWith(PipelineServices.class)
class ExportIT {
    private static final Path PSQL = Path.of("/usr/bin/psql");

    @TempDir
    Path dir;

    private Path export(Path source) {
        Path out = dir.resolve("chinook.sql");
        CommandOutput result = CommandOutput.run("export", "--source", "sqlite:" + source, "--out", out.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Exported 15,607 rows of 11 tables");
        return out;
    }

    private static void assertEqualToSource(Path source, PgTarget target) throws Exception {
        Plan plan = SqlitePlanner.plan(source, PlanOptions.defaults());
        List<TableDiff> diffs = new ArrayList<>();
        try (ReadBack sqlite = Sources.parse("sqlite:" + source).readBack(false); Connection postgres = target.connect()) {
            for (TablePlan table : plan.tables()) {
                diffs.add(new TableComparator(plan.targetSchema(), table).compare(sqlite, postgres));
            }
        }
        assertThat(diffs).hasSize(11).allSatisfy(diff -> assertThat(diff.equal()).as("%s", diff).isTrue());
        assertThat(diffs.stream().mapToLong(TableDiff::targetRows).sum()).isEqualTo(15_607);
    }

    @Test
    void shouldLoadThroughJdbcIntoAnEmptyDatabaseEqualToTheSource(PipelineServices.Services services) throws Exception {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);
        Path out = export(source);
        PgTarget target = services.newDatabase();

        SqlScript.load(out, target);

        assertEqualToSource(source, target);
    }

    /**
     * The export adds the tables' keys after the data, a live run's V1 declares them with the tables: both must end
     * with the same schema (every constraint, validated, and every index).
     */
    @Test
    void shouldEndWithTheSchemaTheMigrationsCreate(PipelineServices.Services services) throws Exception {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);
        PgTarget exported = services.newDatabase();
        SqlScript.load(export(source), exported);

        Plan plan = SqlitePlanner.plan(source, PlanOptions.defaults());
        StringBuilder migrations = new StringBuilder();
        for (Migration migration : MigrationWriter.migrations(plan)) {
            migrations.append(migration.sql()).append('\n');
        }
        MigrationWriter.validationStatements(plan).forEach(statement -> migrations.append(statement).append(";\n"));
        Path script = Files.writeString(dir.resolve("migrations.sql"), migrations);
        PgTarget migrated = services.newDatabase();
        SqlScript.load(script, migrated);

        List<String> schema = schema(migrated);
        assertThat(schema).anyMatch(line -> line.contains("PRIMARY KEY")).anyMatch(line -> line.contains("FOREIGN KEY"));
        assertThat(schema(exported)).isEqualTo(schema);
    }

    private static List<String> schema(PgTarget target) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT conrelid::regclass::text, conname, contype, "
                    + "convalidated, pg_get_constraintdef(oid) FROM pg_constraint "
                    + "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2")) {
                while (rows.next()) {
                    lines.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + " "
                            + rows.getBoolean(4) + " " + rows.getString(5));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT indexname, indexdef FROM pg_indexes "
                    + "WHERE schemaname = 'public' ORDER BY 1")) {
                while (rows.next()) {
                    lines.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return lines;
    }

    /**
     * {@code --out -}: the SQL alone on standard output (what {@code | psql} reads; the summary goes to standard error),
     * the same SQL as the file apart from the header's advice, and it loads into a database equal to the source.
     */
    @Test
    void shouldWriteTheSqlAloneToStandardOutput(PipelineServices.Services services) throws Exception {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);
        String file = Files.readString(export(source));

        CommandOutput streamed = CommandOutput.runKeepingOut("export", "--source", "sqlite:" + source, "--out", "-");

        assertThat(streamed.exitCode()).isZero();
        assertThat(streamed.err()).contains("Exported 15,607 rows of 11 tables", "to standard output");
        assertThat(streamed.out()).startsWith("-- Cutover export of ").endsWith("COMMIT;\n")
                .doesNotContain("Exported").isEqualTo(file.replaceFirst("(?m)^-- Load into an empty database with: .*$",
                        "-- Load into an empty database with: psql -v ON_ERROR_STOP=1 DATABASE < this SQL"));
        PgTarget target = services.newDatabase();
        SqlScript.load(Files.writeString(dir.resolve("streamed.sql"), streamed.out()), target);
        assertEqualToSource(source, target);
    }

    /**
     * A row the plan's types cannot hold is left out of the SQL and written to the error log — with {@code --out -},
     * {@code cutover-export.errors.jsonl} in the current directory — and the export says so and exits 1.
     */
    @Test
    void shouldWriteRowsThatCannotBeConvertedToTheErrorLogWhenStreaming() throws Exception {
        Path source = dir.resolve("numbers.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n TEXT)");
            s.execute("INSERT INTO t VALUES (1, '12'), (2, 'abc'), (3, '7')");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode plan = json.readTree(PlanJson.toJson(SqlitePlanner.plan(source, PlanOptions.defaults())));
        for (JsonNode column : plan.get("tables").get(0).get("columns")) {
            if (column.get("source").asText().equals("n")) {
                ((ObjectNode) column).put("targetType", "integer");
            }
        }
        Path planFile = Files.writeString(dir.resolve("plan.json"), json.writeValueAsString(plan));
        Path errors = ExportCommand.STANDARD_OUTPUT_ERRORS.toAbsolutePath();
        try {
            CommandOutput streamed = CommandOutput.runKeepingOut("export", "--source", "sqlite:" + source, "--plan",
                    planFile.toString(), "--out", "-");

            assertThat(streamed.exitCode()).isEqualTo(1);
            assertThat(streamed.err()).contains("Exported 2 rows of 1 tables", "1 rows could not be converted",
                    errors.toString());
            assertThat(streamed.out()).contains("1\t12\n", "3\t7\n").doesNotContain("abc");
            List<String> lines = Files.readAllLines(errors);
            assertThat(lines).hasSize(1);
            JsonNode letter = json.readTree(lines.get(0));
            assertThat(letter.get("key").get("id").asLong()).isEqualTo(2);
            assertThat(letter.get("reason").asText()).isNotBlank();
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** A reader that stops early (psql at an error, {@code | head}) ends the export with a clear error, not exit 0. */
    @Test
    void shouldFailClearlyWhenStandardOutputIsClosed() throws Exception {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);
        OutputStream closedAfter64k = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                written += length;
                if (written > 64 * 1024) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        synchronized (CommandOutput.class) {
            try {
                System.setOut(new PrintStream(closedAfter64k, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                code = Main.execute("export", "--source", "sqlite:" + source, "--out", "-");
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
        }

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write the SQL to standard output")
                .doesNotContain("Exported");
    }

    @Test
    void shouldLoadWithPsqlIntoAnEmptyDatabaseEqualToTheSource(PipelineServices.Services services) throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "the psql client is not installed at /usr/bin/psql; the same file is "
                + "loaded through JDBC by shouldLoadThroughJdbcIntoAnEmptyDatabaseEqualToTheSource");
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);
        Path out = export(source);
        PgTarget target = services.newDatabase();

        Process psql = new ProcessBuilder(PSQL.toString(), "-q", "-v", "ON_ERROR_STOP=1", "-h", target.host(), "-p",
                Integer.toString(target.port()), "-U", target.user(), "-d", target.database(), "-f", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(psql.getInputStream().readAllBytes());
        assertThat(psql.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(psql.exitValue()).as("psql output: %s", output).isZero();
        assertEqualToSource(source, target);
    }
}
