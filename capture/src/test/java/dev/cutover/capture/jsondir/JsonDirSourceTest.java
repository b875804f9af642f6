package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.CaptureSettings;
import dev.cutover.schemas.source.ConnectorSpec;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jsondir:PATH} behind the source seam: parsing, the check before anything starts, the connector, the position. */
class JsonDirSourceTest {
    @TempDir
    Path root;

    @Test
    void shouldBeFoundByItsSchemeAndResolveThePath() {
        Source source = Sources.parse("jsondir:" + root + "/./sub/..");

        assertThat(source).isInstanceOf(JsonDirSource.class);
        assertThat(source.id()).isEqualTo("jsondir:" + root);
        assertThat(source.name()).isEqualTo(root.getFileName().toString());
        assertThat(source.documents()).isTrue();
        assertThat(Sources.parse("jsondir://" + root).id()).isEqualTo("jsondir:" + root);
        assertThat(Sources.parse("jsondir:~/data").id()).isEqualTo("jsondir:" + Path.of(System.getProperty("user.home"),
                "data"));
        assertThat(Sources.parse("jsondir:data").id()).isEqualTo("jsondir:" + Path.of("data").toAbsolutePath());
    }

    @Test
    void shouldCountTheBytesOfTheDocumentsFilesOnly() {
        new TestDirectory(root).write("users.json", "[{\"_id\": 1}]").write("logs/app.jsonl", "{\"_id\": 2}\n")
                .write("notes.txt", "not a document").write(".users.json.tmp", "[]");

        assertThat(Sources.parse("jsondir:" + root).bytes()).isEqualTo(12 + 11);
    }

    @Test
    void shouldRefuseAUriWithoutADirectory() {
        assertThatThrownBy(() -> Sources.parse("jsondir:")).isInstanceOf(CutoverException.class)
                .hasMessage("--source 'jsondir:' names no directory; e.g. --source jsondir:./data")
                .extracting(e -> ((CutoverException) e).code()).isEqualTo(ErrorCode.BAD_USAGE);
    }

    @Test
    void shouldRefuseAMissingDirectoryAsUnreachable() {
        Source source = Sources.parse("jsondir:" + root.resolve("missing"));

        assertThatThrownBy(() -> source.check(Access.READ)).isInstanceOf(CutoverException.class)
                .hasMessage("source directory " + root.resolve("missing") + " does not exist; check the path given to "
                        + "--source jsondir:PATH")
                .extracting(e -> ((CutoverException) e).code().exitCode()).isEqualTo(3);
    }

    @Test
    void shouldRefuseAFileAndAClashAsBadConfiguration() {
        new TestDirectory(root).write("users.json", "[]").write("users/u1.json", "{}");
        Source file = Sources.parse("jsondir:" + root.resolve("users.json"));
        Source clash = Sources.parse("jsondir:" + root);

        assertThatThrownBy(() -> file.check(Access.LIVE)).isInstanceOf(CutoverException.class)
                .hasMessageContaining("is a file, not a directory")
                .extracting(e -> ((CutoverException) e).code().exitCode()).isEqualTo(2);
        assertThatThrownBy(() -> clash.check(Access.READ)).isInstanceOf(CutoverException.class)
                .hasMessage("source directory " + root + ": both the file users.json and the folder users/ would be "
                        + "collection users; rename one of them so that each collection has one source");
    }

    @Test
    void shouldGiveItsConnectorTheIndexBesideThePlan() {
        ConnectorSpec spec = Sources.parse("jsondir:" + root).connector(new CaptureSettings(
                Path.of("/work/.cutover/plan.json"), "cutover.x", 100, 4, 1 << 20));

        assertThat(spec.connectorClass()).isEqualTo(JsonDirConnector.class.getName());
        assertThat(spec.properties()).containsEntry(JsonDirConnectorConfig.PATH, root.toString())
                .containsEntry(JsonDirConnectorConfig.INDEX_PATH, "/work/.cutover/jsondir-index.db")
                .containsEntry(JsonDirConnectorConfig.RAW_PARTITIONS, "4")
                .containsEntry(JsonDirConnectorConfig.TOPIC_PREFIX, "cutover.x");
        new JsonDirConnectorConfig(spec.properties());
    }

    @Test
    void shouldPlaceTheDirectoryAtItsNewestChange() throws Exception {
        TestDirectory dir = new TestDirectory(root).write("conversations/c1.json", "{}").write("users.jsonl", "");
        Source source = Sources.parse("jsondir:" + root);
        long before = source.capture().position();

        Thread.sleep(20);
        dir.remove("conversations/c1.json");

        assertThat(source.capture().position()).isGreaterThan(before).isLessThanOrEqualTo(System.currentTimeMillis());
        assertThat(Files.getLastModifiedTime(root.resolve("conversations")).toMillis())
                .isEqualTo(source.capture().position());
        assertThat(source.capture().installed()).isFalse();
        assertThat(source.capture().remove()).isEmpty();
    }

    @Test
    void shouldCountTheDocumentsThatRead() {
        new TestDirectory(root).lines("users.jsonl", "{\"_id\": 1}", "{\"_id\": }", "{\"_id\": 3}")
                .write("notes/a.json", "{}").write("notes/b.json", "{}").write("notes/c.json", "oops");

        assertThat(Sources.parse("jsondir:" + root).rowCounts(List.of("users", "notes", "absent")))
                .isEqualTo(Map.of("users", 2L, "notes", 2L, "absent", 0L));
    }
}
