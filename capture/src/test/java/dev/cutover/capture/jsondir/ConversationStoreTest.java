package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.ChangeEvent;
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
 * The store of an application that keeps its data in JSON files (seed 003): {@code conversations/<id>.json} holding a
 * conversation with its {@code messages}, {@code usage/<user>.json} with daily and monthly counters, rewritten whole on
 * every change. Importing it again changes nothing; each edit sends exactly the documents it changed.
 */
class ConversationStoreTest {
    @TempDir
    Path root;
    @TempDir
    Path work;
    private TestDirectory store;
    private JsonDirCaptureDriver capture;

    @BeforeEach
    void store() {
        store = new TestDirectory(root);
        for (int i = 1; i <= 20; i++) {
            store.write("conversations/conv-" + i + ".json", conversation(i, i % 4 + 1));
        }
        store.write("usage/alice.json", usage("alice", 3, 41)).write("usage/bob.json", usage("bob", 0, 7)).settle();
    }

    @AfterEach
    void close() {
        if (capture != null) {
            capture.close();
        }
    }

    private static String conversation(int id, int messages) {
        StringBuilder text = new StringBuilder("{\n  \"id\": \"conv-" + id + "\",\n  \"user_id\": \"alice\",\n"
                + "  \"created_at\": \"2025-01-0" + (id % 9 + 1) + "T10:00:00Z\",\n  \"messages\": [");
        for (int m = 0; m < messages; m++) {
            text.append(m == 0 ? "\n" : ",\n").append("    {\"role\": \"").append(m % 2 == 0 ? "user" : "assistant")
                    .append("\", \"content\": \"message ").append(m).append(" of conversation ").append(id)
                    .append("\", \"timestamp\": \"2025-01-01T10:0").append(m).append(":00Z\"}");
        }
        return text.append("\n  ]\n}\n").toString();
    }

    private static String usage(String user, int daily, int monthly) {
        return "{\"user_id\": \"" + user + "\", \"daily\": {\"date\": \"2025-01-05\", \"count\": " + daily + "}, "
                + "\"monthly\": {\"month\": \"2025-01\", \"count\": " + monthly + "}}";
    }

    private JsonDirCaptureDriver start() {
        Map<String, List<String>> collections = new LinkedHashMap<>();
        collections.put("conversations", List.of("id"));
        collections.put("usage", List.of("$file"));
        capture = JsonDirCaptureDriver.start(root, work, collections);
        return capture;
    }

    private List<String> eventsSince(int from) {
        return capture.events().subList(from, capture.events().size()).stream().map(ConversationStoreTest::describe)
                .toList();
    }

    private static String describe(ChangeEvent e) {
        return e.getOp() + " " + JsonDirCaptureDriver.json((ByteBuffer) e.getKey().get(0));
    }

    @Test
    void shouldImportTheStoreOnceAndChangeNothingWhenImportedAgain() {
        start().assertConverged();
        capture.commit();
        assertThat(capture.replica().get("conversations")).hasSize(20);
        assertThat(capture.replica().get("usage")).containsOnlyKeys("{\"$file\": \"alice\"}", "{\"$file\": \"bob\"}");
        int imported = capture.events().size();

        capture.restart();
        capture.assertConverged();
        capture.commit();
        capture.restart();
        capture.assertConverged();

        assertThat(capture.events()).hasSize(imported);
        assertThat(capture.letters()).isEmpty();
    }

    @Test
    void shouldSendEachEditedConversationWithItsNewMessagesAndEachCounter() {
        start().assertConverged();
        int before = capture.events().size();

        store.replace("conversations/conv-3.json", conversation(3, 9))
                .write("conversations/conv-4.json", conversation(4, 3))
                .write("conversations/conv-21.json", conversation(21, 1))
                .remove("conversations/conv-7.json")
                .write("usage/alice.json", usage("alice", 4, 42));

        capture.assertConverged();
        assertThat(eventsSince(before)).containsExactlyInAnyOrder("DELETE {\"id\": \"conv-7\"}",
                "UPDATE {\"id\": \"conv-3\"}", "UPDATE {\"id\": \"conv-4\"}", "INSERT {\"id\": \"conv-21\"}",
                "UPDATE {\"$file\": \"alice\"}");
        assertThat(capture.replica().get("conversations").get("{\"id\": \"conv-3\"}"))
                .contains("message 8 of conversation 3");
    }
}
