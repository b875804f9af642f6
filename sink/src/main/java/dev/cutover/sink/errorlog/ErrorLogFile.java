package dev.cutover.sink.errorlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The error log file ({@code errors.jsonl}) of a work directory, as one migration sees it.
 *
 * <p><b>Whose entries.</b> A work directory holds one migration, and every {@code cutover run} of it (started again
 * after Ctrl+C, a crash or a fix) appends to the same file: a change that failed in an earlier run is as absent from
 * PostgreSQL as one that failed a minute ago, so all of them are "this migration's". Each line names the migration
 * that wrote it; a line naming another migration (the work directory was reused) is not this migration's, and a line
 * naming none (written before lines named their migration) is.
 *
 * <p><b>How an entry leaves.</b> Only two things change an entry: {@code run --replay-errors} sent its key again and
 * the change landed (the line moves to {@code errors.replayed.jsonl}, stamped {@code replayed}), or the operator
 * accepted it with {@code finalize --accept-errors} (the line stays, stamped {@code accepted}). A later change to the
 * same row that lands does not remove the entry: only a replay checks and clears it. An entry neither replayed nor
 * accepted keeps {@code finalize} from printing READY.
 *
 * <p>Every write to the file, the error log's appends included, holds {@link #LOCK}, so a rewrite never loses a line
 * appended meanwhile; a rewrite is written to a temporary file and moved into place.
 */
public final class ErrorLogFile {
    /** Held by every write to an error log file in this process. */
    static final Object LOCK = new Object();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final String migration;

    /**
     * @param directory the directory that holds the error log's files (the work directory)
     * @param migration the id of the migration whose entries these are
     */
    public ErrorLogFile(Path directory, String migration) {
        this.directory = directory;
        this.migration = migration;
    }

    /** The error log file in {@code directory}. */
    public static Path in(Path directory) {
        return directory.resolve("errors.jsonl");
    }

    Path path() {
        return in(directory);
    }

    /** Where the entries go once {@code run --replay-errors} landed their changes. */
    Path replayed() {
        return directory.resolve("errors.replayed.jsonl");
    }

    /** The next dead-letter offset not yet in the file, as {@link ErrorLog} recorded it. */
    Path position() {
        return directory.resolve("errors.position");
    }

    /** This migration's entries, in the order they were logged. */
    public List<ErrorLogEntry> entries() {
        List<ErrorLogEntry> entries = new ArrayList<>();
        forEachLine(line -> {
            ErrorLogEntry entry = ErrorLogEntry.of(line);
            if (entry.of(migration)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    /** This migration's entries per source table. */
    public Map<String, Long> countByTable() {
        Map<String, Long> counts = new TreeMap<>();
        entries().forEach(entry -> counts.merge(entry.table(), 1L, Long::sum));
        return counts;
    }

    /** This migration's entries nobody accepted: what keeps finalize from printing READY. */
    public List<ErrorLogEntry> blocking() {
        return entries().stream().filter(e -> !e.isAccepted()).toList();
    }

    /** Stamps the entries with these ids as accepted now. */
    void accept(Set<String> ids) {
        String now = Instant.now().toString();
        rewrite(line -> ids.contains(line.path("id").asText()) && !line.has("accepted")
                ? List.of(((ObjectNode) line).put("accepted", now).toString()) : null, List.of());
    }

    /**
     * Moves the entries with these {@link ErrorLogEntry#signature signatures} to {@code errors.replayed.jsonl}, stamped
     * as replayed now.
     */
    void removeReplayed(Set<String> signatures) {
        String now = Instant.now().toString();
        List<String> replayed = new ArrayList<>();
        rewrite(line -> {
            if (!signatures.contains(ErrorLogEntry.signature(line.path("id").asText(), line.path("time").asText()))) {
                return null;
            }
            replayed.add(((ObjectNode) line).put("replayed", now).toString());
            return List.of();
        }, replayed);
    }

    /** Appends lines (each ending with a newline) and forces them to disk. */
    static void append(Path file, String lines) {
        synchronized (LOCK) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file, e);
            }
        }
    }

    /**
     * Rewrites the file line by line: {@code edit} returns a line's replacement lines, or null to keep it as it is.
     * Lines {@code moved} holds once the file is read go to {@code errors.replayed.jsonl} before the file is replaced.
     */
    private void rewrite(java.util.function.Function<JsonNode, List<String>> edit, List<String> moved) {
        synchronized (LOCK) {
            Path file = path();
            if (!Files.exists(file)) {
                return;
            }
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    List<String> replacement = line.isBlank() ? List.of() : edit.apply(JSON.readTree(line));
                    for (String written : replacement == null ? List.of(line) : replacement) {
                        writer.write(written);
                        writer.newLine();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rewrite " + file, e);
            }
            if (!moved.isEmpty()) {
                append(replayed(), String.join("\n", moved) + "\n");
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot replace " + file, e);
            }
        }
    }

    private void forEachLine(Consumer<JsonNode> each) {
        Path file = path();
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    each.accept(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
