package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class archive's options for processes Cutover starts, and a recording the JVM was not prepared for. */
class ClassArchiveTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(ClassArchive.PATH_PROPERTY);
        System.clearProperty(ClassArchive.RECORD_PROPERTY);
    }

    @Test
    void shouldOfferNoOptionsWithoutTheLaunchersPath() {
        assertThat(ClassArchive.useOptions()).isEmpty();
        assertThat(ClassArchive.recordOptions()).isEmpty();
    }

    @Test
    void shouldRecordWhileThereIsNoArchiveAndMapItOnceThereIs(@TempDir Path dir) throws IOException {
        Path archive = dir.resolve("cutover.jsa");
        System.setProperty(ClassArchive.PATH_PROPERTY, archive.toString());

        assertThat(ClassArchive.useOptions()).isEmpty();
        assertThat(ClassArchive.recordOptions()).containsExactly("-XX:+RecordDynamicDumpInfo", "-Xlog:cds*=off",
                "-Dcutover.class-archive=" + archive, "-Dcutover.class-archive.record=true");

        Files.writeString(archive, "an archive");
        assertThat(ClassArchive.recordOptions()).isEmpty();
        assertThat(ClassArchive.useOptions()).containsExactly("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
    }

    @Test
    void shouldFailToRecordInAJvmStartedWithoutRecordDynamicDumpInfo(@TempDir Path dir) {
        Path archive = dir.resolve("cutover.jsa");

        assertThatThrownBy(() -> ClassArchive.record(archive)).isInstanceOf(IOException.class)
                .hasMessageContaining("RecordDynamicDumpInfo");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void shouldTellAJvmThatRunsAnAgent() {
        assertThat(ClassArchive.agent(java.util.List.of("-Xmx1g", "-javaagent:/opt/apm.jar", "-agentlib:jdwp=x")))
                .isEqualTo("-javaagent:/opt/apm.jar");
        assertThat(ClassArchive.agent(java.util.List.of("-agentpath:/lib/profiler.so=start"))).startsWith("-agentpath:");
        assertThat(ClassArchive.agent(java.util.List.of("-Xmx1g", "-Dagent=x", "-XX:+RecordDynamicDumpInfo"))).isNull();
    }

    @Test
    void shouldLeaveAnUnrequestedRecordingAlone(@TempDir Path dir) {
        Path archive = dir.resolve("cutover.jsa");
        System.setProperty(ClassArchive.PATH_PROPERTY, archive.toString());

        ClassArchive.recordIfRequested();

        assertThat(archive).doesNotExist();
    }
}
