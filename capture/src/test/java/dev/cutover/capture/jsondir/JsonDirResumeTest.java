package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture killed at any moment and started again: it resumes where the committed offset ends, sends again exactly what
 * Kafka may hold without its offset, and over files that did not change it sends nothing.
 */
class JsonDirResumeTest {
    private static final List<String> ID = List.of("_id");

    @TempDir
    Path temp;
    private JsonDirCaptureDriver capture;

    @AfterEach
    void close() {
        if (capture != null) {
            capture.close();
        }
    }

    private TestDirectory store(Path root, int users) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < users; i++) {
            lines.append("{\"_id\": ").append(i).append(", \"name\": \"user ").append(i).append("\"}\n");
        }
        return new TestDirectory(root).write("users.jsonl", lines.toString())
                .write("orders.json", "[{\"_id\": 10, \"total\": 1}, {\"_id\": 11, \"total\": 2}]")
                .write("conversations/c1.json", "{\"_id\": \"c1\", \"messages\": [\"hi\"]}")
                .write("conversations/c2.json", "{\"_id\": \"c2\", \"messages\": []}")
                .write("usage/ann.json", "{\"daily\": 1}")
                .settle();
    }

    private JsonDirCaptureDriver start(Path root, Path work) {
        Map<String, List<String>> collections = new LinkedHashMap<>();
        collections.put("users", ID);
        collections.put("orders", ID);
        collections.put("conversations", ID);
        collections.put("usage", List.of("$file"));
        capture = JsonDirCaptureDriver.start(root, work, collections);
        return capture;
    }

    private static Set<String> keys(List<ChangeEvent> events) {
        Set<String> keys = new TreeSet<>();
        events.forEach(e -> keys.add(e.getTable() + " " + JsonDirCaptureDriver.key((ByteBuffer) e.getKey().get(0))));
        return keys;
    }

    private static List<String> keyList(List<ChangeEvent> events) {
        return events.stream()
                .map(e -> e.getTable() + " " + JsonDirCaptureDriver.key((ByteBuffer) e.getKey().get(0))).toList();
    }

    @Test
    void shouldResumeAKilledSnapshotSendingAgainOnlyWhatWasNotCommitted() {
        Path root = temp.resolve("root");
        store(root, 30);
        start(root, temp.resolve("work"));
        List<SourceRecord> polled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            polled.addAll(capture.poll());
        }
        capture.commitUpTo(polled.get(polled.size() - 1));
        int committedEvents = capture.events().size();
        for (int i = 0; i < 2; i++) {
            capture.poll();
        }
        List<ChangeEvent> uncommitted = List.copyOf(capture.events().subList(committedEvents, capture.events().size()));
        Set<String> sentBefore = keys(capture.events());
        assertThat(uncommitted).isNotEmpty();

        capture.restart();
        int restartedAt = capture.events().size();
        capture.assertConverged();

        List<String> resent = keyList(capture.events().subList(restartedAt, capture.events().size()));
        assertThat(resent).doesNotHaveDuplicates();
        Set<String> expected = new TreeSet<>(keys(uncommitted));
        keys(capture.events()).stream().filter(k -> !sentBefore.contains(k)).forEach(expected::add);
        assertThat(new TreeSet<>(resent)).isEqualTo(expected);
    }

    @Test
    void shouldResumeKilledStreamingAndConverge() {
        Path root = temp.resolve("root");
        TestDirectory dir = store(root, 5);
        start(root, temp.resolve("work")).drain();
        capture.commit();

        dir.append("users.jsonl", "{\"_id\": 100}\n{\"_id\": 101}\n{\"_id\": 102}\n{\"_id\": 103}\n")
                .write("orders.json", "[{\"_id\": 11, \"total\": 20}, {\"_id\": 12, \"total\": 3}]")
                .remove("conversations/c1.json")
                .write("conversations/c3.json", "{\"_id\": \"c3\"}")
                .settle();
        int before = capture.events().size();
        while (capture.events().size() < before + 2) {
            capture.poll();
        }
        capture.restart();
        dir.append("users.jsonl", "{\"_id\": 104}\n");

        capture.assertConverged();
        assertThat(capture.letters()).isEmpty();
    }

    @Test
    void shouldSendAgainTheCurrentStateOfADocumentSentButNotCommitted() {
        Path root = temp.resolve("root");
        TestDirectory dir = store(root, 2);
        start(root, temp.resolve("work")).drain();
        capture.commit();

        dir.write("conversations/c2.json", "{\"_id\": \"c2\", \"messages\": [\"sent, never committed\"]}")
                .append("users.jsonl", "{\"_id\": 7}\n")
                .settle();
        int before = capture.events().size();
        while (capture.events().size() < before + 2) {
            capture.poll();
        }
        dir.write("conversations/c2.json", "{\"_id\": \"c2\", \"messages\": []}")
                .write("users.jsonl", "{\"_id\": 0, \"name\": \"user 0\"}\n{\"_id\": 1, \"name\": \"user 1\"}\n");
        capture.restart();

        capture.assertConverged();
        assertThat(capture.replica().get("conversations").get("{\"_id\": \"c2\"}")).isEqualTo(
                "{\"_id\": \"c2\", \"messages\": []}");
        assertThat(capture.replica().get("users")).hasSize(2);
    }

    @Test
    void shouldSendNothingNewWhenRunAgainOverUnchangedFiles() {
        Path root = temp.resolve("root");
        store(root, 10).lines("broken.jsonl", "{\"_id\": 1}", "{\"_id\": }").settle();
        Map<String, List<String>> collections = new LinkedHashMap<>();
        collections.put("users", ID);
        collections.put("broken", ID);
        capture = JsonDirCaptureDriver.start(root, temp.resolve("work"), collections);
        capture.drain();
        capture.commit();
        int events = capture.events().size();
        int letters = capture.letters().size();

        for (int run = 0; run < 2; run++) {
            capture.restart();
            capture.drain();
            capture.commit();
        }

        assertThat(capture.events()).hasSize(events);
        assertThat(capture.letters()).hasSize(letters).isNotEmpty();
        assertThat(capture.replica()).isEqualTo(capture.directory());
    }

    @Test
    void shouldConvergeWhereverItIsKilled() throws IOException {
        Random random = new Random(19);
        for (int round = 0; round < 12; round++) {
            Path root = temp.resolve("root" + round);
            TestDirectory dir = store(root, 12);
            start(root, temp.resolve("work" + round));
            int polls = 0;
            for (int step = 0; step < 6; step++) {
                int kill = random.nextInt(6);
                for (int i = 0; i < 8; i++) {
                    capture.poll();
                    if (++polls % 3 == random.nextInt(3)) {
                        capture.commit();
                    }
                    if (i == kill) {
                        break;
                    }
                }
                change(dir, random, round * 100 + step);
                capture.restart();
            }
            capture.assertConverged();
            assertThat(capture.events(Operation.SNAPSHOT)).isNotEmpty();
            capture.close();
            capture = null;
        }
    }

    /** One random change an application could make. */
    private static void change(TestDirectory dir, Random random, int n) throws IOException {
        switch (random.nextInt(6)) {
            case 0 -> dir.append("users.jsonl", "{\"_id\": " + (1000 + n) + "}\n");
            case 1 -> dir.write("orders.json", "[{\"_id\": 10, \"total\": " + n + "}, {\"_id\": " + (20 + n % 3) + "}]");
            case 2 -> dir.write("conversations/c" + (n % 4) + ".json", "{\"_id\": \"c" + (n % 4) + "\", \"n\": " + n + "}");
            case 3 -> {
                if (Files.exists(dir.path("conversations/c1.json"))) {
                    dir.remove("conversations/c1.json");
                }
            }
            case 4 -> dir.replace("usage/u" + (n % 3) + ".json", "{\"daily\": " + n + "}");
            default -> dir.write("users.jsonl", "{\"_id\": 0, \"name\": \"rewritten " + n + "\"}\n{\"_id\": 5}\n");
        }
    }

    @Test
    void shouldRefuseOffsetsThatDoNotBelongToTheIndex() throws IOException {
        Path root = temp.resolve("root");
        store(root, 2);
        Path work = temp.resolve("work");
        start(root, work).drain();
        capture.commit();
        capture.close();
        try (var files = Files.list(work)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("jsondir-index.db")).toList()) {
                Files.delete(file);
            }
        }

        assertThatThrownBy(capture::restart).isInstanceOf(CutoverException.class)
                .hasMessageContaining("do not belong to the capture index")
                .hasMessageContaining("start this migration again with a new --work directory");
        capture = null;
    }
}
