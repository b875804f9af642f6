package dev.cutover.cli;

import dev.cutover.schemas.source.SourceFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run does before it writes anything big: it checks the free space for what it is about to create, then backs
 * the source file up as it was before capture. The backup is taken once per migration, by the first run that finds
 * none of its own in the work directory's {@code backups/} while the source holds no capture yet; a resumed run reuses
 * it (the source holds capture by then, and its changes since are what the migration carries). A run with
 * {@code --no-backup}, or of a source that is not one file, takes none.
 */
final class RunBackup {
    private RunBackup() {
    }

    /** Checks the disk, takes the backup where one is due; returns the migration's backup, if it has one. */
    static Optional<Backup> prepare(RunOptions options, WorkDir.Migration migration, PrintStream out) {
        Optional<SourceFile> file = options.source().file();
        Optional<Backup> taken = Backup.ofMigration(options.work().backups(), migration.id());
        boolean due = options.backup() && file.isPresent() && taken.isEmpty()
                && !options.source().capture().installed();
        long sourceBytes = options.source().bytes();
        DiskSpace.require(needs(options, due, sourceBytes), "choose a --work DIR on a larger file system (with "
                + "--no-backup, --kafka and --target a run writes less to it)");
        if (due) {
            out.println("backup: copying " + file.get().path() + " (" + DiskSpace.format(sourceBytes) + ") before "
                    + "capture is installed");
            Backup backup = Backup.take(file.get(), options.source().id(), migration.id(), options.work().backups());
            out.println("backup: " + backup.describe() + "; `cutover restore --backup FILE --to PATH` puts it back");
            return Optional.of(backup);
        }
        taken.ifPresent(backup -> out.println("backup: " + backup.describe() + ", taken by this migration's first run"));
        if (taken.isEmpty() && file.isPresent()) {
            out.println("backup: none (" + (options.backup() ? "capture is already in the source, installed by an "
                    + "earlier run, so a copy now would not be the source as it was before; `cutover backup --source` "
                    + "takes one on demand" : "--no-backup") + ")");
        }
        return taken;
    }

    /** What this run will create: the backup when due, the embedded services' data unless an earlier run made it. */
    private static List<DiskSpace.Need> needs(RunOptions options, boolean backup, long sourceBytes) {
        WorkDir work = options.work();
        List<DiskSpace.Need> needs = new ArrayList<>();
        if (backup) {
            needs.add(DiskSpace.backup(work.backups(), sourceBytes));
        }
        if (options.kafka() == null && !Files.exists(work.kafka())) {
            needs.add(DiskSpace.embeddedKafka(work.kafka(), sourceBytes));
        }
        if (options.target() == null && !Files.exists(work.postgres())) {
            needs.add(DiskSpace.embeddedPostgres(work.postgres(), sourceBytes));
        }
        return needs;
    }
}
