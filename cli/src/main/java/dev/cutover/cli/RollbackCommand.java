package dev.cutover.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cutover rollback}: make SQLite whole again before switching the application back to it. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Wait until every change PostgreSQL committed has reached the SQLite file through the way back, stop "
                + "both directions, compare SQLite with PostgreSQL table by table (every row), and print READY TO SWITCH "
                + "BACK, or what differs (exit 1). Stop the application's writes to PostgreSQL first.")
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    WorkOption work;

    @Override
    public Integer call() {
        return RunClient.of(work.workDir(), "rollback").postStreaming("/rollback", System.out);
    }
}
