package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Money in a NUMERIC(12,2) column updated with arithmetic ({@code balance = balance + 1.0}) is stored by SQLite as a
 * REAL with float noise (0.84 + 1.0 = 1.8399999999999999): it lands rounded to the column's scale, the rest of the
 * change with it, and is counted; a value that really has more digits than the scale goes to the error log.
 */
@ExtendWith(PipelineServices.class)
class FloatNoiseIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldApplyALiveUpdateWhoseBalanceCarriesFloatNoise(PipelineServices.Services services) throws Exception {
        Path source = accounts("0.84", "10.50");
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + source), target, services.kafka(),
                new WorkDir(work), false, 4, 2, 2, 2048, 64 << 20);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<Integer> running = thread.submit(new MigrationRun(options, System.out)::execute);
        try {
            awaitStreaming(work, running);

            SampleDatabases.execute(source, "UPDATE account SET balance = balance + 1.0, name = 'renamed' WHERE id = 1");
            assertThat(SampleDatabases.text(source, "SELECT printf('%!.17g', balance) FROM account WHERE id = 1"))
                    .as("what SQLite stores").isEqualTo("1.8399999999999999");
            JsonNode status = LiveMigrationSupport.awaitCaughtUp(work, 60);

            assertThat(pg(target, "SELECT name || ' ' || balance FROM account WHERE id = 1")).isEqualTo("renamed 1.84");
            assertThat(status.get("errors").asLong()).isZero();
            assertThat(errorLog(work)).isEmpty();
            assertThat(status.get("tables").get(0).get("roundedFloatNoise").get("balance").asLong()).isEqualTo(1);
            assertThat(CommandOutput.run("status", "--work", work.toString()).out())
                    .contains("1 REAL value with float noise stored rounded", "account.balance 1");

            SampleDatabases.execute(source, "UPDATE account SET balance = 1.005, name = 'too precise' WHERE id = 2");
            LiveMigrationSupport.awaitCaughtUp(work, 60);

            assertThat(pg(target, "SELECT name || ' ' || balance FROM account WHERE id = 2")).isEqualTo("b 10.50");
            List<JsonNode> errors = errorLog(work);
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.get("table").asText()).isEqualTo("account");
                assertThat(error.get("key").get("id").asLong()).isEqualTo(2);
                assertThat(error.get("column").asText()).isEqualTo("balance");
                assertThat(error.get("reason").asText()).contains("has 3 digits after the decimal point");
            });

            SampleDatabases.execute(source, "UPDATE account SET balance = 1.01 WHERE id = 2");
            LiveMigrationSupport.awaitCaughtUp(work, 60);
            CommandOutput validate = CommandOutput.run("validate", "--full", "--source", "sqlite:" + source,
                    "--target", target.toString(), "--work", work.toString());
            assertThat(validate.exitCode()).as("the rounded balance is equal, not different: " + validate.out())
                    .isZero();
        } finally {
            CommandOutput.run("stop", "--remove-capture", "--work", work.toString());
            running.get(60, TimeUnit.SECONDS);
            thread.shutdown();
        }
    }

    /** Noise already in the snapshot: planned as numeric(12,2) all the same, rounded, counted in the summary. */
    @Test
    void shouldCountFloatNoiseOfTheSnapshotInTheSummaryAndInExport(PipelineServices.Services services)
            throws Exception {
        Path source = accounts("0.84 + 1.0", "-0.84 - 1.0", "19.99");
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");

        CommandOutput run = CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--target",
                target.toString(), "--kafka", services.kafka(), "--work", work.toString());
        CommandOutput validate = CommandOutput.run("validate", "--full", "--source", "sqlite:" + source, "--target",
                target.toString(), "--work", work.toString());
        Path sql = dir.resolve("accounts.sql");
        CommandOutput export = CommandOutput.run("export", "--source", "sqlite:" + source, "--out", sql.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Rounded float noise: 2 REAL values with float noise stored rounded to the "
                + "column's scale", "account.balance 2").contains("Done: every source row is in the target.");
        assertThat(pgList(target, "SELECT balance FROM account ORDER BY id")).containsExactly("1.84", "-1.84", "19.99");
        assertThat(pg(target, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + "'public.account'::regclass AND attname = 'balance'")).isEqualTo("numeric(12,2)");
        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(export.exitCode()).as(export.out() + export.err()).isZero();
        assertThat(export.out()).contains("Rounded float noise: 2 REAL values", "account.balance 2");
        assertThat(Files.readString(sql)).contains("1\ta\t1.84\n", "2\tb\t-1.84\n").doesNotContain("1.8399999999999999");
    }

    /** A source with one account per balance (an SQL expression, evaluated by SQLite), named a, b, c, ... */
    private Path accounts(String... balances) throws SQLException {
        Path source = dir.resolve("bank.db");
        SampleDatabases.execute(source, "CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL, balance NUMERIC(12,2) NOT NULL)");
        for (int i = 0; i < balances.length; i++) {
            SampleDatabases.execute(source, "INSERT INTO account VALUES (" + (i + 1) + ", '" + (char) ('a' + i) + "', " + balances[i] + ")");
        }
        return source;
    }

    private static void awaitStreaming(Path work, Future<Integer> running) throws Exception {
        try {
            LiveMigrationSupport.awaitStreaming(work, 120);
        } catch (AssertionError e) {
            throw LiveMigrationSupport.withOutcome(e, running);
        }
    }

    private static List<JsonNode> errorLog(Path work) throws Exception {
        List<JsonNode> errors = new ArrayList<>();
        if (Files.exists(work.resolve("errors.jsonl"))) {
            for (String line : Files.readAllLines(work.resolve("errors.jsonl"))) {
                errors.add(JSON.readTree(line));
            }
        }
        return errors;
    }

    private static String pg(PgTarget target, String sql) throws SQLException {
        return pgList(target, sql).get(0);
    }

    private static List<String> pgList(PgTarget target, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
