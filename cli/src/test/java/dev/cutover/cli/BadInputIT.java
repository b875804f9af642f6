package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * A damaged source is found before anything starts: each command that reads a source says which file and what to
     * do, and no embedded PostgreSQL or Kafka was started for it (none is given, so each would be).
     */
    @ParameterizedTest
    @ValueSource(strings = {"run --once --work WORK", "plan --work WORK", "validate --work WORK", "export --out OUT"})
    void shouldRefuseATruncatedSourceBeforeStartingAnything(String command) throws IOException {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.replaceAll(arg -> arg.equals("WORK") ? work().toString() : arg.equals("OUT") ? dir.resolve("out.sql").toString()
                : arg);
        args.addAll(List.of("--source", "sqlite:" + source));

        CommandOutput result = CommandOutput.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(source.toString(), "is damaged", "malformed", "truncated", "--source",
                ".recover");
        assertNoServicesStarted();
    }

    @Test
    void shouldRefuseADirectoryGivenAsTheSourceFileBeforeStartingAnything() throws IOException {
        Path directory = Files.createDirectories(dir.resolve("app.db"));

        CommandOutput result = CommandOutput.run("run", "--once", "--source", "sqlite:" + directory, "--work",
                work().toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(directory.toString(), "is a directory", "--source sqlite:PATH");
        assertNoServicesStarted();
    }

    @Test
    void shouldRefuseAFileThatIsNotSqliteBeforeStartingAnything() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.db"), "just some text, not a database\n");

        CommandOutput result = CommandOutput.run("run", "--once", "--source", "sqlite:" + text, "--work",
                work().toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(text.toString(), "is not a SQLite database", "check --source");
        assertNoServicesStarted();
    }

    /**
     * Root reads files whatever their mode, so as root the command runs in its own process without the capabilities
     * that allow it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): the file's mode then stops it as it stops anyone else.
     */
    @Test
    void shouldRefuseASourceWithoutReadPermissionBeforeStartingAnything() throws Exception {
        Path source = SampleDatabases.copy(SampleDatabases.CHINOOK, dir);
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("-w-------"));
        Path output = dir.resolve("output.txt");

        int exitCode;
        try (CutoverProcess process = CutoverProcess.start(output, withoutReadingEveryFile(), "run", "--once",
                "--source", "sqlite:" + source, "--work", work().toString())) {
            exitCode = process.awaitExit(120);
        }

        String printed = Files.readString(output);
        assertThat(exitCode).as(printed).isEqualTo(3);
        assertThat(printed).contains(source.toString(), "permission denied", "give this user read access");
        assertNoServicesStarted();
    }

    /** The launcher that runs a process unable to read a file its mode forbids: none needed unless this user is root. */
    private static List<String> withoutReadingEveryFile() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "running as root, and without setpriv no process here is stopped by a file's mode");
        return List.of("/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all");
    }

    private Path work() {
        return dir.resolve("work");
    }

    private void assertNoServicesStarted() {
        assertThat(work().resolve("postgres")).doesNotExist();
        assertThat(work().resolve("kafka")).doesNotExist();
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
