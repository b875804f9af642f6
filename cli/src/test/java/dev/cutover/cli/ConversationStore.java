package dev.cutover.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A chat backend's JSON store as seed 003 describes it: {@code conversations/<id>.json} (a conversation with its
 * {@code messages} array of documents) and {@code usage/<user>.json} (daily and monthly counters). Reproducible.
 */
final class ConversationStore {
    private ConversationStore() {
    }

    static void write(Path root, int conversations) throws IOException {
        Random random = new Random(3);
        Files.createDirectories(root.resolve("conversations"));
        Files.createDirectories(root.resolve("usage"));
        for (int c = 0; c < conversations; c++) {
            List<String> messages = new ArrayList<>();
            for (int m = random.nextInt(6); m > 0; m--) {
                messages.add("message " + c + "-" + m);
            }
            write(root.resolve("conversations").resolve("conv-" + c + ".json"), conversation("conv-" + c,
                    "user" + c % 5, messages, random.nextInt(999)));
        }
        for (int u = 0; u < 5; u++) {
            write(root.resolve("usage").resolve("user" + u + ".json"), "{\"user_id\": \"user" + u + "\", \"daily\":"
                    + " {\"date\": \"2025-01-05\", \"count\": " + u + "}, \"monthly\": {\"month\": \"2025-01\", \"count\": "
                    + u * 10 + "}}");
        }
    }

    /** Rewrites a conversation with these messages, as an application does: a temporary file renamed over it. */
    static void edit(Path root, String id, List<String> messages) throws IOException {
        write(root.resolve("conversations").resolve(id + ".json"), conversation(id, "user1", messages, 7));
    }

    private static String conversation(String id, String user, List<String> messages, int tokens) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            items.add("{\"role\": \"" + (i % 2 == 0 ? "user" : "assistant") + "\", \"content\": \"" + messages.get(i)
                    + "\", \"ts\": {\"$date\": \"2025-01-0" + (1 + i % 9) + "T10:00:00Z\"}}");
        }
        return "{\"id\": \"" + id + "\", \"user_id\": \"" + user + "\", \"title\": \"Conversation " + id + "\","
                + " \"created_at\": {\"$date\": \"2025-01-01T00:00:00Z\"}, \"messages\": [" + String.join(", ", items)
                + "], \"metadata\": {\"model\": \"gpt\", \"tokens\": " + tokens + "}}";
    }

    private static void write(Path file, String json) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, json, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
