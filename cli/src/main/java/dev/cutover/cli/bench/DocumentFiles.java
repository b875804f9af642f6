package dev.cutover.cli.bench;

import dev.cutover.capture.document.plan.NextCrmDocuments;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * NextCRM's generated documents as a JSON directory ({@code jsondir:}): one {@code COLLECTION.jsonl} per collection, a
 * document a line in relaxed Extended JSON (ObjectIds, dates and decimals keep their BSON types). Made once per seed and
 * size, in a folder that appears complete or not at all.
 */
final class DocumentFiles {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private DocumentFiles() {
    }

    /** The folder of {@code perModel} documents of every model under {@code work}, written first if missing. */
    static Path ensure(Path work, long seed, int perModel) throws IOException {
        Path dir = work.resolve("nextcrm-" + perModel + "-seed" + seed).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            System.out.printf("generating %s ...%n", dir.getFileName());
            Path partial = work.resolve(dir.getFileName() + ".partial");
            BenchCommand.deleteRecursively(partial);
            write(partial, seed, perModel);
            Files.move(partial, dir);
        }
        return dir;
    }

    /** Writes the documents into {@code dir} (created); returns how many there are. */
    static long write(Path dir, long seed, int perModel) throws IOException {
        Files.createDirectories(dir);
        try (Lines lines = new Lines(dir)) {
            NextCrmDocuments.generate(seed, perModel, lines::write);
            return lines.documents;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The collections' files in {@code dir}, by name. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    /** The collection a file holds. */
    static String collection(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".jsonl".length());
    }

    /** Megabytes of JSON in {@code dir}'s collection files. */
    static double megabytes(Path dir) throws IOException {
        long bytes = 0;
        for (Path file : files(dir)) {
            bytes += Files.size(file);
        }
        return bytes / 1048576.0;
    }

    /** Writes documents to their collection's file; the generator hands them over collection by collection. */
    private static final class Lines implements AutoCloseable {
        private final Path dir;
        private String collection;
        private BufferedWriter out;
        private long documents;

        Lines(Path dir) {
            this.dir = dir;
        }

        void write(String collection, BsonDocument document) {
            try {
                if (!collection.equals(this.collection)) {
                    close();
                    this.collection = collection;
                    out = Files.newBufferedWriter(dir.resolve(collection + ".jsonl"), StandardCharsets.UTF_8);
                }
                out.write(document.toJson(RELAXED));
                out.write('\n');
                documents++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
        }
    }
}
