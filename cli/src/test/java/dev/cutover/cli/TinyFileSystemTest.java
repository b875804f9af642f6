package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on a real file system too small for what they would write (a 1 MiB tmpfs): each refuses with the numbers
 * and exit 2 before writing, instead of leaving a half-written file. Mounting needs root (or CAP_SYS_ADMIN); where it
 * is refused the tests are skipped with mount's own reason, and {@link DiskSpaceTest} covers the check with its probe
 * given.
 */
class TinyFileSystemTest {
    @TempDir
    Path dir;

    private Path tiny;
    private boolean mounted;

    @BeforeEach
    void mountTinyFileSystem() throws IOException, InterruptedException {
        tiny = Files.createDirectory(dir.resolve("tiny"));
        String said;
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", tiny.toString())
                    .redirectErrorStream(true).start();
            said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            mounted = mount.waitFor() == 0;
        } catch (IOException e) {
            said = e.getMessage();
        }
        assumeTrue(mounted, "cannot mount a 1 MiB tmpfs at " + tiny + " on this machine: " + said);
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted) {
            new ProcessBuilder("umount", tiny.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void shouldRefuseABackupLargerThanTheFreeSpaceBeforeWritingIt() throws Exception {
        Path source = bigSource();

        CommandOutput refused = CommandOutput.run("backup", "--source", "sqlite:" + source, "--work", tiny.toString());

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("not enough free space on", "the backup in " + tiny.resolve("backups"),
                "needed", "1.0 MiB (1,048,576 bytes) free");
        assertThat(filesIn(tiny.resolve("backups"))).isEmpty();
    }

    @Test
    void shouldRefuseARestoreLargerThanTheFreeSpaceBeforeWritingIt() throws Exception {
        Path source = bigSource();
        CommandOutput backup = CommandOutput.run("backup", "--source", "sqlite:" + source, "--work",
                dir.resolve("work").toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Path taken = filesIn(dir.resolve("work").resolve("backups")).stream()
                .filter(f -> !f.toString().endsWith(".json")).findFirst().orElseThrow();

        CommandOutput refused = CommandOutput.run("restore", "--backup", taken.toString(), "--to",
                tiny.resolve("app.db").toString());

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("not enough free space on", "the restored file in " + tiny, "needed",
                "restore --to a path on a larger file system");
        assertThat(filesIn(tiny)).isEmpty();
    }

    @Test
    void shouldRefuseARunWhoseBackupAndEmbeddedServicesWouldNotFitBeforeStartingThem() throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 100);

        CommandOutput refused = CommandOutput.run("run", "--once", "--source", "sqlite:" + source, "--work",
                tiny.toString());

        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("not enough free space on", "the backup in " + tiny.resolve("backups"),
                "the embedded Kafka's log in " + tiny.resolve("kafka"),
                "the embedded PostgreSQL's data in " + tiny.resolve("postgres"), "--no-backup, --kafka and --target");
        assertThat(tiny.resolve("backups")).doesNotExist();
        assertThat(tiny.resolve("kafka")).doesNotExist();
        assertThat(tiny.resolve("postgres")).doesNotExist();
    }

    /** A SQLite file of several MiB, on the ordinary file system. */
    private Path bigSource() throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, 50_000);
        assertThat(Files.size(source)).isGreaterThan(2L << 20);
        return source;
    }

    private static List<Path> filesIn(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
