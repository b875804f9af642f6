package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceFile;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cutover backup}: a consistent copy of a SQLite source, taken while the application writes. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy a SQLite source to the work directory's backups/ while the application keeps writing: a "
                + "consistent copy as of one moment, verified, with its size and SHA-256 in a manifest beside it.")
final class BackupCommand implements Callable<Integer> {
    @Mixin
    SourceOption source;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() {
        Source backedUp = source.parse();
        SourceFile file = backedUp.file().orElseThrow(() -> CutoverException.usage("--source " + backedUp.id()
                + " is not a file; backup copies SQLite sources (back up a MongoDB server with mongodump, a directory "
                + "with any file copy)"));
        backedUp.check(Access.READ);
        WorkDir dir = work.workDir();
        DiskSpace.require(List.of(DiskSpace.backup(dir.backups(), file.bytes())),
                "choose a --work DIR on a larger file system");
        Backup backup = Backup.take(file, backedUp.id(), null, dir.backups());
        System.out.println("backup: " + backup.describe());
        System.out.println("`cutover restore --backup " + backup.file() + " --to " + file.path() + "` puts it back");
        return 0;
    }
}
