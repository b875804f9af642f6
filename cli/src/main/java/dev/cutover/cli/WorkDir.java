package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.Topics;
import dev.cutover.sink.errorlog.ErrorLogFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * The work directory (default {@code ./.cutover}): one migration's plan, migrations, error log, logs, and the data of
 * the embedded Kafka and PostgreSQL.
 */
public final class WorkDir {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public WorkDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path plan() {
        return root.resolve("plan.json");
    }

    public Path migrations() {
        return root.resolve("migrations");
    }

    /** The error log (its other files, such as the entries a replay landed, are beside it; see {@link ErrorLogFile}). */
    public Path errors() {
        return ErrorLogFile.in(root);
    }

    /** The source's backups ({@code run} takes one before capture; {@code cutover backup} on demand). */
    public Path backups() {
        return root.resolve("backups");
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path log() {
        return root.resolve("cutover.log");
    }

    private Path migrationFile() {
        return root.resolve("migration.json");
    }

    public void create() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw CutoverException.config("cannot create the work directory " + root + " (" + e.getMessage()
                    + "); choose a writable --work DIR");
        }
    }

    /**
     * The migration this directory holds, created on first use. A work directory belongs to one source: using it for
     * another is refused, since its offsets and plan describe the first.
     */
    public Migration migration(String sourceId, String sourceName) {
        create();
        try {
            if (Files.exists(migrationFile())) {
                Migration existing = JSON.readValue(migrationFile().toFile(), Migration.class);
                if (!existing.source().equals(sourceId)) {
                    throw CutoverException.config("work directory " + root + " belongs to the migration of "
                            + existing.source() + ", not " + sourceId + "; use another --work DIR for this source");
                }
                return existing;
            }
            String id = UUID.randomUUID().toString().substring(0, 8);
            Migration created = new Migration(id, sourceId, "cutover." + Topics.sanitize(sourceName) + "." + id,
                    Instant.now().toString(), null);
            JSON.writeValue(migrationFile().toFile(), created);
            return created;
        } catch (IOException e) {
            throw CutoverException.config("cannot read or write " + migrationFile() + " (" + e.getMessage()
                    + "); check the work directory");
        }
    }

    /**
     * Records that a one-shot run ({@code run --once}) finished the migration: its capture is gone from the source, so
     * only {@code run --once --replay-errors} may run it again.
     */
    public Migration finished(Migration migration) {
        Migration finished = new Migration(migration.id(), migration.source(), migration.topicPrefix(),
                migration.createdAt(), Instant.now().toString());
        try {
            JSON.writeValue(migrationFile().toFile(), finished);
            return finished;
        } catch (IOException e) {
            throw CutoverException.config("cannot write " + migrationFile() + " (" + e.getMessage()
                    + "); check the work directory");
        }
    }

    /** The migration this directory holds, if it holds one. */
    public java.util.Optional<Migration> existingMigration() {
        try {
            return Files.exists(migrationFile())
                    ? java.util.Optional.of(JSON.readValue(migrationFile().toFile(), Migration.class))
                    : java.util.Optional.empty();
        } catch (IOException e) {
            throw CutoverException.config("cannot read " + migrationFile() + " (" + e.getMessage() + ")");
        }
    }

    /**
     * One migration's identity.
     *
     * @param id          short random id, the key of this migration's offsets in PostgreSQL
     * @param source      the source identity
     * @param topicPrefix prefix of this migration's Kafka topics and consumer groups
     * @param createdAt   when the migration began (ISO-8601)
     * @param finishedAt  when a one-shot run finished it and removed capture from the source (ISO-8601), or null
     */
    public record Migration(String id, String source, String topicPrefix, String createdAt, String finishedAt) {
        public Topics topics() {
            return new Topics(topicPrefix);
        }
    }
}
