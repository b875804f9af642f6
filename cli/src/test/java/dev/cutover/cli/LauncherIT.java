package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./cutover} launcher's class archive, through the launcher itself (after {@code package}, so the jar it
 * runs is this build's): recorded by the first successful migration only, mapped by later starts, and dropped when the
 * jar is newer. The archive goes to a temporary place ({@code CUTOVER_CLASS_ARCHIVE}), not beside the build's jar.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "cutover").toAbsolutePath().normalize();
    private static final Path JAR = LAUNCHER.resolveSibling("cli/target/cutover.jar");

    @Test
    void shouldRecordTheClassArchiveAfterASuccessfulMigrationOnlyAndMapItLater(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(canRecord(), "this JVM (" + System.getProperty("java.home") + ") refuses to start with "
                + "-XX:+RecordDynamicDumpInfo (it has no base CDS archive, or sharing is off), so the launcher records "
                + "no class archive here; shouldMigrateWithoutRecordingWhenSharingIsOff covers a launcher without one");
        Path archive = dir.resolve("cutover.jsa");

        Result help = launch(archive, dir, Map.of(), "run", "--help");
        assertThat(help.exitCode()).isZero();
        Result failed = launch(archive, dir, Map.of(), "run", "--once", "--source", "sqlite:" + dir.resolve("absent.db"));
        assertThat(failed.exitCode()).as(failed.output()).isNotZero();
        assertThat(archive).as("neither help nor a failed run records the archive").doesNotExist();

        Result demo = launch(archive, dir, Map.of(), "demo", "--work", dir.resolve("demo").toString());
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("Done: every source row is in the target.").doesNotContain("Dynamic dump");
        assertThat(archive).isRegularFile();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("cutover.jsa."));
        }

        Path classLog = dir.resolve("classes.txt");
        Result mapped = launch(archive, dir, Map.of("CUTOVER_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classLog),
                "--version");
        assertThat(mapped.exitCode()).as("-Xshare:on fails the start when the archive cannot be mapped: "
                + mapped.output()).isZero();
        assertThat(Files.readString(classLog)).containsPattern("dev\\.cutover\\.cli\\.Main source: shared objects file");
    }

    /** With sharing off the JVM would refuse to start when asked to record, so the launcher does not ask. */
    @Test
    void shouldMigrateWithoutRecordingWhenSharingIsOff(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("cutover.jsa");

        Result demo = launch(archive, dir, Map.of("CUTOVER_JAVA_OPTS", "-Xshare:off"), "demo", "--work",
                dir.resolve("demo").toString());

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("Done: every source row is in the target.");
        assertThat(archive).doesNotExist();
    }

    @Test
    void shouldDropAnArchiveOlderThanTheJar(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("cutover.jsa");
        Files.writeString(archive, "recorded from an earlier build");
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(JAR).toMillis() - 60_000));

        Result version = launch(archive, dir, Map.of(), "--version");

        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(archive).doesNotExist();
    }

    private record Result(int exitCode, String output) {
    }

    /** Whether this JVM can record a dynamic class archive: the launcher's own check before it asks for one. */
    private static boolean canRecord() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-XX:+RecordDynamicDumpInfo", "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    private static Result launch(Path archive, Path dir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("launcher-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        builder.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
        builder.environment().put("CUTOVER_CLASS_ARCHIVE", archive.toString());
        builder.environment().remove("CUTOVER_JAVA_OPTS");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./cutover " + String.join(" ", args) + " did not exit within 180 s");
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
