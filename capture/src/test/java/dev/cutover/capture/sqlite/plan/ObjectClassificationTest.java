package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static dev.cutover.capture.sqlite.plan.SqliteFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SkippedObject;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.PlanOptions;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectClassificationTest {
    @TempDir
    Path dir;

    private SkippedObject skipped(Plan plan, String name) {
        return plan.skipped().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not skipped: " + plan.skipped()));
    }

    @Test
    void shouldSkipSqliteInternalTables() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v)",
                "INSERT INTO t (v) VALUES (1)", "ANALYZE"));
        assertThat(skipped(plan, "sqlite_sequence").kind()).isEqualTo("internal table");
        assertThat(skipped(plan, "sqlite_sequence").reason()).contains("identity sequences");
        assertThat(skipped(plan, "sqlite_stat1").reason()).contains("ANALYZE");
        assertThat(plan.tables()).extracting(TablePlan::source).containsExactly("t");
    }

    @Test
    void shouldSkipViewsWithTheirDefinition() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (id INTEGER PRIMARY KEY)",
                "CREATE VIEW \"Big ones\" AS SELECT * FROM t WHERE id > 10"));
        SkippedObject view = skipped(plan, "Big ones");
        assertThat(view.kind()).isEqualTo("view");
        assertThat(view.sql()).isEqualTo("CREATE VIEW \"Big ones\" AS SELECT * FROM t WHERE id > 10");
        assertThat(view.reason()).contains("by hand");
    }

    @Test
    void shouldMigrateAnFts5TableWithAFullTextIndexAndSkipItsShadowTables() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE VIRTUAL TABLE docs USING fts5(title, body, tag UNINDEXED)",
                "INSERT INTO docs VALUES ('a', 'b', 'c')"));
        TablePlan docs = table(plan, "docs");
        assertThat(docs.key().kind()).isEqualTo(KeyPlan.KeyKind.ROWID);
        assertThat(docs.columns()).extracting(c -> c.target() + " " + c.targetType())
                .containsExactly("title text", "body text", "tag text");
        assertThat(docs.indexes()).singleElement().satisfies(index -> {
            assertThat(index.method()).isEqualTo("gin");
            assertThat(index.elements()).containsExactly(
                    "to_tsvector('simple', coalesce(\"title\", '') || ' ' || coalesce(\"body\", ''))");
        });
        assertThat(docs.notes()).anySatisfy(n -> assertThat(n).contains("FTS5", "GIN"));
        assertThat(docs.sourceRows()).isEqualTo(1);
        assertThat(plan.skipped()).filteredOn(s -> s.kind().equals("shadow table")).extracting(SkippedObject::name)
                .containsExactlyInAnyOrder("docs_data", "docs_idx", "docs_content", "docs_docsize", "docs_config");
        assertThat(skipped(plan, "docs_data").reason()).contains("virtual table docs");
    }

    @Test
    void shouldMigrateAnFts4TableToo() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE VIRTUAL TABLE notes USING fts4(body)"));
        assertThat(table(plan, "notes").indexes()).extracting(IndexPlan::method).containsExactly("gin");
        assertThat(plan.skipped()).extracting(SkippedObject::name).contains("notes_content", "notes_segdir");
    }

    @Test
    void shouldSkipContentlessAndExternalContentFullTextTables() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT)",
                "CREATE VIRTUAL TABLE bare USING fts5(body, content='')",
                "CREATE VIRTUAL TABLE indexed USING fts5(body, content='posts', content_rowid='id')",
                "CREATE VIRTUAL TABLE old USING fts4(body, content=\"\")"));
        assertThat(skipped(plan, "bare").reason()).contains("contentless");
        assertThat(skipped(plan, "old").reason()).contains("contentless");
        assertThat(skipped(plan, "indexed").reason()).contains("external-content", "posts");
        assertThat(plan.tables()).extracting(TablePlan::source).containsExactly("posts");
    }

    @Test
    void shouldSkipOtherVirtualTables() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE VIRTUAL TABLE boxes USING rtree(id, minx, maxx)"));
        assertThat(skipped(plan, "boxes").kind()).isEqualTo("virtual table");
        assertThat(skipped(plan, "boxes").reason()).contains("rtree");
        assertThat(skipped(plan, "boxes_node").kind()).isEqualTo("shadow table");
        assertThat(plan.tables()).isEmpty();
    }

    @Test
    void shouldSkipMigrationHistoryTablesUnlessIncluded() {
        Path file = SqliteFixture.create(dir, "CREATE TABLE _prisma_migrations (id TEXT PRIMARY KEY)",
                "CREATE TABLE knex_migrations (id INTEGER PRIMARY KEY)", "CREATE TABLE __EFMigrationsHistory (x)",
                "CREATE TABLE users (id INTEGER PRIMARY KEY)");
        Plan plan = plan(file);
        assertThat(plan.tables()).extracting(TablePlan::source).containsExactly("users");
        assertThat(skipped(plan, "_prisma_migrations").kind()).isEqualTo("migration history");
        assertThat(skipped(plan, "_prisma_migrations").reason()).contains("PostgreSQL migrations");
        assertThat(skipped(plan, "__EFMigrationsHistory").kind()).isEqualTo("migration history");
        Plan included = SqlitePlanner.plan(file, new PlanOptions("public", Set.of("_prisma_migrations"), null, null));
        assertThat(included.tables()).extracting(TablePlan::source).containsExactly("_prisma_migrations", "users");
    }

    @Test
    void shouldRefuseToIncludeATableTheSourceLacks() {
        Path file = SqliteFixture.create(dir, "CREATE TABLE users (id INTEGER PRIMARY KEY)");
        assertThatThrownBy(() -> SqlitePlanner.plan(file, new PlanOptions("public", Set.of("_prisma_migration"), null, null)))
                .isInstanceOf(CutoverException.class).hasMessageContaining("_prisma_migration");
    }

    @Test
    void shouldListTriggersAsNotMigrated() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT)",
                "CREATE TRIGGER touch AFTER UPDATE ON t BEGIN UPDATE t SET at = 'x' WHERE id = new.id; END"));
        assertThat(skipped(plan, "touch").kind()).isEqualTo("trigger");
        assertThat(skipped(plan, "touch").sql()).startsWith("CREATE TRIGGER touch");
    }

    @Test
    void shouldLeaveCutoversOwnCaptureObjectsOutOfThePlan() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (id INTEGER PRIMARY KEY)",
                "CREATE TABLE _cutover_changes (seq INTEGER PRIMARY KEY, tbl TEXT, op TEXT, key TEXT)",
                "CREATE TRIGGER _cutover_t_insert AFTER INSERT ON t BEGIN "
                        + "INSERT INTO _cutover_changes (tbl, op, key) VALUES ('t', 'I', new.id); END"));
        assertThat(plan.tables()).extracting(TablePlan::source).containsExactly("t");
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void shouldKeepSourceOrder() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE zebra (id INTEGER PRIMARY KEY)",
                "CREATE TABLE apple (id INTEGER PRIMARY KEY)", "CREATE TABLE mango (id INTEGER PRIMARY KEY)"));
        assertThat(plan.tables()).extracting(TablePlan::source).containsExactly("zebra", "apple", "mango");
    }
}
