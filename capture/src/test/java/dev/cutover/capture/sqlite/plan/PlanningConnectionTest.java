package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.PlanOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanningConnectionTest {
    @TempDir
    Path dir;

    @Test
    void shouldReportAMissingFileAsUnreachable() {
        Path missing = dir.resolve("nope.db");
        assertThatThrownBy(() -> plan(missing)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
            assertThat(e.getMessage()).contains(missing.toString(), "does not exist", "--source").doesNotContain("\n");
        });
    }

    @Test
    void shouldReportAFileThatIsNotSqliteAsBadConfiguration() throws IOException, GeneralSecurityException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, I am not a database\n");
        assertThatThrownBy(() -> plan(text)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION);
            assertThat(e.getMessage()).contains(text.toString(), "is not a SQLite database",
                    "file header \"hello, I am not ", "check --source").doesNotContain("\n");
        });
    }

    @Test
    void shouldReportAnEmptyFileAsNotSqlite() throws IOException, GeneralSecurityException {
        Path empty = Files.createFile(dir.resolve("empty.db"));
        assertThatThrownBy(() -> plan(empty)).isInstanceOfSatisfying(CutoverException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION));
    }

    @Test
    void shouldReportADirectoryAsBadConfiguration() {
        assertThatThrownBy(() -> plan(dir)).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION);
            assertThat(e.getMessage()).contains(dir.toString(), "is a directory");
        });
    }

    @Test
    void shouldNameTheSourceByItsAbsolutePath() {
        Path file = SqliteFixture.create(dir, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Path relative = Path.of("").toAbsolutePath().relativize(file);
        Plan plan = plan(relative);
        assertThat(plan.source()).isEqualTo("sqlite:" + file.toAbsolutePath().normalize());
        assertThat(plan.targetSchema()).isEqualTo("public");
    }

    @Test
    void shouldNeverWriteToTheSource() throws IOException, GeneralSecurityException {
        Path file = SqliteFixture.fromScript(dir, "/sqlite/kitchen-sink.sql");
        String before = digest(file);
        Set<Path> filesBefore = Set.copyOf(Files.list(dir).toList());
        assertThat(file.toFile().setReadOnly()).isTrue();
        plan(file);
        assertThat(digest(file)).isEqualTo(before);
        assertThat(Files.list(dir).toList()).containsExactlyInAnyOrderElementsOf(filesBefore);
    }

    @Test
    void shouldPlanTheTargetSchemaItIsGiven() {
        Path file = SqliteFixture.create(dir, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        assertThat(SqlitePlanner.plan(file, new PlanOptions("shop", null, null, null)).targetSchema()).isEqualTo("shop");
        assertThatThrownBy(() -> new PlanOptions(" ", Set.of(), null, null)).isInstanceOfSatisfying(CutoverException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE));
    }

    private static String digest(Path file) throws IOException, GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
