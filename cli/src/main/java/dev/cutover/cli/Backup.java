package dev.cutover.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.SourceFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A consistent copy of a source file and its manifest beside it ({@code FILE.json}: the source, the migration it was
 * taken for, its moment, size and SHA-256). A manifest is written only once its copy is complete, verified and in
 * place, so a copy without one is the leftover of an interrupted backup and is never restored.
 *
 * @param file      the copy (its manifest's own record of it is replaced by where the manifest was read)
 * @param source    the source it copies
 * @param migration the migration whose run took it, or null for {@code cutover backup}
 * @param takenAt   when the copy began (ISO-8601): it holds every change committed before then, and none committed
 *                  after its read transaction began a moment later
 * @param bytes     the copy's size
 * @param sha256    the copy's SHA-256, hex
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Backup(String file, String source, String migration, String takenAt, long bytes, String sha256) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String PARTIAL = ".partial";

    /**
     * Copies {@code source} into {@code dir} (created when missing), verifies the copy (SQLite's integrity check), then
     * records its checksum. Leftovers of an interrupted backup in {@code dir} are removed first.
     */
    static Backup take(SourceFile source, String sourceId, String migration, Path dir) {
        createDirectory(dir);
        removeLeftovers(dir);
        Path file = newFile(dir, source.path().getFileName().toString());
        Path partial = file.resolveSibling(file.getFileName() + PARTIAL);
        String takenAt = Instant.now().toString();
        try {
            source.copyTo(partial);
            source.verify(partial);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        Backup backup = new Backup(file.toString(), sourceId, migration, takenAt, size(partial), sha256(partial));
        move(partial, file);
        backup.writeManifest();
        return backup;
    }

    /** Removes a file a failed step left, keeping the step's own failure as the one reported. */
    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the failure that led here is the one to report; the next attempt replaces what is left
        }
    }

    /**
     * The backup the run of {@code migration} took, if one is complete in {@code dir}. A manifest whose copy was
     * deleted, or that cannot be read, names no backup: the operator may clear old copies without breaking the run.
     */
    static Optional<Backup> ofMigration(Path dir, String migration) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> manifests = Files.newDirectoryStream(dir, "*.json")) {
            for (Path manifest : manifests) {
                Path file = manifest.resolveSibling(manifest.getFileName().toString().replaceFirst("\\.json$", ""));
                Optional<Backup> backup = readable(file);
                if (backup.isPresent() && migration.equals(backup.get().migration())) {
                    return backup;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw CutoverException.config("cannot list the backups in " + dir + " (" + e.getMessage() + ")");
        }
    }

    /**
     * The backup {@code file}, as its manifest describes it.
     *
     * @throws CutoverException BAD_CONFIGURATION when the file or its manifest is missing or unreadable
     */
    static Backup read(Path file) {
        Path manifest = manifest(file);
        if (!Files.isRegularFile(file)) {
            throw CutoverException.config("backup " + file + " does not exist; give a file from the work directory's "
                    + "backups/");
        }
        if (!Files.isRegularFile(manifest)) {
            throw CutoverException.config("backup " + file + " has no manifest " + manifest + " (Cutover writes one "
                    + "beside every complete backup, with the checksum restore verifies); give a backup Cutover took "
                    + "with its manifest");
        }
        try {
            Backup backup = JSON.readValue(manifest.toFile(), Backup.class);
            return new Backup(file.toAbsolutePath().toString(), backup.source(), backup.migration(), backup.takenAt(),
                    backup.bytes(), backup.sha256());
        } catch (IOException e) {
            throw CutoverException.config("cannot read the manifest " + manifest + " (" + e.getMessage() + ")");
        }
    }

    private static Optional<Backup> readable(Path file) {
        try {
            return Optional.of(read(file));
        } catch (CutoverException e) {
            return Optional.empty();
        }
    }

    /**
     * Fails unless the file's SHA-256 is the one recorded when it was taken.
     *
     * @throws CutoverException BAD_CONFIGURATION naming both checksums
     */
    void verifyChecksum() {
        String actual = sha256(path());
        if (!actual.equals(sha256)) {
            throw CutoverException.config("backup " + file + " is damaged or was changed: its SHA-256 is " + actual
                    + ", its manifest records " + sha256 + "; restore another backup");
        }
    }

    Path path() {
        return Path.of(file);
    }

    /** One line for the operator: where, how big, the checksum, the moment. */
    String describe() {
        return file + " (" + DiskSpace.format(bytes) + ", SHA-256 " + sha256 + ", as of " + takenAt + ")";
    }

    private void writeManifest() {
        Path manifest = manifest(path());
        Path partial = manifest.resolveSibling(manifest.getFileName() + PARTIAL);
        try {
            JSON.writeValue(partial.toFile(), this);
        } catch (IOException e) {
            throw CutoverException.config("cannot write the backup's manifest " + manifest + " (" + e.getMessage() + ")");
        }
        move(partial, manifest);
    }

    private static Path manifest(Path file) {
        return file.resolveSibling(file.getFileName() + ".json");
    }

    /** {@code app.db} → {@code app.20261207T071300Z.db}; a second backup within the same second gets {@code -2}. */
    private static Path newFile(Path dir, String sourceName) {
        int dot = sourceName.lastIndexOf('.');
        String base = dot > 0 ? sourceName.substring(0, dot) : sourceName;
        String extension = dot > 0 ? sourceName.substring(dot) : "";
        String stamp = STAMP.format(Instant.now());
        Path file = dir.resolve(base + "." + stamp + extension);
        for (int n = 2; Files.exists(file) || Files.exists(manifest(file)); n++) {
            file = dir.resolve(base + "." + stamp + "-" + n + extension);
        }
        return file;
    }

    private static void removeLeftovers(Path dir) {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "*" + PARTIAL)) {
            for (Path leftover : leftovers) {
                Files.delete(leftover);
            }
        } catch (IOException e) {
            throw CutoverException.config("cannot remove an interrupted backup's leftovers in " + dir + " ("
                    + e.getMessage() + ")");
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CutoverException.config("cannot create the backup directory " + dir + " (" + e.getMessage()
                    + "); choose a writable --work DIR");
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw CutoverException.config("cannot move " + from + " to " + to + " (" + e.getMessage() + ")");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw CutoverException.config("cannot read the size of " + file + " (" + e.getMessage() + ")");
        }
    }

    static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw CutoverException.config("cannot read " + file + " (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
