package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sink.PgTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a one-line error naming the problem and the fix, the exit code of ARCHITECTURE.md (2 usage or
 * configuration, 3 unreachable), no password in the output, and nothing half-written.
 */
@ExtendWith(PipelineServices.class)
class BadInputIT {
    @TempDir
    Path dir;

    private CommandOutput run(PipelineServices.Services services, String source, String target, String kafka) {
        return CommandOutput.run("run", "--once", "--source", source, "--target", target, "--kafka", kafka,
                "--work", dir.resolve("work").toString());
    }

    @Test
    void shouldExitThreeWhenTheSourceFileDoesNotExist(PipelineServices.Services services) {
        CommandOutput result = run(services, "sqlite:" + dir.resolve("missing.db"), services.newDatabase().toString(),
                services.kafka());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("missing.db").contains("does not exist").contains("--source");
    }

    @Test
    void shouldExitTwoWhenTheSourceIsNotSqlite(PipelineServices.Services services) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.db"), "just some text, not a database\n");

        CommandOutput result = run(services, "sqlite:" + text, services.newDatabase().toString(), services.kafka());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("notes.db").contains("is not a SQLite database");
    }

    @Test
    void shouldExitTwoAndSuggestTheSchemeForABarePath(PipelineServices.Services services) {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);

        CommandOutput result = run(services, source.toString(), services.newDatabase().toString(), services.kafka());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not a source URI").contains("--source sqlite:" + source);
    }

    @Test
    void shouldExitThreeWithoutShowingThePasswordWhenPostgresqlIsUnreachable(PipelineServices.Services services) {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);

        CommandOutput result = run(services, "sqlite:" + source, "postgresql://app:hunter2@127.0.0.1:1/shop",
                services.kafka());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("PostgreSQL at 127.0.0.1:1").contains("check that the server is running");
        assertThat(result.out() + result.err()).doesNotContain("hunter2");
    }

    @Test
    void shouldExitTwoForATargetThatIsNotAPostgresqlUrl(PipelineServices.Services services) {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);

        CommandOutput result = run(services, "sqlite:" + source, "mysql://root:hunter2@localhost/db", services.kafka());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--target").contains("postgresql://user:password@host:port/database");
        assertThat(result.err()).doesNotContain("hunter2");
    }

    @Test
    void shouldExitThreeWhenKafkaIsUnreachable(PipelineServices.Services services) {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);

        CommandOutput result = run(services, "sqlite:" + source, services.newDatabase().toString(), "127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("cannot reach Kafka at 127.0.0.1:1").contains("--kafka");
    }

    @Test
    void shouldExitTwoForAKafkaBootstrapListThatIsNotHostAndPort(PipelineServices.Services services) {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);

        CommandOutput result = run(services, "sqlite:" + source, services.newDatabase().toString(), "kafka-without-port");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--kafka 'kafka-without-port'").contains("host:port");
    }

    @Test
    void shouldRefuseATargetThatAlreadyHoldsOtherDataAndLeaveItUntouched(PipelineServices.Services services)
            throws SQLException {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);
        PgTarget target = services.newDatabase();
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"Album\" (id int, title text)");
            s.execute("INSERT INTO \"Album\" VALUES (1, 'not from this source')");
        }

        CommandOutput result = run(services, "sqlite:" + source, target.toString(), services.kafka());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("\"Album\" already holds rows").contains("empty database");
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM \"Album\"), (SELECT count(*) FROM "
                     + "information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema'))")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getLong(2)).as("tables in the target").isEqualTo(1);
        }
    }

    @Test
    void shouldExitTwoForAnUnknownOption() {
        CommandOutput result = CommandOutput.run("run", "--once", "--source", "sqlite:x.db", "--turbo");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--turbo").contains("--help");
    }
}
