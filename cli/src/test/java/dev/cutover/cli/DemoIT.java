package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the demo runs on its own embedded Kafka and PostgreSQL and says what moved. */
class DemoIT {

    @Test
    void shouldMigrateTheBundledSampleAndSummarize(@TempDir Path dir) {
        CommandOutput result = CommandOutput.run("demo", "--work", dir.resolve("demo").toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("embedded PostgreSQL at postgresql://postgres@localhost:")
                .contains("snapshot 100%")
                .containsPattern("Track\\s+3,503\\s+3,503\\s+0")
                .containsPattern("total\\s+15,607\\s+15,607\\s+0")
                .contains("Done: every source row is in the target.");
    }
}
