package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup a run takes before capture (no services started: {@link RunBackup} runs before them): once per migration,
 * reused by the runs that resume it, none once capture is in the source or with {@code --no-backup}.
 */
class RunBackupTest {
    @TempDir
    Path dir;

    private Path source;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void createSource() throws SQLException {
        source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 1_000);
    }

    @Test
    void shouldBackTheSourceUpOnceAndReuseThatBackupWhenTheMigrationResumes() throws Exception {
        Path work = dir.resolve("work");

        Optional<Backup> first = prepare(work, true);
        installCapture();
        Optional<Backup> resumed = prepare(work, true);

        assertThat(first).isPresent();
        assertThat(resumed).contains(first.get());
        assertThat(copies(work)).containsExactly(first.get().path());
        assertThat(Backup.sha256(first.get().path())).isEqualTo(first.get().sha256());
        assertThat(printed()).contains("backup: copying " + source, "taken by this migration's first run");
    }

    @Test
    void shouldCarryOnWhenTheMigrationsBackupWasDeleted() throws Exception {
        Path work = dir.resolve("work");
        Backup first = prepare(work, true).orElseThrow();
        installCapture();
        Files.delete(first.path());
        Files.writeString(new WorkDir(work).backups().resolve("unrelated.json"), "not a manifest");

        assertThat(prepare(work, true)).isEmpty();
        assertThat(printed()).contains("backup: none (capture is already in the source");
    }

    @Test
    void shouldTakeNoBackupOnceCaptureIsInTheSource() throws Exception {
        installCapture();

        assertThat(prepare(dir.resolve("work"), true)).isEmpty();
        assertThat(copies(dir.resolve("work"))).isEmpty();
        assertThat(printed()).contains("backup: none (capture is already in the source", "cutover backup --source");
    }

    @Test
    void shouldTakeNoBackupWithNoBackup() throws Exception {
        assertThat(prepare(dir.resolve("work"), false)).isEmpty();
        assertThat(copies(dir.resolve("work"))).isEmpty();
        assertThat(printed()).contains("backup: none (--no-backup)");
    }

    private Optional<Backup> prepare(Path work, boolean backup) {
        Source parsed = Sources.parse("sqlite:" + source);
        WorkDir workDir = new WorkDir(work);
        RunOptions options = new RunOptions(parsed, null, null, workDir, true, 1, 1, 1, 1000, 1 << 20, false,
                List.of(), backup);
        WorkDir.Migration migration = workDir.migration(parsed.id(), parsed.name());
        return RunBackup.prepare(options, migration, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    /** What a run's connector leaves in the source: its change-log table is what tells capture is installed. */
    private void installCapture() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE _cutover_changes (seq INTEGER PRIMARY KEY, tbl TEXT)");
        }
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static List<Path> copies(Path work) throws IOException {
        Path backups = new WorkDir(work).backups();
        if (!Files.exists(backups)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(f -> !f.toString().endsWith(".json")).map(Path::toAbsolutePath).toList();
        }
    }
}
