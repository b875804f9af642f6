package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.sink.PgTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of Cutover: the application never stops writing, and the pipeline can be killed at any moment. cutover
 * runs as its own process with its embedded Kafka and PostgreSQL (the default), is killed with SIGKILL during the
 * snapshot and again while streaming, and restarted each time; once the application stops writing and the lag is 0,
 * PostgreSQL equals SQLite row by row.
 */
class KillAnythingIT {
    private static final int CUSTOMERS = 40_000;

    @Test
    void shouldConvergeAfterKillsDuringSnapshotAndStreamingWhileTheApplicationWrites(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("app.db");
        AppWriter.createDatabase(source, CUSTOMERS);
        Path work = dir.resolve("work");
        String[] run = {"run", "--source", "sqlite:" + source, "--work", work.toString(), "--batch-rows", "500"};
        long writes;
        try (AppWriter writer = AppWriter.start(source, 300)) {
            try (CutoverProcess first = CutoverProcess.start(dir.resolve("run1.log"), run)) {
                first.awaitOutput("snapshot: reading", 120);
                PgTarget target = LiveMigrationSupport.embeddedTarget(work);
                try {
                    LiveMigrationSupport.awaitRows(target, "customer", 5_000, 120);
                } catch (AssertionError e) {
                    System.out.println("cutover's output:\n" + first.output() + "\ncutover's threads:\n"
                            + first.threadDump() + "\ncutover's log:\n" + Files.readString(work.resolve("cutover.log")));
                    throw e;
                }
                first.kill();
                assertThat(LiveMigrationSupport.count(target, "line")).as("killed before the snapshot finished")
                        .isLessThan(CUSTOMERS);
            }
            try (CutoverProcess second = CutoverProcess.start(dir.resolve("run2.log"), run)) {
                second.awaitOutput("streaming live changes", 180);
                Thread.sleep(3000);
                second.kill();
            }
            try (CutoverProcess third = CutoverProcess.start(dir.resolve("run3.log"), run)) {
                third.awaitOutput("streaming live changes", 180);
                Thread.sleep(2000);
                writer.close();
                writes = writer.operations();

                JsonNode status = LiveMigrationSupport.awaitCaughtUp(work, 120);
                LiveMigrationSupport.assertEqual(source, work, LiveMigrationSupport.embeddedTarget(work));
                assertThat(status.get("lag").get("events").asLong()).isZero();

                CommandOutput stop = CommandOutput.run("stop", "--work", work.toString());
                assertThat(stop.exitCode()).as(stop.err()).isZero();
                assertThat(third.awaitExit(60)).as(third.output()).isZero();
            }
        }
        assertThat(writes).as("the application kept writing throughout").isGreaterThan(1000);
    }
}
