package dev.cutover.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cutover reverse}: start the way back in the running migration, without finalizing again. */
@Command(name = "reverse", mixinStandardHelpOptions = true,
        description = "Start streaming PostgreSQL's changes back into the SQLite file (the way back), through the running "
                + "migration: changes made from now on reach SQLite, the forward sink's own writes excepted. Needs "
                + "PostgreSQL 16+ with wal_level=logical (checked first). `cutover finalize --with-way-back` does the same "
                + "once READY.")
final class ReverseCommand implements Callable<Integer> {
    @Mixin
    WorkOption work;

    @Override
    public Integer call() {
        return RunClient.of(work.workDir(), "reverse").postStreaming("/reverse", System.out);
    }
}
