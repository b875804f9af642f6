package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover finalize}: prepare the target for the switch, through the running migration. */
@Command(name = "finalize", mixinStandardHelpOptions = true,
        description = "Wait for lag 0, create and validate the deferred constraints, move sequences past the source's "
                + "maximum plus headroom, validate (a sample and every key the error log names), and print READY, or "
                + "NOT READY with what to do (any change in the error log means NOT READY unless accepted). The running "
                + "migration keeps forwarding late changes.")
final class FinalizeCommand implements Callable<Integer> {
    @Option(names = "--headroom", defaultValue = "1000", paramLabel = "N",
            description = "Ids sequences skip past the source's maximum, for rows still written to SQLite by instances "
                    + "not yet switched (default: ${DEFAULT-VALUE}).")
    long headroom;

    @Option(names = "--accept-errors",
            description = "Accept the changes in the error log: PostgreSQL keeps those rows as they are, and READY no "
                    + "longer waits for them. Recorded in errors.jsonl and in the report. Without it, any change in the "
                    + "error log means NOT READY (fix the cause and `cutover run --replay-errors`).")
    boolean acceptErrors;

    @Option(names = "--with-way-back",
            description = "Once READY, also start the way back: PostgreSQL's changes stream into the SQLite file from "
                    + "now on, so `cutover rollback` can switch the application back with nothing lost (needs "
                    + "PostgreSQL 16+ with wal_level=logical; checked first).")
    boolean wayBack;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() {
        if (headroom < 0) {
            throw CutoverException.usage("--headroom " + headroom + " is negative; use 0 or more");
        }
        return RunClient.of(work.workDir(), "finalize").postStreaming("/finalize?"
                + new StatusServer.FinalizeRequest(headroom, acceptErrors, wayBack).query(), System.out);
    }
}
