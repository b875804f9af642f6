package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover finalize}: prepare the target for the switch, through the running migration. */
@Command(name = "finalize", mixinStandardHelpOptions = true,
        description = "Wait for lag 0, create and validate the deferred constraints, move sequences past the source's "
                + "maximum plus headroom, and print READY. The running migration keeps forwarding late changes.")
final class FinalizeCommand implements Callable<Integer> {
    @Option(names = "--headroom", defaultValue = "1000", paramLabel = "N",
            description = "Ids sequences skip past the source's maximum, for rows still written to SQLite by instances "
                    + "not yet switched (default: ${DEFAULT-VALUE}).")
    long headroom;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() {
        if (headroom < 0) {
            throw CutoverException.usage("--headroom " + headroom + " is negative; use 0 or more");
        }
        return RunClient.of(work.workDir(), "finalize").postStreaming("/finalize?headroom=" + headroom, System.out);
    }
}
