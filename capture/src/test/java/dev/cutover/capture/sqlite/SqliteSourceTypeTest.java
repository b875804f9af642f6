package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.CaptureSettings;
import dev.cutover.schemas.source.ChangeCapture;
import dev.cutover.schemas.source.ConnectorSpec;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceType;
import dev.cutover.schemas.source.Sources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite file behind the source seam: found by its URI, planned, captured and its change log read and removed. */
class SqliteSourceTypeTest {
    @TempDir
    Path dir;

    @Test
    void shouldBeFoundThroughTheServiceLoaderByItsScheme() {
        Path file = Sql.create(dir.resolve("app.db"), "CREATE TABLE t (id INTEGER PRIMARY KEY)");

        Source source = Sources.parse("sqlite:" + file);

        assertThat(Sources.types()).extracting(SourceType::scheme).contains("sqlite");
        assertThat(source).isInstanceOf(SqliteSource.class);
        assertThat(source.id()).isEqualTo("sqlite:" + file.toAbsolutePath());
        assertThat(source.name()).isEqualTo("app.db");
        assertThat(source.documents()).isFalse();
        assertThat(Sources.parse("sqlite://" + file).id()).isEqualTo(source.id());
    }

    @Test
    void shouldRefuseAUriThatNamesNoFile() {
        assertThatThrownBy(() -> Sources.parse("sqlite:")).isInstanceOfSatisfying(CutoverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_USAGE);
            assertThat(e.getMessage()).contains("--source 'sqlite:'", "names no file", "sqlite:./app.db");
        });
    }

    @Test
    void shouldPlanTheFileAsThePlannerDoes() {
        Path file = Sql.create(dir.resolve("app.db"), "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");

        Plan plan = Sources.parse("sqlite:" + file).plan(new PlanOptions("shop", null, null, null));

        assertThat(plan).isEqualTo(SqlitePlanner.plan(file, new PlanOptions("shop", null, null, null)));
        assertThat(plan.source()).isEqualTo("sqlite:" + file.toAbsolutePath());
    }

    @Test
    void shouldDescribeItsConnectorWithSettingsItsConfigAccepts() {
        Path file = Sql.create(dir.resolve("app.db"), "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Path plan = dir.resolve("plan.json");

        ConnectorSpec spec = Sources.parse("sqlite:" + file)
                .connector(new CaptureSettings(plan, "cutover.app.1", 100, 4, 65536, true));

        assertThat(spec.connectorClass()).isEqualTo(SqliteConnector.class.getName());
        SqliteConnectorConfig config = new SqliteConnectorConfig(spec.properties());
        assertThat(config.path()).isEqualTo(file.toAbsolutePath());
        assertThat(config.planPath()).isEqualTo(plan);
        assertThat(config.topics().prefix()).isEqualTo("cutover.app.1");
        assertThat(config.batchRows()).isEqualTo(100);
        assertThat(config.rawPartitions()).isEqualTo(4);
        assertThat(config.batchMaxBytes()).isEqualTo(65536);
        assertThat(config.resumeAfterRemoval()).isTrue();
    }

    @Test
    void shouldRefuseLiveCaptureOfAFileItCannotWriteButAllowAOneShotRead() {
        Path file = Sql.create(dir.resolve("app.db"), "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        Source source = Sources.parse("sqlite:" + file);
        try (ReadOnlyFiles ignored = ReadOnlyFiles.of(file)) {
            source.check(Access.READ);
            assertThatThrownBy(() -> source.check(Access.LIVE)).isInstanceOfSatisfying(CutoverException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION);
                assertThat(e.getMessage()).contains(file.toString(), "write access", "--once");
            });
            assertThat(source.capture().position()).isZero();
            assertThat(source.capture().remove()).isEmpty();
        }
    }

    @Test
    void shouldReportTheChangeLogsPositionAndPendingKeysAndRemoveIt() {
        Path file = Sql.create(dir.resolve("app.db"),
                "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT)",
                "CREATE TABLE tag (isbn TEXT, tag TEXT, PRIMARY KEY (isbn, tag)) WITHOUT ROWID",
                "CREATE TABLE note (body TEXT)");
        Source source = Sources.parse("sqlite:" + file);
        Plan plan = source.plan(PlanOptions.defaults());
        ChangeCapture capture = source.capture();
        assertThat(capture.installed()).isFalse();
        assertThat(capture.position()).isZero();
        assertThat(capture.pendingKeys(plan)).isEmpty();

        SqliteChangeLog.install((SqliteSource) source, plan);
        try (Sql app = new Sql(file)) {
            app.execute("INSERT INTO author VALUES (7, 'A')", "INSERT INTO tag VALUES ('978', 'sf')",
                    "INSERT INTO note VALUES ('n')", "UPDATE author SET name = 'B' WHERE id = 7");
        }

        assertThat(capture.installed()).isTrue();
        assertThat(capture.position()).isEqualTo(4);
        Map<String, List<List<Object>>> pending = capture.pendingKeys(plan);
        assertThat(pending).containsOnlyKeys("author", "tag", "note");
        assertThat(pending.get("author")).containsExactly(List.of(7L), List.of(7L));
        assertThat(pending.get("tag")).containsExactly(List.of("978", "sf"));
        assertThat(pending.get("note")).containsExactly(List.of(1L));
        assertThat(capture.remove()).hasValueSatisfying(summary -> assertThat(summary).contains("removed"));
        assertThat(capture.installed()).isFalse();
        assertThat(capture.remove()).isEmpty();
    }
}
