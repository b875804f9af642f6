package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Operation;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of change an application makes to a JSON directory, captured live: the events, applied in order to a
 * key-to-document map as a sink would, end equal to the directory's documents.
 */
class JsonDirLiveCaptureTest {
    private static final List<String> ID = List.of("_id");

    @TempDir
    Path root;
    @TempDir
    Path work;
    private TestDirectory dir;
    private JsonDirCaptureDriver capture;

    @BeforeEach
    void directory() {
        dir = new TestDirectory(root)
                .lines("users.jsonl", "{\"_id\": 1, \"name\": \"Ann\"}", "{\"_id\": 2, \"name\": \"Bob\"}")
                .write("orders.json", "[{\"_id\": 10, \"total\": 1}, {\"_id\": 11, \"total\": 2},"
                        + " {\"_id\": 12, \"total\": 3}]")
                .write("conversations/c1.json", "{\"_id\": \"c1\", \"messages\": [\"hi\"]}")
                .write("conversations/c2.json", "{\"_id\": \"c2\", \"messages\": []}")
                .write("usage/ann.json", "{\"daily\": 1}")
                .settle();
    }

    @AfterEach
    void close() {
        if (capture != null) {
            capture.close();
        }
    }

    private void startCapture() {
        startCapture(Map.of());
    }

    private void startCapture(Map<String, String> settings) {
        Map<String, List<String>> collections = new LinkedHashMap<>();
        collections.put("users", ID);
        collections.put("orders", ID);
        collections.put("conversations", ID);
        collections.put("usage", List.of("$file"));
        capture = JsonDirCaptureDriver.start(root, work, collections, settings);
        capture.drain();
    }

    /** The live events since the snapshot, as (op, key) pairs in order. */
    private List<String> liveEvents(int from) {
        return capture.events().subList(from, capture.events().size()).stream()
                .map(e -> e.getOp() + " " + e.getTable() + " " + JsonDirCaptureDriver.json((ByteBuffer) e.getKey().get(0)))
                .toList();
    }

    @Test
    void shouldCaptureAppendedLinesOnly() {
        startCapture();
        int before = capture.events().size();

        dir.append("users.jsonl", "{\"_id\": 3, \"name\": \"Cy\"}\n{\"_id\": 4, \"name\": \"Di\"}\n");

        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactly("INSERT users {\"_id\": 3}", "INSERT users {\"_id\": 4}");
        ChangeEvent insert = capture.events().get(before);
        assertThat(insert.getSequence()).isPositive();
        assertThat(insert.getSourceTimeMs()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000L));
    }

    @Test
    void shouldDiffARewrittenCollectionFileByKey() {
        startCapture();
        int before = capture.events().size();

        dir.write("orders.json", "[{\"_id\": 10, \"total\": 1}, {\"_id\": 12, \"total\": 30}, {\"_id\": 13, \"total\": 4}]");

        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactlyInAnyOrder("UPDATE orders {\"_id\": 12}",
                "INSERT orders {\"_id\": 13}", "DELETE orders {\"_id\": 11}");
    }

    @Test
    void shouldDiffACollectionFileRewrittenWithLinesChangedInPlace() {
        startCapture();
        int before = capture.events().size();

        dir.lines("users.jsonl", "{\"_id\": 2, \"name\": \"Bobby\"}", "{\"_id\": 5, \"name\": \"Eve\"}");

        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactlyInAnyOrder("UPDATE users {\"_id\": 2}",
                "INSERT users {\"_id\": 5}", "DELETE users {\"_id\": 1}");
    }

    @Test
    void shouldCaptureNewRewrittenAndRemovedDocumentFiles() {
        startCapture();
        int before = capture.events().size();

        dir.write("conversations/c3.json", "{\"_id\": \"c3\", \"messages\": []}")
                .write("conversations/c2.json", "{\"_id\": \"c2\", \"messages\": [\"new\"]}")
                .remove("conversations/c1.json")
                .write("usage/bob.json", "{\"daily\": 7}");

        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactlyInAnyOrder("DELETE conversations {\"_id\": \"c1\"}",
                "UPDATE conversations {\"_id\": \"c2\"}", "INSERT conversations {\"_id\": \"c3\"}",
                "INSERT usage {\"$file\": \"bob\"}");
        assertThat(capture.events(Operation.DELETE)).allSatisfy(e -> assertThat(e.getValues()).isEmpty());
    }

    @Test
    void shouldReadAFileRenamedOverItsTarget() {
        startCapture();
        int before = capture.events().size();

        dir.replace("conversations/c1.json", "{\"_id\": \"c1\", \"messages\": [\"hi\", \"again\"]}")
                .replace("orders.json", "[{\"_id\": 10, \"total\": 1}, {\"_id\": 11, \"total\": 2},"
                        + " {\"_id\": 12, \"total\": 3}, {\"_id\": 14, \"total\": 5}]");

        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactlyInAnyOrder("UPDATE conversations {\"_id\": \"c1\"}",
                "INSERT orders {\"_id\": 14}");
        assertThat(capture.letters()).isEmpty();
    }

    @Test
    void shouldMoveADocumentBetweenFilesWithoutCallingItADuplicate() {
        startCapture();

        dir.remove("conversations/c1.json").write("conversations/renamed.json", "{\"_id\": \"c1\", \"messages\": []}");

        capture.assertConverged();
        assertThat(capture.letters()).isEmpty();
        assertThat(capture.replica().get("conversations")).hasSize(2);
    }

    @Test
    void shouldNotReadADocumentFileBeforeItHasSettled() throws InterruptedException {
        startCapture(Map.of(JsonDirConnectorConfig.SETTLE_MS, "1500"));
        int before = capture.events().size();

        dir.write("conversations/c3.json", "{\"_id\": \"c3\", \"messages\": [");
        pollFor(300);
        assertThat(capture.events()).hasSize(before);
        dir.write("conversations/c3.json", "{\"_id\": \"c3\", \"messages\": [\"done\"]}");
        pollFor(300);
        assertThat(capture.events()).hasSize(before);

        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactly("INSERT conversations {\"_id\": \"c3\"}");
        assertThat(capture.letters()).isEmpty();
    }

    private void pollFor(long ms) {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            capture.poll();
        }
    }

    @Test
    void shouldReadAHalfWrittenDocumentFileOnceItCompletes() {
        startCapture();
        int before = capture.events().size();

        dir.write("conversations/c3.json", "{\"_id\": \"c3\", \"messages\": [").settle();
        capture.drain();
        dir.write("conversations/c3.json", "{\"_id\": \"c3\", \"messages\": [\"done\"]}");

        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactly("INSERT conversations {\"_id\": \"c3\"}");
        assertThat(capture.letters()).singleElement().extracting(DeadLetter::getReason).asString()
                .startsWith("file conversations/c3.json line 1: the file ends inside its document");
    }

    @Test
    void shouldTakeAnAppendedLineOnlyOnceItIsComplete() {
        startCapture();
        int before = capture.events().size();

        dir.append("users.jsonl", "{\"_id\": 3, \"na");
        dir.settle();
        capture.drain();
        assertThat(capture.events()).hasSize(before);
        dir.append("users.jsonl", "me\": \"Cy\"}\n");

        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactly("INSERT users {\"_id\": 3}");
        assertThat(capture.letters()).singleElement().extracting(DeadLetter::getReason).asString()
                .startsWith("file users.jsonl line 3: the file ends inside this document and has stopped changing");
    }

    @Test
    void shouldKeepTheDocumentsOfARemovedCollectionFileAndReportIt() {
        startCapture();
        int before = capture.events().size();

        dir.remove("users.jsonl");
        capture.drain();

        assertThat(capture.events()).hasSize(before);
        assertThat(capture.replica().get("users")).hasSize(2);
        assertThat(capture.letters()).singleElement().satisfies(letter -> {
            assertThat(letter.getTable()).isEqualTo("users");
            assertThat(letter.getReason()).isEqualTo("file users.jsonl: the collection file was removed; its 2 "
                    + "documents stay in PostgreSQL, as removing a file does not say its documents were deleted (to "
                    + "delete them, empty the file instead)");
        });

        dir.lines("users.jsonl", "{\"_id\": 2, \"name\": \"Bob\"}");
        capture.assertConverged();
        assertThat(liveEvents(before)).containsExactly("DELETE users {\"_id\": 1}");
    }

    @Test
    void shouldReportACollectionThePlanDoesNotHaveOnce() {
        startCapture();
        int before = capture.events().size();

        dir.lines("notes.jsonl", "{\"_id\": 1}").write("tags/t1.json", "{\"_id\": 1}");
        capture.drain();
        dir.append("notes.jsonl", "{\"_id\": 2}\n");
        capture.drain();

        assertThat(capture.events()).hasSize(before);
        assertThat(capture.letters()).extracting(DeadLetter::getTable).containsExactlyInAnyOrder("notes", "tags");
        assertThat(capture.letters()).extracting(DeadLetter::getReason).allSatisfy(reason ->
                assertThat(reason).contains("is not in the plan, so its documents are not captured: run `cutover "
                        + "plan` again"));
    }

    @Test
    void shouldReportTheDirectoryPositionWhenOnlyModificationTimesChange() {
        startCapture();
        int before = capture.events().size();
        int announcements = capture.controls().size();

        dir.touch("conversations/c1.json").touch("users.jsonl");

        capture.assertConverged();
        assertThat(capture.events()).hasSize(before);
        assertThat(capture.controls().subList(announcements, capture.controls().size()))
                .isNotEmpty().allSatisfy(c -> assertThat(c.getType()).isEqualTo(ControlType.SNAPSHOT_COMPLETED));
    }

    @Test
    void shouldSendAKeyLessDocumentsChangeAsADeleteAndAnInsert() {
        dir.lines("logs.jsonl", "{\"msg\": \"a\"}", "{\"msg\": \"b\"}").settle();
        capture = JsonDirCaptureDriver.start(root, work, Map.of("logs", List.of("$hash")));
        capture.drain();
        int before = capture.events().size();

        dir.lines("logs.jsonl", "{\"msg\": \"a\"}", "{\"msg\": \"B\"}");

        capture.assertConverged();
        assertThat(capture.events().subList(before, capture.events().size())).extracting(ChangeEvent::getOp)
                .containsExactlyInAnyOrder(Operation.INSERT, Operation.DELETE);
    }
}
