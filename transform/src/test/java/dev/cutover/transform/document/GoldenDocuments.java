package dev.cutover.transform.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The golden document scenarios in {@code src/test/resources/documents/} (see the README there): a document, its
 * collection, and the rows it must become or why it is rejected.
 */
public final class GoldenDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenDocuments() {
    }

    /** One scenario. {@code key} is null when the key is in the document. */
    public record Case(String name, String collection, ByteBuffer document, ByteBuffer key, JsonNode expected) {
        /** The expected rows per target table, or null when the document is rejected. */
        public JsonNode rows() {
            return expected.get("rows");
        }

        /** The expected rejection ({@code field}, {@code reason} fragments), or null. */
        public JsonNode rejected() {
            return expected.get("rejected");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The scenarios' directory: in this module's test resources, or inside its test jar for other modules' tests. */
    public static Path directory() {
        try {
            URI plan = GoldenDocuments.class.getResource("/documents/plan.json").toURI();
            if (plan.getScheme().equals("jar")) {
                try {
                    FileSystems.newFileSystem(plan, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened by an earlier call
                }
            }
            return Path.of(plan).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the golden documents", e);
        }
    }

    public static Plan plan() {
        return PlanJson.read(directory().resolve("plan.json"));
    }

    public static List<Case> cases() {
        try (Stream<Path> entries = Files.list(directory())) {
            return entries.filter(Files::isDirectory).sorted().map(GoldenDocuments::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case load(Path dir) {
        try {
            JsonNode expected = JSON.readTree(Files.readString(dir.resolve("expected.json"), StandardCharsets.UTF_8));
            String json = Files.readString(dir.resolve("document.json"), StandardCharsets.UTF_8);
            ByteBuffer document = Documents.bson(json);
            ByteBuffer key = expected.has("key") ? Documents.bson(expected.get("key").toString()) : null;
            String name = dir.getFileName().toString().replace("/", "");
            return new Case(name, expected.get("collection").asText(), document, key, expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
