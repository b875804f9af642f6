package dev.cutover.sink.errorlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** errors.jsonl as one migration sees it: whose entries count, accepting, moving replayed ones out. */
class ErrorLogFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private ErrorLogFile log;

    @BeforeEach
    void write() throws IOException {
        log = new ErrorLogFile(dir, "m1");
        Files.writeString(log.path(), String.join("\n",
                "{\"id\":\"raw/0/1\",\"time\":\"t1\",\"stage\":\"transform\",\"table\":\"item\",\"key\":{\"id\": 1},"
                        + "\"row\":{\"id\":1,\"code\":\"long\"},\"column\":\"code\",\"reason\":\"too long\"}",
                "{\"id\":\"raw/0/2\",\"migration\":\"m1\",\"time\":\"t2\",\"stage\":\"sink\",\"table\":\"item\","
                        + "\"key\":{\"id\":2},\"reason\":\"refused\"}",
                "{\"id\":\"raw/0/3\",\"migration\":\"m0\",\"time\":\"t3\",\"stage\":\"sink\",\"table\":\"item\","
                        + "\"key\":{\"id\":3},\"reason\":\"another migration's\"}",
                "{\"id\":\"raw/oversize/item/[4]\",\"migration\":\"m1\",\"time\":\"t4\",\"stage\":\"capture\","
                        + "\"table\":\"item\",\"key\":{\"id\":4},\"reason\":\"too big\"}",
                "{\"id\":\"raw/oversize/item/[4]\",\"migration\":\"m1\",\"time\":\"t5\",\"stage\":\"capture\","
                        + "\"table\":\"item\",\"key\":{\"id\":4},\"reason\":\"too big again\"}") + "\n");
    }

    @Test
    void shouldCountTheEntriesOfThisMigrationAndThoseThatNameNone() {
        assertThat(log.entries()).extracting(ErrorLogEntry::id)
                .containsExactly("raw/0/1", "raw/0/2", "raw/oversize/item/[4]", "raw/oversize/item/[4]");
        assertThat(log.entries().get(0).keyText()).isEqualTo("{\"id\":1}");
        assertThat(log.entries().get(0).column()).isEqualTo("code");
    }

    @Test
    void shouldStampAcceptedEntriesAndLeaveEveryOtherLineAsItWas() throws IOException {
        List<String> before = Files.readAllLines(log.path());

        log.accept(Set.of("raw/0/2"));

        List<String> after = Files.readAllLines(log.path());
        assertThat(after).hasSize(5);
        assertThat(JSON.readTree(after.get(1)).get("accepted").asText()).isNotBlank();
        assertThat(List.of(after.get(0), after.get(2), after.get(3), after.get(4)))
                .containsExactly(before.get(0), before.get(2), before.get(3), before.get(4));
        assertThat(log.blocking()).extracting(ErrorLogEntry::id).doesNotContain("raw/0/2").hasSize(3);
    }

    @Test
    void shouldMoveReplayedEntriesOutButKeepALaterOneWithTheSameId() throws IOException {
        ErrorLogEntry first = log.entries().get(0);
        ErrorLogEntry oversized = log.entries().get(2);

        log.removeReplayed(Set.of(first.signature(), oversized.signature()));

        assertThat(log.entries()).extracting(ErrorLogEntry::reason).containsExactly("refused", "too big again");
        List<String> replayed = Files.readAllLines(log.replayed());
        assertThat(replayed).hasSize(2);
        assertThat(JSON.readTree(replayed.get(0)).get("row").get("code").asText()).isEqualTo("long");
        assertThat(JSON.readTree(replayed.get(1)).get("replayed").asText()).isNotBlank();
        assertThat(Files.readAllLines(log.path())).as("another migration's line stays").hasSize(3);
    }
}
