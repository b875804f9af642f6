package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover run} backs the source up before it installs capture, says so in its summary, and not with --no-backup. */
@ExtendWith(PipelineServices.class)
class RunBackupIT {
    @TempDir
    Path dir;

    @Test
    void shouldBackTheSourceUpBeforeCaptureAndNameTheBackupInTheSummary(PipelineServices.Services services)
            throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 500);
        List<String> before = contents(source);
        Path work = dir.resolve("work");

        CommandOutput run = CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--target",
                services.newDatabase().toString(), "--kafka", services.kafka(), "--work", work.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Path backup = onlyCopy(work);
        assertThat(run.out()).contains("Backup of the source before capture: " + backup + " (",
                "SHA-256 " + Backup.sha256(backup));
        assertThat(contents(backup)).as("the backup holds the source's schema and rows, and no capture").isEqualTo(before);
    }

    @Test
    void shouldTakeNoBackupWithNoBackup(PipelineServices.Services services) throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 10);
        Path work = dir.resolve("work");

        CommandOutput run = CommandOutput.run("run", "--once", "--no-backup", "--source", "sqlite:" + source,
                "--target", services.newDatabase().toString(), "--kafka", services.kafka(), "--work", work.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("backup: none (--no-backup)").doesNotContain("Backup of the source");
        assertThat(new WorkDir(work).backups()).doesNotExist();
    }

    private static Path onlyCopy(Path work) throws IOException {
        try (Stream<Path> files = Files.list(new WorkDir(work).backups())) {
            List<Path> copies = files.filter(f -> !f.toString().endsWith(".json")).toList();
            assertThat(copies).hasSize(1);
            return copies.get(0);
        }
    }

    /** The schema's objects and every row of the application's tables, as text. */
    private static List<String> contents(Path file) throws SQLException {
        List<String> lines = new ArrayList<>(BackupRestoreTest.query(file,
                "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name"));
        for (String table : List.of("customer", "purchase", "line")) {
            lines.addAll(BackupRestoreTest.query(file, "SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return lines;
    }
}
