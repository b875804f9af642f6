package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Plan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Defaults are translated for the column's target type, never copied as text. */
class DefaultPlanningTest {
    @TempDir
    Path dir;

    private ColumnPlan column(String definition) {
        return plan(SqliteFixture.create(dir, "CREATE TABLE t (c " + definition + ")")).tables().get(0).columns().get(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '#', value = {
        "DATETIME DEFAULT CURRENT_TIMESTAMP                    => date_trunc('second', now() AT TIME ZONE 'UTC')",
        "TIMESTAMP DEFAULT (datetime('now'))                   => date_trunc('second', now() AT TIME ZONE 'UTC')",
        "TEXT DEFAULT CURRENT_TIMESTAMP                        => to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
        "DATE DEFAULT (date('now'))                            => (now() AT TIME ZONE 'UTC')::date",
        "DATE DEFAULT CURRENT_DATE                             => (now() AT TIME ZONE 'UTC')::date",
        "TEXT DEFAULT CURRENT_DATE                             => to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        "TIME DEFAULT (time('now'))                            => date_trunc('second', now() AT TIME ZONE 'UTC')::time",
        "TIME DEFAULT CURRENT_TIME                             => date_trunc('second', now() AT TIME ZONE 'UTC')::time",
        "INTEGER DEFAULT (strftime('%s','now'))                => floor(extract(epoch FROM now()))::bigint",
        "INTEGER DEFAULT (unixepoch())                         => floor(extract(epoch FROM now()))::bigint",
        "INTEGER DEFAULT (unixepoch() * 1000)                  => floor(extract(epoch FROM now()))::bigint * 1000",
        "INTEGER DEFAULT (cast(unixepoch('now','subsec') * 1000 as integer)) => floor(extract(epoch FROM now()) * 1000)::bigint",
        "DATETIME DEFAULT (unixepoch())                        => date_trunc('second', now() AT TIME ZONE 'UTC')",
        "TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))   => to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
        "DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')) => date_trunc('milliseconds', now() AT TIME ZONE 'UTC')",
        "REAL DEFAULT (julianday('now'))                       => round(extract(epoch FROM now()), 3) / 86400 + 2440587.5",
        "INTEGER DEFAULT 0                                     => 0",
        "INTEGER DEFAULT -1                                    => -1",
        "INTEGER DEFAULT (0)                                   => 0",
        "REAL DEFAULT -0.5                                     => -0.5",
        "NUMERIC(4,2) DEFAULT 4.99                             => 4.99",
        "TEXT DEFAULT 'Y'                                      => 'Y'",
        "CHAR(1) DEFAULT 'Y'                                   => 'Y'",
        "TEXT DEFAULT 'it''s'                                  => 'it''s'",
        "TEXT NOT NULL DEFAULT '0'                             => '0'",
        "TEXT DEFAULT 0                                        => '0'",
        "BOOLEAN DEFAULT 0                                     => false",
        "BOOLEAN DEFAULT '1'                                   => true",
        "BOOLEAN DEFAULT TRUE                                  => true",
        "BOOLEAN DEFAULT FALSE                                 => false",
        "INTEGER DEFAULT TRUE                                  => 1",
        "BLOB DEFAULT X'00'                                    => '\\x00'::bytea",
        "DATE DEFAULT '2000-01-01'                             => '2000-01-01'::date",
        "JSON DEFAULT '[]'                                     => '[]'::jsonb",
        "UUID DEFAULT '00000000-0000-0000-0000-000000000000'   => '00000000-0000-0000-0000-000000000000'::uuid",
    })
    void shouldTranslateDefaultsForTheTargetType(String definition, String expected) {
        assertThat(column(definition).defaultSql()).isEqualTo(expected);
    }

    @Test
    void shouldNoteThatLocalTimeBecomesUtc() {
        ColumnPlan column = column("DATETIME DEFAULT (datetime('now','localtime'))");
        assertThat(column.defaultSql()).isEqualTo("date_trunc('second', now() AT TIME ZONE 'UTC')");
        assertThat(column.note()).contains("localtime", "UTC");
    }

    @Test
    void shouldNeedNoDefaultForNull() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (c TEXT DEFAULT NULL)"));
        assertThat(plan.tables().get(0).columns().get(0).defaultSql()).isNull();
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldWarnAndDropDefaultsWithoutATranslation() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (a INTEGER DEFAULT (random()),"
                + " b DATETIME DEFAULT (datetime('now', '+1 day')), c INTEGER DEFAULT CURRENT_TIMESTAMP,"
                + " d BOOLEAN DEFAULT 'maybe')"));
        assertThat(plan.tables().get(0).columns()).allSatisfy(c -> assertThat(c.defaultSql()).isNull());
        assertThat(plan.warnings()).hasSize(4).anySatisfy(w -> assertThat(w).contains("\"t\"", "\"a\"", "random()",
                "no default", "by hand")).anySatisfy(w -> assertThat(w).contains("\"b\"", "+1 day"))
                .anySatisfy(w -> assertThat(w).contains("\"c\"", "CURRENT_TIMESTAMP"))
                .anySatisfy(w -> assertThat(w).contains("\"d\"", "'maybe'"));
    }

    @Test
    void shouldTranslateTheDefaultForTheWidenedType() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (c INTEGER DEFAULT 7)", "INSERT INTO t VALUES ('x')"));
        ColumnPlan column = plan.tables().get(0).columns().get(0);
        assertThat(column.targetType()).isEqualTo("text");
        assertThat(column.defaultSql()).isEqualTo("'7'");
    }
}
