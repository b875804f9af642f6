package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.Sources;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutover stop}: stop the running migration gracefully, and optionally take capture out of the source. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the running migration (it flushes and commits; `cutover run` resumes it). With "
                + "--remove-capture, first wait for lag 0, then drop the way back's replication slot and publication from PostgreSQL (when it was started) and Cutover's "
                + "triggers and change log from the source.")
final class StopCommand implements Callable<Integer> {
    @Option(names = "--remove-capture",
            description = "Remove the triggers and change log from the source, leaving it as it was before Cutover.")
    boolean removeCapture;

    @Option(names = "--wait-seconds", defaultValue = "120",
            description = "How long --remove-capture waits for lag 0 before refusing (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--force",
            description = "Remove capture even though no run is active to confirm that every change reached PostgreSQL.")
    boolean force;

    @Mixin
    WorkOption work;

    @Override
    public Integer call() throws IOException, InterruptedException {
        WorkDir dir = work.workDir();
        Optional<RunInfo> run = RunInfo.active(dir);
        if (run.isPresent()) {
            RunClient client = RunClient.of(dir, "stop");
            if (removeCapture) {
                awaitLagZero(client);
                int removed = client.postStreaming("/way-back/remove", System.out);
                if (removed != 0) {
                    return removed;
                }
            }
            client.post("/stop");
            awaitEnd(dir, run.get().pid());
            System.out.println("stopped the running migration (pid " + run.get().pid() + "); `cutover run` resumes it");
        } else {
            System.out.println("no cutover run is active in " + dir.root());
            if (removeCapture && !force) {
                throw CutoverException.config("without a running migration Cutover cannot check that every change in the "
                        + "source's change log reached PostgreSQL, and removing capture drops the log; start `cutover run` "
                        + "and let it catch up, then stop it with --remove-capture (or add --force to drop the log anyway)");
            }
        }
        if (removeCapture) {
            remove(dir);
        }
        return 0;
    }

    private void awaitLagZero(RunClient client) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
        while (true) {
            RunStatus status = json.readValue(client.get("/status"), RunStatus.class);
            if (status.phase().equals("caught up")) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw CutoverException.config("the migration did not catch up within " + waitSeconds + " s (lag "
                        + status.lag().events() + " events); capture stays in place so nothing is lost. Stop the "
                        + "application's writes to SQLite, or raise --wait-seconds");
            }
            Thread.sleep(250);
        }
    }

    /** The run has ended when its run.json is gone (it removes it last) or its process has exited. */
    private static void awaitEnd(WorkDir dir, long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (RunInfo.active(dir).isPresent()) {
            if (System.currentTimeMillis() > deadline) {
                throw CutoverException.config("the running migration (pid " + pid + ") did not stop within 120 s; see its "
                        + "log in the work directory");
            }
            Thread.sleep(100);
        }
    }

    private static void remove(WorkDir dir) {
        WorkDir.Migration migration = dir.existingMigration().orElseThrow(() -> CutoverException.config(
                "work directory " + dir.root() + " holds no migration; give the --work DIR of the migration"));
        Source source = Sources.parse(migration.source());
        source.check(Access.READ);
        System.out.println(source.capture().remove().map(removed -> "source: change capture removed (" + removed + ")")
                .orElse("source: no change capture was installed"));
    }
}
