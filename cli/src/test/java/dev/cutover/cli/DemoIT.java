package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * {@code demo --source mongodb}: the bundled documents on the in-process server move live, the demo's own changes
     * follow, and each collection and array feed lands with as many rows as MongoDB has documents and elements.
     */
    @Test
    void shouldMigrateTheBundledDocumentsLiveWhileChangingThem(@TempDir Path dir) throws IOException {
        CommandOutput result = CommandOutput.run("demo", "--source", "mongodb", "--live-seconds", "0", "--work",
                dir.resolve("demo").toString());

        Path errors = dir.resolve("demo").resolve("errors.jsonl");
        assertThat(result.exitCode()).as(result.err() + (Files.exists(errors) ? Files.readString(errors) : "")).isZero();
        assertThat(result.out())
                .containsPattern("MongoDB test server \\(in this process\\) at mongodb://127\\.0\\.0\\.1:\\d+/demo")
                .contains("streaming live changes")
                .contains("mongodb: $push   users   Bob joins editors")
                .contains("mongodb: delete  users   Dana");
        Map<String, String[]> summary = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^  (\\S+)\\s+([\\d,]+)\\s+([\\d,]+)$").matcher(result.out());
        while (row.find()) {
            summary.put(row.group(1), new String[] {row.group(2), row.group(3)});
        }
        assertThat(summary).containsOnlyKeys("groups", "users", "users_groups", "posts");
        assertThat(summary.get("users")).containsExactly("20", "20");
        assertThat(summary.get("posts")).containsExactly("40", "40");
        assertThat(summary.get("groups")).containsExactly("5", "5");
        assertThat(summary.get("users_groups")[1]).isEqualTo(summary.get("users_groups")[0]);
    }
}
