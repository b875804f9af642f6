package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceFile;
import dev.cutover.schemas.source.Sources;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover restore}: writes a backup back. The backup's checksum is verified first; a target another process uses,
 * or one changed after the backup's moment, is refused unless {@code --force} (restoring would drop those changes).
 * The copy is written beside the target, verified, then moved over it, so the target is at every moment either the old
 * file or the whole backup.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Write a backup taken by `cutover run` or `cutover backup` back to a SQLite file, after verifying "
                + "its checksum. Refuses a file that is in use or changed after the backup was taken, unless --force.")
final class RestoreCommand implements Callable<Integer> {
    @Option(names = "--backup", required = true, paramLabel = "FILE", description = "The backup (its manifest FILE.json "
            + "must be beside it).")
    Path backupFile;

    @Option(names = "--to", required = true, paramLabel = "PATH", description = "The SQLite file to write, e.g. the "
            + "application's database (sqlite:PATH is accepted too).")
    String to;

    @Option(names = "--force", description = "Overwrite the file even when another process uses it or it was changed "
            + "after the backup was taken (those changes are lost).")
    boolean force;

    @Override
    public Integer call() {
        Backup backup = Backup.read(backupFile);
        backup.verifyChecksum();
        SourceFile target = target(backup);
        if (!force) {
            refuseInUse(target);
            refuseNewer(target, backup);
        }
        Path partial = target.path().resolveSibling("." + target.path().getFileName() + ".restore.partial");
        DiskSpace.require(List.of(new DiskSpace.Need("the restored file", partial.getParent(), backup.bytes())),
                "restore --to a path on a larger file system");
        copy(backup.path(), partial);
        try {
            target.verify(partial);
        } catch (RuntimeException e) {
            Backup.deleteQuietly(partial);
            throw e;
        }
        target.replaceWith(partial);
        System.out.println("restored " + target.path() + " from " + backup.describe() + "; checksum verified");
        return 0;
    }

    /** {@code --to} as a file of the backup's source type: a bare path is read with that type's scheme. */
    private SourceFile target(Backup backup) {
        boolean uri = Sources.types().stream().anyMatch(type -> type.accepts(to));
        String scheme = backup.source().substring(0, Math.max(0, backup.source().indexOf(':')));
        Source source = Sources.parse(uri ? to : scheme + ":" + to);
        return source.file().orElseThrow(() -> CutoverException.usage("--to " + to + " is not a file to restore to; "
                + "give the path of a SQLite file"));
    }

    private static void refuseInUse(SourceFile target) {
        Optional<String> use = target.inUse();
        if (use.isPresent()) {
            throw CutoverException.config("refusing to restore over " + target.path() + ": " + use.get() + "; stop the "
                    + "application (and any other process using the file) first, or give --force to overwrite it anyway");
        }
    }

    /** The target or its write-ahead log changed after the backup's moment: restoring would drop those changes. */
    private static void refuseNewer(SourceFile target, Backup backup) {
        Instant modified = lastModified(target.path());
        Instant taken = Instant.parse(backup.takenAt());
        if (modified.isAfter(taken)) {
            throw CutoverException.config("refusing to restore over " + target.path() + ": it was changed at " + modified
                    + ", after the backup's moment " + taken + ", so restoring would drop what changed since; give "
                    + "--force to restore anyway, or --to another path to restore beside it");
        }
    }

    private static Instant lastModified(Path file) {
        Instant latest = Instant.EPOCH;
        for (Path each : List.of(file, file.resolveSibling(file.getFileName() + "-wal"))) {
            try {
                if (Files.exists(each)) {
                    Instant modified = Files.getLastModifiedTime(each).toInstant();
                    latest = modified.isAfter(latest) ? modified : latest;
                }
            } catch (IOException e) {
                throw CutoverException.config("cannot read when " + each + " was changed (" + e.getMessage() + ")");
            }
        }
        return latest;
    }

    /** Copies and forces the copy to disk, so that the move that follows never exposes a file still being written. */
    private static void copy(Path from, Path to) {
        try {
            Files.deleteIfExists(to);
            Files.copy(from, to);
            try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        } catch (IOException e) {
            Backup.deleteQuietly(to);
            throw CutoverException.config("cannot copy " + from + " to " + to + " (" + e.getMessage() + "); check the "
                    + "target's directory");
        }
    }
}
