package dev.cutover.capture.sqlite.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileQueryTest {
    @TempDir
    Path dir;

    @Test
    void shouldProfileEveryColumnOfATableInOneQuery() {
        List<ProfileQuery.Column> columns = List.of(
                new ProfileQuery.Column("a", TypeMapper.map("INTEGER"), ColumnTyper.metricsFor(TypeMapper.map("INTEGER"))),
                new ProfileQuery.Column("b", TypeMapper.map("DATE"), ColumnTyper.metricsFor(TypeMapper.map("DATE"))));
        String sql = ProfileQuery.sql("t", columns);
        assertThat(sql).startsWith("SELECT count(*)").endsWith("FROM \"t\"").containsOnlyOnce("SELECT");
        assertThat(sql.split(",\n")).hasSize(1 + 5 + 1 + 5 + 6);
    }

    @Test
    void shouldCountEveryStorageClassExactly() {
        TablePlan table = SqliteFixture.plan(SqliteFixture.create(dir, "CREATE TABLE t (c, d INTEGER)",
                "INSERT INTO t VALUES (1, 7), (-2, -40000), (2.5, NULL), ('a text', 'abc'), ('', NULL), (X'0001', X'00'),"
                        + " (NULL, NULL), (-7.25, 3)")).tables().get(0);
        assertThat(table.sourceRows()).isEqualTo(8);
        assertThat(table.column("c").orElseThrow().profile()).satisfies(p -> {
            assertThat(p.nulls()).isEqualTo(1);
            assertThat(p.integers()).isEqualTo(2);
            assertThat(p.reals()).isEqualTo(2);
            assertThat(p.texts()).isEqualTo(2);
            assertThat(p.blobs()).isEqualTo(1);
            assertThat(p.maxTextLength()).isEqualTo(6);
            assertThat(p.minReal()).as("bound: smallest number").isEqualTo(-7.25);
            assertThat(p.maxReal()).isEqualTo(2.5);
            assertThat(p.minInteger()).as("bound: smallest number rounded up").isEqualTo(-7);
            assertThat(p.maxInteger()).isEqualTo(2);
        });
        assertThat(table.column("d").orElseThrow().profile()).satisfies(p -> {
            assertThat(p.integers()).isEqualTo(3);
            assertThat(p.minInteger()).isEqualTo(-40000);
            assertThat(p.maxInteger()).isEqualTo(7);
            assertThat(p.minReal()).isNull();
            assertThat(p.texts()).isEqualTo(1);
            assertThat(p.blobs()).isEqualTo(1);
            assertThat(p.nulls()).isEqualTo(3);
        });
    }

    /** Columns of one storage class each take their counts from the first scan; the mixed one from a second. */
    @Test
    void shouldCountColumnsOfOneStorageClassFromTheirExtremes() {
        TablePlan table = SqliteFixture.plan(SqliteFixture.create(dir,
                "CREATE TABLE t (i INTEGER, r REAL, n, s TEXT, b BLOB, z, m)",
                "INSERT INTO t VALUES (5, 1.5, 3, 'abc', X'01', NULL, 1), (-9, -2.25, 4.75, 'z', X'0203', NULL, X'01'),"
                        + " (NULL, NULL, -1, 'hello', NULL, NULL, NULL)")).tables().get(0);
        assertThat(table.column("i").orElseThrow().profile()).satisfies(p -> {
            assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(1L, 2L, 0L, 0L, 0L);
            assertThat(List.of(p.minInteger(), p.maxInteger())).containsExactly(-9L, 5L);
            assertThat(p.minReal()).isNull();
        });
        assertThat(table.column("r").orElseThrow().profile()).satisfies(p -> {
            assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(1L, 0L, 2L, 0L, 0L);
            assertThat(List.of(p.minReal(), p.maxReal())).containsExactly(-2.25, 1.5);
            assertThat(p.minInteger()).isNull();
        });
        assertThat(table.column("n").orElseThrow().profile()).as("integers and reals are one class: numbers")
                .satisfies(p -> {
                    assertThat(List.of(p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(2L, 1L, 0L, 0L);
                    assertThat(List.of(p.minInteger(), p.maxInteger())).containsExactly(-1L, 4L);
                    assertThat(List.of(p.minReal(), p.maxReal())).containsExactly(-1.0, 4.75);
                });
        assertThat(table.column("s").orElseThrow().profile()).satisfies(p -> {
            assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(0L, 0L, 0L, 3L, 0L);
            assertThat(p.maxTextLength()).isEqualTo(5);
            assertThat(p.minInteger()).isNull();
        });
        assertThat(table.column("b").orElseThrow().profile()).satisfies(p ->
                assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(1L, 0L, 0L, 0L, 2L));
        assertThat(table.column("z").orElseThrow().profile()).satisfies(p ->
                assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(3L, 0L, 0L, 0L, 0L));
        assertThat(table.column("m").orElseThrow().profile()).as("a number and a blob: mixed").satisfies(p -> {
            assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(1L, 1L, 0L, 0L, 1L);
            assertThat(List.of(p.minInteger(), p.maxInteger())).containsExactly(1L, 1L);
        });
    }

    @Test
    void shouldSplitOnlyTablesTooWideForOneQuery() {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            columns.add("c" + i + " INTEGER");
        }
        Plan plan = SqliteFixture.plan(SqliteFixture.create(dir, "CREATE TABLE wide (" + String.join(", ", columns) + ")",
                "INSERT INTO wide (c0, c199) VALUES (1, 'x')"));
        TablePlan wide = plan.tables().get(0);
        assertThat(wide.sourceRows()).isEqualTo(1);
        assertThat(wide.columns()).hasSize(200);
        assertThat(wide.column("c0").orElseThrow().profile().integers()).isEqualTo(1);
        assertThat(wide.column("c199").orElseThrow().targetType()).isEqualTo("text");
    }

    /** One scan per table in SQLite's C code: a million rows must take seconds, not minutes. */
    @Test
    void shouldProfileAMillionRowsQuickly() {
        Path file = SqliteFixture.create(dir,
                "CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT, amount NUMERIC(10,2), at DATETIME, flag BOOLEAN,"
                        + " payload JSON)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)"
                        + " INSERT INTO events SELECT i, 'k' || (i % 10), (i % 1000) / 100.0,"
                        + " strftime('%Y-%m-%d %H:%M:%S', 1700000000 + i, 'unixepoch'), i % 2, '{\"i\":' || i || '}'"
                        + " FROM n");
        long started = System.nanoTime();
        Plan plan = SqliteFixture.plan(file);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("planned 1,000,000 rows in " + millis + " ms");
        TablePlan events = plan.tables().get(0);
        assertThat(events.sourceRows()).isEqualTo(1_000_000);
        assertThat(events.columns()).extracting(ColumnPlan::targetType)
                .containsExactly("bigint", "text", "numeric(10,2)", "timestamp", "boolean", "jsonb");
        assertThat(millis).isLessThan(30_000);
    }
}
