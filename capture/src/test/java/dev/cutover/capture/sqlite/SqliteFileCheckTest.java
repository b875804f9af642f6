package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteSource#check}: every kind of bad file is refused with one line naming the file and the fix. */
class SqliteFileCheckTest {
    @TempDir
    Path dir;

    @Test
    void shouldPassASoundDatabaseWithEveryKindOfTable() {
        Path file = Sql.create(dir.resolve("app.db"),
                "CREATE TABLE plain (id INTEGER PRIMARY KEY, v TEXT)",
                "CREATE TABLE keyed (code TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
                "CREATE VIRTUAL TABLE docs USING fts5(body)",
                "CREATE TABLE empty (v)",
                "INSERT INTO plain (v) VALUES ('a'), ('b')",
                "INSERT INTO keyed VALUES ('k', 'v')",
                "INSERT INTO docs VALUES ('hello world')");

        assertThatCode(() -> new SqliteSource(file).check()).doesNotThrowAnyException();
    }

    @Test
    void shouldReportATruncatedFileAsDamaged() throws IOException {
        Path file = databaseOfManyPages("truncated.db");
        truncate(file, Files.size(file) / 2);

        assertDamaged(file);
    }

    /**
     * A file written by a SQLite older than 3.7.0 has no valid page count in its header, so SQLite takes the file's
     * size for the database's and opens a truncated one without complaint: reading the table finds what is missing
     * (its first rows are intact, its last are gone).
     */
    @Test
    void shouldReportATruncatedFileWhoseHeaderHasNoPageCount() throws IOException {
        Path file = Sql.create(dir.resolve("legacy.db"), "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
                        + " INSERT INTO a (v) SELECT printf('%0100d', i) FROM n");
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(92); // "version-valid-for": when it differs from the change counter, the page count is ignored
            raw.writeInt(0xdeadbeef);
        }
        truncate(file, Files.size(file) / 2);

        assertDamaged(file);
    }

    @Test
    void shouldReportAFileThatIsNotSqliteAsBadConfiguration() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.db"), "just some text, not a database\n");

        assertThatThrownBy(() -> new SqliteSource(file).check()).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION);
            assertThat(e.getMessage()).contains(file.toString(), "is not a SQLite database", "\"just some text,",
                    "check --source").doesNotContain("\n");
        });
    }

    @Test
    void shouldReportADirectoryAsBadConfiguration() {
        assertThatThrownBy(() -> new SqliteSource(dir).check()).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION);
            assertThat(e.getMessage()).contains(dir.toString(), "is a directory", "--source sqlite:PATH");
        });
    }

    @Test
    void shouldReportAMissingFileAsUnreachable() {
        Path missing = dir.resolve("missing.db");

        assertThatThrownBy(() -> new SqliteSource(missing).check()).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
            assertThat(e.getMessage()).contains(missing.toString(), "does not exist", "--source");
        });
    }

    /** Root reads any file whatever its mode; cli's BadInputIT covers this case as root too, in a process without that power. */
    @Test
    void shouldReportAFileWithoutReadPermissionAsUnreachable() throws IOException {
        Path file = Sql.create(dir.resolve("secret.db"), "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        assumeFalse(Files.isReadable(file), "this user reads files without read permission (root)");

        assertThatThrownBy(() -> new SqliteSource(file).check()).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
            assertThat(e.getMessage()).contains(file.toString(), "permission denied", "read access");
        });
    }

    private void assertDamaged(Path file) {
        assertThatThrownBy(() -> new SqliteSource(file).check()).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION);
            assertThat(e.getMessage()).contains(file.toString(), "is damaged", "malformed", "truncated", "--source",
                    ".recover").doesNotContain("\n");
        });
    }

    /** Two tables of 2,000 rows each, one after the other in the file: its second half holds the second table. */
    private Path databaseOfManyPages(String name) {
        return Sql.create(dir.resolve(name),
                "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT)",
                "CREATE TABLE b (id INTEGER PRIMARY KEY, v TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                        + " INSERT INTO a (v) SELECT printf('%0100d', i) FROM n",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                        + " INSERT INTO b (v) SELECT printf('%0100d', i) FROM n");
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(size);
        }
    }
}
