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
                new ProfileQuery.Column("a", TypeMapper.map("INTEGER"),
                        SqliteColumnTyper.metricsFor(TypeMapper.map("INTEGER"))),
                new ProfileQuery.Column("b", TypeMapper.map("DATE"),
                        SqliteColumnTyper.metricsFor(TypeMapper.map("DATE"))));
        String sql = ProfileQuery.sql("t", columns);
        assertThat(sql).startsWith("SELECT count(*)").endsWith("FROM \"t\"").containsOnlyOnce("SELECT");
        assertThat(sql.split(",\n")).as("count(*); a: count, extremes, integers (text deferred); b: 5 and 6 metrics")
                .hasSize(1 + 4 + 5 + 6);
    }

    /**
     * What SQLite guarantees spares aggregates: a NOT NULL column needs no non-NULL count, a REAL one no count of
     * integers, and a column declared as a number measures its text only in a second scan when it holds some.
     */
    @Test
    void shouldLeaveOutTheAggregatesSqliteGuaranteesTheAnswerOf() {
        MappedType real = TypeMapper.map("REAL");
        MappedType integer = TypeMapper.map("INTEGER");
        String sql = ProfileQuery.sql("t", List.of(
                new ProfileQuery.Column("r", real, SqliteColumnTyper.metricsFor(real), true, true),
                new ProfileQuery.Column("i", integer, SqliteColumnTyper.metricsFor(integer), false, false)));
        assertThat(sql.split(",\n")).hasSize(1 + 2 + 4);
        assertThat(sql).doesNotContain("count(\"r\")", "typeof(\"r\")", "length(", "trim(")
                .contains("count(\"i\")", "typeof(\"i\")");
    }

    /** The same guarantees, planned from a real table: NOT NULL, REAL and INTEGER columns profile exactly. */
    @Test
    void shouldProfileGuaranteedColumnsExactly() {
        TablePlan table = SqliteFixture.plan(SqliteFixture.create(dir,
                "CREATE TABLE t (r REAL NOT NULL, i INTEGER NOT NULL, n NUMERIC(5,1), d DOUBLE)",
                "INSERT INTO t VALUES (3, 1, 2.5, 1), ('12', 'twelve', 'x y', NULL), (-0.5, X'0102', 4, 2.25),"
                        + " (1e300, 7, NULL, 'abc')")).tables().get(0);
        assertThat(table.column("r").orElseThrow().profile()).satisfies(p -> {
            assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(0L, 0L, 4L, 0L, 0L);
            assertThat(List.of(p.minReal(), p.maxReal())).containsExactly(-0.5, 1e300);
            assertThat(p.maxTextLength()).isNull();
        });
        assertThat(table.column("i").orElseThrow().profile()).satisfies(p -> {
            assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(0L, 2L, 0L, 1L, 1L);
            assertThat(p.maxTextLength()).isEqualTo(6);
            assertThat(List.of(p.minInteger(), p.maxInteger())).containsExactly(1L, 7L);
        });
        assertThat(table.column("i").orElseThrow().targetType()).as("text that is not a number widens it").isEqualTo("text");
        assertThat(table.column("n").orElseThrow().profile()).satisfies(p -> {
            assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(1L, 1L, 1L, 1L, 0L);
            assertThat(p.maxTextLength()).isEqualTo(3);
        });
        assertThat(table.column("d").orElseThrow().profile()).satisfies(p -> {
            assertThat(List.of(p.nulls(), p.integers(), p.reals(), p.texts(), p.blobs())).containsExactly(1L, 0L, 2L, 1L, 0L);
            assertThat(p.maxTextLength()).isEqualTo(3);
        });
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

    /**
     * A table profiled in rowid parts (as a big table is, one part per core) and combined gives exactly the profile of
     * one scan: extremes fall in different parts, a part holds none of a column's values, a part is empty, numbers
     * are compared by value across integers and reals near the ends of the 64-bit range.
     */
    @Test
    void shouldCombineRowidPartsIntoTheProfileOfTheWholeTable() throws Exception {
        Path file = SqliteFixture.create(dir,
                "CREATE TABLE t (i INTEGER, r REAL, n, s TEXT, d DATE, b BOOLEAN, j JSON, z, h NUMERIC(6,2))",
                "WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < 3000)"
                        + " INSERT INTO t SELECT"
                        + " CASE WHEN x = 2999 THEN 9223372036854775807 WHEN x = 5 THEN -9223372036854775808"
                        + "   WHEN x = 1700 THEN 2.5 ELSE x END,"
                        + " CASE WHEN x % 3 = 0 THEN NULL WHEN x = 2101 THEN 9.3e18 ELSE x / 7.0 END,"
                        + " CASE x % 5 WHEN 0 THEN x WHEN 1 THEN x * 1.5 WHEN 2 THEN 'v' || x WHEN 3 THEN randomblob(2)"
                        + "   ELSE NULL END,"
                        + " CASE WHEN x < 1000 THEN NULL ELSE substr('abcdefghijklmnop', 1, x % 17) END,"
                        + " CASE WHEN x % 4 = 0 THEN '2024-02-' || (10 + x % 20) WHEN x % 4 = 1 THEN 1700000000 + x"
                        + "   ELSE '2024-01-01 10:00:0' || (x % 10) END,"
                        + " CASE x % 3 WHEN 0 THEN 'yes' WHEN 1 THEN 1 ELSE 0 END,"
                        + " CASE WHEN x % 11 = 0 THEN 'not json' ELSE '{\"x\":' || x || '}' END,"
                        + " NULL,"
                        + " CASE WHEN x > 2000 THEN 123456.789 ELSE x / 4.0 END"
                        + " FROM k");
        List<ProfileQuery.Column> columns = new ArrayList<>();
        for (String[] column : List.of(new String[] {"i", "INTEGER"}, new String[] {"r", "REAL"}, new String[] {"n", ""},
                new String[] {"s", "TEXT"}, new String[] {"d", "DATE"}, new String[] {"b", "BOOLEAN"},
                new String[] {"j", "JSON"}, new String[] {"z", ""}, new String[] {"h", "NUMERIC(6,2)"})) {
            MappedType type = TypeMapper.map(column[1]);
            columns.add(new ProfileQuery.Column(column[0], type, SqliteColumnTyper.metricsFor(type)));
        }
        try (PlanningConnection source = PlanningConnection.open(file)) {
            java.sql.Connection connection = source.connection();
            ProfileQuery.Result whole = ProfileQuery.run(connection, "t", columns);
            List<ProfileQuery.Part> parts = new ArrayList<>();
            for (long[] range : List.of(new long[] {1, 999}, new long[] {1000, 2500}, new long[] {2501, 3000},
                    new long[] {3001, 9000})) {
                parts.add(ProfileQuery.scan(connection, "t", columns, new ProfileQuery.RowidRange("oid", range[0], range[1])));
            }
            assertThat(parts.get(3).rows()).as("a part past the last row").isZero();
            ProfileQuery.Result combined = ProfileQuery.finish(connection, "t", columns, ProfileQuery.merge(parts));

            assertThat(combined).isEqualTo(whole);
            assertThat(whole.rows()).isEqualTo(3000);
            assertThat(whole.stats().get("i").maxInteger()).isEqualTo(Long.MAX_VALUE);
            assertThat(whole.stats().get("i").minInteger()).isEqualTo(Long.MIN_VALUE);
            assertThat(whole.stats().get("r").maxReal()).isEqualTo(9.3e18);
            assertThat(whole.stats().get("n").blobs()).isEqualTo(600);
            assertThat(whole.stats().get("s").maxTextLength()).isEqualTo(16);
            assertThat(whole.stats().get("z").nulls()).isEqualTo(3000);
        }
    }

    /** The planner splits a big table of a WAL database by rowid; its plan is the one a single scan gives. */
    @Test
    void shouldPlanABigTableProfiledInPartsAsOneProfiledWhole() throws Exception {
        Path file = SqliteFixture.create(dir, "CREATE TABLE t (rowid TEXT, v INTEGER, w, at DATETIME)",
                "WITH RECURSIVE k(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM k WHERE x < 120001)"
                        + " INSERT INTO t SELECT 'r' || x, CASE WHEN x = 100000 THEN 3000000000 ELSE x END,"
                        + " CASE WHEN x = 110000 THEN 'text' WHEN x % 2 = 0 THEN x ELSE x / 2.0 END,"
                        + " datetime(1700000000 + x, 'unixepoch') FROM k");
        Plan whole = SqliteFixture.plan(file); // rollback journal: tables are profiled whole, one after another
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
        }
        Plan split = SqliteFixture.plan(file);

        TablePlan table = split.tables().get(0);
        assertThat(table.sourceRows()).isEqualTo(120_001);
        assertThat(table.columns()).extracting(ColumnPlan::targetType).containsExactly("text", "bigint", "text", "timestamp");
        assertThat(table.columns()).extracting(ColumnPlan::profile)
                .isEqualTo(whole.tables().get(0).columns().stream().map(ColumnPlan::profile).toList());
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
