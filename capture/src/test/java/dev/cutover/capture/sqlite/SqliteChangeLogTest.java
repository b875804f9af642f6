package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing the change log and triggers into a SQLite file, and taking them out again without a trace. */
class SqliteChangeLogTest {
    private static final String SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name";

    @TempDir
    Path dir;
    private Path file;
    private SqliteSource source;
    private Plan plan;

    @BeforeEach
    void createDatabase() {
        file = Sql.create(dir.resolve("app.db"),
                "CREATE TABLE author (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT)",
                "CREATE TABLE tag (isbn TEXT, tag TEXT, weight REAL, PRIMARY KEY (isbn, tag)) WITHOUT ROWID",
                "CREATE TABLE \"a table whose name is rather long and has \"\"quotes\"\" in it\" (x, y)",
                "CREATE INDEX tag_weight ON tag (weight)",
                "CREATE VIEW heavy AS SELECT * FROM tag WHERE weight > 1",
                "CREATE TRIGGER app_touch AFTER UPDATE ON author BEGIN SELECT 1; END",
                "INSERT INTO author VALUES (1, 'a@example.com', 'A')",
                "INSERT INTO tag VALUES ('1', 'x', 1.5)");
        source = new SqliteSource(file);
        plan = SqlitePlanner.plan(file, null);
    }

    private List<List<Object>> schema() {
        try (Sql sql = new Sql(file)) {
            return sql.rows(SCHEMA);
        }
    }

    private String journalMode() {
        try (Sql sql = new Sql(file)) {
            return (String) sql.value("PRAGMA journal_mode");
        }
    }

    private List<String> names(String type) {
        try (Sql sql = new Sql(file)) {
            return sql.rows("SELECT name FROM sqlite_schema WHERE type = '" + type + "' AND name LIKE '\\_cutover\\_%' "
                    + "ESCAPE '\\' ORDER BY name").stream().map(r -> (String) r.get(0)).toList();
        }
    }

    @Test
    void shouldInstallTheLogTheStateAndThreeTriggersPerTableNamedByPosition() {
        SqliteChangeLog.install(source, plan);

        assertThat(SqliteChangeLog.installed(source)).isTrue();
        assertThat(names("table")).containsExactly("_cutover_changes", "_cutover_state");
        assertThat(names("trigger")).containsExactlyInAnyOrder("_cutover_0_ai", "_cutover_0_au", "_cutover_0_ad",
                "_cutover_0_bi", "_cutover_0_bu", "_cutover_1_ai", "_cutover_1_au", "_cutover_1_ad",
                "_cutover_2_ai", "_cutover_2_au", "_cutover_2_ad");
        assertThat(journalMode()).isEqualTo("wal");
        try (Sql sql = new Sql(file)) {
            assertThat(sql.rows("SELECT name FROM pragma_table_info('_cutover_changes')")).extracting(r -> r.get(0))
                    .containsExactly("seq", "tbl", "ts", "k1", "k2");
            assertThat(sql.value("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'")).isEqualTo(0);
        }
    }

    @Test
    void shouldChangeNothingWhenInstalledAgain() {
        SqliteChangeLog.install(source, plan);
        List<List<Object>> first = schema();
        Object version;
        try (Sql sql = new Sql(file)) {
            version = sql.value("PRAGMA schema_version");
        }

        SqliteChangeLog.install(source, plan);

        assertThat(schema()).isEqualTo(first);
        try (Sql sql = new Sql(file)) {
            assertThat(sql.value("PRAGMA schema_version")).isEqualTo(version);
        }
    }

    @Test
    void shouldBringTriggersUpToDateWhenTheApplicationAddsAUniqueIndex() {
        SqliteChangeLog.install(source, plan);
        try (Sql sql = new Sql(file)) {
            sql.execute("CREATE UNIQUE INDEX author_name ON author (name)");
        }

        SqliteChangeLog.install(source, plan);

        try (Sql sql = new Sql(file)) {
            assertThat((String) sql.value("SELECT sql FROM sqlite_schema WHERE name = '_cutover_0_bi'"))
                    .contains("\"email\" = NEW.\"email\"").contains("\"name\" = NEW.\"name\"");
        }
    }

    @Test
    void shouldLogChangedKeysWithTimeAndTable() {
        SqliteChangeLog.install(source, plan);
        long before = System.currentTimeMillis();

        try (Sql sql = new Sql(file)) {
            sql.execute("UPDATE tag SET tag = 'y'", "INSERT INTO author VALUES (2, 'b@example.com', 'B')");
            List<List<Object>> log = sql.rows("SELECT seq, tbl, ts, k1, k2 FROM _cutover_changes ORDER BY seq");
            assertThat(log).extracting(r -> r.get(1) + ":" + r.get(3) + ":" + r.get(4))
                    .containsExactly("tag:1:x", "tag:1:y", "author:2:null");
            assertThat(log).extracting(r -> r.get(0)).containsExactly(1, 2, 3);
            assertThat(log).allSatisfy(r -> assertThat(((Number) r.get(2)).doubleValue())
                    .isBetween(before - 5.0, System.currentTimeMillis() + 5.0));
        }
        assertThat(SqliteChangeLog.maxSequence(source)).isEqualTo(3);
    }

    @Test
    void shouldReportNoSequenceWhenNotInstalledOrEmpty() {
        assertThat(SqliteChangeLog.installed(source)).isFalse();
        assertThat(SqliteChangeLog.maxSequence(source)).isZero();

        SqliteChangeLog.install(source, plan);

        assertThat(SqliteChangeLog.maxSequence(source)).isZero();
    }

    @Test
    void shouldSkipVirtualTablesAndSayTheirLiveChangesAreNotCaptured() {
        try (Sql sql = new Sql(file)) {
            sql.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body)", "INSERT INTO docs VALUES ('t', 'b')");
        }
        Plan withFts = SqlitePlanner.plan(file, null);

        SqliteChangeLog.Installed installed = SqliteChangeLog.apply(source, withFts);

        assertThat(withFts.table("docs")).isPresent();
        assertThat(installed.warnings()).singleElement().asString()
                .contains("docs is a virtual table").contains("live changes to it are not captured");
        assertThat(names("trigger")).noneMatch(n -> n.startsWith("_cutover_3_"));
    }

    @Test
    void shouldLeaveTheSchemaDataAndJournalModeExactlyAsBeforeWhenRemoved() {
        List<List<Object>> before = schema();
        SqliteChangeLog.install(source, plan);
        try (Sql sql = new Sql(file)) {
            sql.execute("INSERT INTO author VALUES (2, 'b@example.com', 'B')", "ALTER TABLE author ADD COLUMN extra");
        }
        List<List<Object>> changedByTheApplication;
        try (Sql sql = new Sql(file)) {
            changedByTheApplication = sql.rows("SELECT * FROM author ORDER BY id");
        }

        RemovalReport report = SqliteChangeLog.remove(source);

        assertThat(report.wasInstalled()).isTrue();
        assertThat(report.droppedTables()).containsExactly("_cutover_changes", "_cutover_state");
        assertThat(report.droppedTriggers()).hasSize(11);
        assertThat(report.warnings()).isEmpty();
        assertThat(report.journalModeRestored()).isTrue();
        assertThat(journalMode()).isEqualTo("delete");
        assertThat(Files.exists(Path.of(file + "-wal"))).isFalse();
        try (Sql sql = new Sql(file)) {
            sql.execute("ALTER TABLE author DROP COLUMN extra");
            assertThat(sql.rows("SELECT * FROM author ORDER BY id")).hasSize(changedByTheApplication.size());
        }
        assertThat(schema()).isEqualTo(before);
        assertThat(SqliteChangeLog.installed(source)).isFalse();
    }

    @Test
    void shouldKeepWalWhenTheFileWasInWalModeBeforeCutover() {
        try (Sql sql = new Sql(file)) {
            sql.execute("PRAGMA journal_mode = WAL");
        }

        SqliteChangeLog.install(source, plan);
        RemovalReport report = SqliteChangeLog.remove(source);

        assertThat(report.originalJournalMode()).isEqualTo("wal");
        assertThat(report.warnings()).isEmpty();
        assertThat(journalMode()).isEqualTo("wal");
    }

    @Test
    void shouldReportAJournalModeItCannotRestoreWhileTheApplicationHoldsTheFile() {
        SqliteChangeLog.install(source, plan);

        RemovalReport report;
        try (Sql application = new Sql(file)) {
            application.rows("SELECT * FROM author");
            report = SqliteChangeLog.remove(source);
        }

        assertThat(report.droppedTables()).isNotEmpty();
        assertThat(report.journalModeRestored()).isFalse();
        assertThat(report.warnings()).singleElement().asString().contains("still wal").contains("it was delete")
                .contains("PRAGMA journal_mode=delete");
        assertThat(names("trigger")).isEmpty();
    }

    @Test
    void shouldSayThereWasNothingToRemove() {
        RemovalReport report = SqliteChangeLog.remove(source);

        assertThat(report.wasInstalled()).isFalse();
        assertThat(report.summary()).contains("nothing to remove");
        assertThat(journalMode()).isEqualTo("delete");
    }

    @Test
    void shouldRefuseToInstallIntoAReadOnlyFileNamingTheFileAndTheFix() {
        try (ReadOnlyFiles ignored = ReadOnlyFiles.of(file)) {
            assertThatThrownBy(() -> SqliteChangeLog.install(source, plan))
                    .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION))
                    .hasMessageContaining(file.toString()).hasMessageContaining("read-only")
                    .hasMessageContaining("make the file and its directory writable");
        }
    }

    @Test
    void shouldRefuseAPlanThatNoLongerMatchesTheSource() {
        try (Sql sql = new Sql(file)) {
            sql.execute("DROP TABLE tag");
        }

        assertThatThrownBy(() -> SqliteChangeLog.install(source, plan))
                .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION))
                .hasMessageContaining("table tag").hasMessageContaining("cutover plan");
        assertThat(SqliteChangeLog.installed(source)).isFalse();
    }
}
