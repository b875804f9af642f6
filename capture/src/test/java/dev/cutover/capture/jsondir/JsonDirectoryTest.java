package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.jsondir.JsonDirectory.Entry;
import dev.cutover.capture.jsondir.JsonDirectory.Layout;
import dev.cutover.capture.jsondir.JsonDirectory.Listing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDirectoryTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void shouldNameCollectionsByBothLayouts() throws IOException {
        write("users.json", "[]");
        write("events.jsonl", "");
        write("logs.NDJSON", "");
        write("conversations/a1.json", "{}");
        write("conversations/b2.json", "{}");
        write("archive/2024/x.json", "{}");
        write("archive/app.jsonl", "");

        Listing listing = new JsonDirectory(root).list();

        assertThat(listing.collections()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "users", Layout.FILE, "events", Layout.FILE, "logs", Layout.FILE, "conversations", Layout.FOLDER,
                "archive.2024", Layout.FOLDER, "archive.app", Layout.FILE));
        assertThat(listing.files()).extracting(Entry::path).containsExactly("archive/2024/x.json", "archive/app.jsonl",
                "conversations/a1.json", "conversations/b2.json", "events.jsonl", "logs.NDJSON", "users.json");
        assertThat(listing.files().get(2).stem()).isEqualTo("a1");
        assertThat(listing.clashes()).isEmpty();
        assertThat(listing.complete()).isTrue();
    }

    @Test
    void shouldSkipHiddenFilesAndFoldersAndOtherExtensions() throws IOException {
        write(".users.json.tmp", "[]");
        write(".cache/x.json", "{}");
        write("conversations/.a1.json", "{}");
        write("conversations/a1.json.swp", "{}");
        write("README.md", "hello");
        write("notes/readme.txt", "hello");

        assertThat(new JsonDirectory(root).list().files()).isEmpty();
    }

    @Test
    void shouldReportNamesTwoSourcesWouldShare() throws IOException {
        write("users.json", "[]");
        write("users.jsonl", "");
        write("a/b.jsonl", "");
        write("a/b/c.json", "{}");

        assertThat(new JsonDirectory(root).list().clashes()).containsExactly(
                "both the file a/b.jsonl and the folder a/b/ would be collection a.b",
                "both the file users.json and the file users.jsonl would be collection users");
    }

    @Test
    void shouldMoveTheNewestTimeWhenAFileIsRemoved() throws IOException, InterruptedException {
        write("conversations/a1.json", "{}");
        write("conversations/b2.json", "{}");
        Path old = root.resolve("conversations/a1.json");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1000));
        Files.setLastModifiedTime(root.resolve("conversations/b2.json"), java.nio.file.attribute.FileTime.fromMillis(1000));
        Files.setLastModifiedTime(root.resolve("conversations"), java.nio.file.attribute.FileTime.fromMillis(1000));
        Files.setLastModifiedTime(root, java.nio.file.attribute.FileTime.fromMillis(1000));
        assertThat(new JsonDirectory(root).list().newestMs()).isEqualTo(1000);

        Files.delete(old);

        assertThat(new JsonDirectory(root).list().newestMs()).isGreaterThan(1000);
    }

    @Test
    void shouldOrderPathsByCodePointAsSqliteOrdersUtf8() {
        assertThat(JsonDirectory.comparePaths("a\uFFFF", "a\uD83D\uDE00")).isNegative();
        assertThat(JsonDirectory.comparePaths("a", "a/b")).isNegative();
        assertThat(JsonDirectory.comparePaths("a/b", "a/b")).isZero();
    }
}
