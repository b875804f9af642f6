package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.CutoverException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover status}: the running migration's phase, progress, lag and errors, from another terminal. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the running migration: phase, per-table progress, rows/s, ETA, lag, latency, errors.")
final class StatusCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() throws IOException {
        RunClient client;
        try {
            client = RunClient.of(work.workDir(), "status");
        } catch (CutoverException e) {
            System.err.println("cutover: " + e.getMessage());
            return 1;
        }
        String body = client.get("/status");
        if (json) {
            System.out.print(body);
        } else {
            print(new ObjectMapper().readValue(body, RunStatus.class), System.out);
        }
        return 0;
    }

    private static void printWayBack(RunStatus.WayBackStatus wayBack, PrintStream out) {
        out.printf("way back  %s, slot %s: %,d changes written into SQLite, %,d repeats skipped, %,d in the error log%s%n",
                wayBack.streaming() ? "streaming" : "stopped", wayBack.slot(), wayBack.applied(), wayBack.skipped(),
                wayBack.failed(), wayBack.retainedWalBytes() == null ? ""
                        : String.format(", %,d MiB of WAL held", wayBack.retainedWalBytes() >> 20));
        wayBack.warnings().forEach(warning -> out.println("WARNING   " + warning));
    }

    static void print(RunStatus status, PrintStream out) {
        out.printf("%s → %s%n", status.source(), status.target());
        out.printf("phase     %s%s%n", status.phase(), status.finalized() ? " (finalized)" : "");
        out.printf("rows      %,d of %,d", status.rows(), status.total());
        if (status.phase().equals("snapshot")) {
            out.printf("  %,d rows/s%s", status.rowsPerSecond(),
                    status.etaSeconds() == null ? "" : "  ETA " + Progress.duration(status.etaSeconds()));
        }
        out.println();
        RunStatus.LagStatus lag = status.lag();
        out.printf("lag       %,d events, %,d ms (source %,d, raw %,d, rows %,d)%n", lag.events(), lag.ms(), lag.source(),
                lag.raw(), lag.rows());
        if (status.latencyMs() != null) {
            out.printf("latency   p50 %,d ms, p99 %,d ms, max %,d ms over %,d live changes%n", status.latencyMs().p50(),
                    status.latencyMs().p99(), status.latencyMs().max(), status.latencyMs().changes());
        }
        out.printf("errors    %,d%s%n", status.errors(), status.acceptedErrors() > 0
                ? String.format(" (%,d accepted)", status.acceptedErrors()) : "");
        status.blockers().forEach(blocker -> out.println("NOT READY " + blocker));
        if (status.backup() != null) {
            out.println("backup    " + status.backup().describe());
        }
        if (status.wayBack() != null) {
            printWayBack(status.wayBack(), out);
        }
        if (status.waiting() != null) {
            out.println("WAITING   " + status.waiting());
        }
        Map<String, Map<String, Long>> rounded = new LinkedHashMap<>();
        status.tables().forEach(table -> rounded.put(table.name(), table.roundedFloatNoise()));
        if (!Summary.roundedColumns(rounded).isEmpty()) {
            out.println("rounded   " + Summary.roundedFloatNoise(rounded));
        }
        int width = status.tables().stream().mapToInt(t -> t.name().length()).max().orElse(5);
        for (RunStatus.TableStatus table : status.tables()) {
            out.printf("  %-" + width + "s  %,12d / %,-12d %3d%%%n", table.name(), table.rows(), table.total(),
                    table.percent());
        }
    }
}
