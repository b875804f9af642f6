package dev.cutover.capture.document.plan;

import dev.cutover.capture.document.DocumentCollections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.BsonDocument;

/**
 * Collections held in memory, for the planner's tests. Built in code, or read from a directory laid out as a JSON
 * directory is: {@code NAME.json} holding one document per line (or a JSON array) is a collection, a folder
 * {@code NAME/} of {@code *.json} files, one document each, is a one-document-per-file collection. A line that does not
 * parse is skipped and reported as unreadable, as the contract asks. Other modules' tests use it through capture's test
 * jar.
 */
public final class MemoryCollections implements DocumentCollections {
    private final Map<String, List<BsonDocument>> documents = new LinkedHashMap<>();
    private final Map<String, List<String>> unreadable = new LinkedHashMap<>();
    private final Set<String> filePerDocument = new TreeSet<>();
    private final Map<String, Integer> reads = new LinkedHashMap<>();

    MemoryCollections add(String collection, List<BsonDocument> docs) {
        documents.computeIfAbsent(collection, c -> new ArrayList<>()).addAll(docs);
        return this;
    }

    /** NextCRM's generated documents ({@link NextCrmDocuments}), {@code perModel} of every model. */
    public static MemoryCollections nextCrm(long seed, int perModel) {
        MemoryCollections collections = new MemoryCollections();
        NextCrmDocuments.generate(seed, perModel, (collection, document) -> collections.add(collection, List.of(document)));
        return collections;
    }

    /** Adds documents written as Extended JSON, one string each. */
    public MemoryCollections add(String collection, String... json) {
        return add(collection, Stream.of(json).map(BsonDocument::parse).collect(Collectors.toList()));
    }

    /** Makes {@code collection} one of one document per file (a folder). */
    MemoryCollections folder(String collection) {
        filePerDocument.add(collection);
        documents.computeIfAbsent(collection, c -> new ArrayList<>());
        return this;
    }

    static MemoryCollections read(Path dir) {
        MemoryCollections collections = new MemoryCollections();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().collect(Collectors.toList())) {
                String file = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    collections.folder(file);
                    collections.readFolder(file, entry);
                } else if (file.endsWith(".json")) {
                    collections.readLines(file.substring(0, file.length() - ".json".length()), entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return collections;
    }

    private void readFolder(String collection, Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                parse(collection, file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    private void readLines(String collection, Path file) throws IOException {
        documents.computeIfAbsent(collection, c -> new ArrayList<>());
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.startsWith("[")) {
            BsonDocument wrapped = BsonDocument.parse("{\"a\": " + text + "}");
            wrapped.getArray("a").forEach(value -> documents.get(collection).add(value.asDocument()));
            return;
        }
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                parse(collection, file.getFileName() + " line " + (i + 1), lines[i]);
            }
        }
    }

    private void parse(String collection, String where, String json) {
        try {
            documents.computeIfAbsent(collection, c -> new ArrayList<>()).add(BsonDocument.parse(json));
        } catch (RuntimeException e) {
            unreadable.computeIfAbsent(collection, c -> new ArrayList<>()).add(where + ": " + e.getMessage());
        }
    }

    /** How often each collection was read, for the tests of what the planner reads. */
    int reads(String collection) {
        return reads.getOrDefault(collection, 0);
    }

    @Override
    public List<String> collections() {
        return new ArrayList<>(documents.keySet());
    }

    @Override
    public boolean filePerDocument(String collection) {
        return filePerDocument.contains(collection);
    }

    @Override
    public long count(String collection) {
        return documents.get(collection).size();
    }

    @Override
    public Cursor documents(String collection) {
        reads.merge(collection, 1, Integer::sum);
        Iterator<BsonDocument> iterator = documents.get(collection).iterator();
        List<String> skipped = unreadable.getOrDefault(collection, List.of());
        return new Cursor() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public BsonDocument next() {
                return iterator.next().clone();
            }

            @Override
            public List<String> unreadable() {
                return skipped;
            }

            @Override
            public void close() {
            }
        };
    }
}
