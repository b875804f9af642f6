package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Declared type → PostgreSQL type, when the values fit (see TypeWideningTest when they do not). */
class TypeMappingTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiterString = "=>", value = {
        "INTEGER                   => bigint",
        "INT                       => bigint",
        "BIGINT                    => bigint",
        "INT8                      => bigint",
        "UNSIGNED BIG INT          => bigint",
        "SMALLINT                  => smallint",
        "INT2                      => smallint",
        "TINYINT                   => smallint",
        "MEDIUMINT                 => integer",
        "INT4                      => integer",
        "REAL                      => double precision",
        "DOUBLE                    => double precision",
        "DOUBLE PRECISION          => double precision",
        "FLOAT                     => double precision",
        "NUMERIC(10,2)             => numeric(10,2)",
        "DECIMAL(5, 2)             => numeric(5,2)",
        "NUMERIC(8)                => numeric(8,0)",
        "NUMERIC                   => numeric",
        "DECIMAL                   => numeric",
        "MONEY                     => numeric",
        "BOOLEAN                   => boolean",
        "BOOL                      => boolean",
        "BLOB                      => bytea",
        "DATE                      => date",
        "DATETIME                  => timestamp",
        "TIMESTAMP                 => timestamp",
        "TIME                      => time",
        "JSON                      => jsonb",
        "JSONB                     => jsonb",
        "UUID                      => uuid",
        "VARCHAR(255)              => varchar(255)",
        "NVARCHAR(160)             => varchar(160)",
        "CHARACTER(20)             => varchar(20)",
        "CHAR(1)                   => varchar(1)",
        "NATIVE CHARACTER(70)      => varchar(70)",
        "VARYING CHARACTER(12)     => varchar(12)",
        "TEXT                      => text",
        "CLOB                      => text",
        "VARCHAR                   => text",
        "BLOB SUB_TYPE TEXT        => text",
    })
    void shouldMapDeclaredTypes(String declared, String expected) {
        assertThat(TypeMapper.map(declared).pgType()).isEqualTo(expected);
        ColumnPlan column = single("CREATE TABLE t (c " + declared + ")");
        assertThat(column.targetType()).as("an empty column keeps the mapping").isEqualTo(expected);
        assertThat(column.declaredType()).isEqualTo(declared);
    }

    @Test
    void shouldChooseUntypedColumnsFromTheValues() {
        TablePlan table = plan(SqliteFixture.create(dir, "CREATE TABLE t (i, r, s, b, mixed, none, big)",
                "INSERT INTO t VALUES (1, 1.5, 'x', X'01', 1, NULL, 9007199254740993)",
                "INSERT INTO t VALUES (2, 2, 'y', X'02', 'two', NULL, 0.5)")).tables().get(0);
        assertThat(table.columns()).extracting(c -> c.source() + " " + c.targetType()).containsExactly("i bigint",
                "r double precision", "s text", "b bytea", "mixed text", "none text", "big numeric");
        assertThat(table.column("i").orElseThrow().note()).contains("no declared type", "2 INTEGER");
    }

    @Test
    void shouldMapStrictTables() {
        TablePlan table = plan(SqliteFixture.create(dir, "CREATE TABLE t (i INT, n INTEGER, r REAL, t TEXT, b BLOB,"
                + " a ANY) STRICT", "INSERT INTO t VALUES (1, 2, 1.5, 'x', X'00', 3)")).tables().get(0);
        assertThat(table.columns()).extracting(ColumnPlan::targetType)
                .containsExactly("bigint", "bigint", "double precision", "text", "bytea", "bigint");
    }

    @Test
    void shouldNeverMapToRealOrChar() {
        for (String declared : new String[] {"REAL", "FLOAT4", "CHAR(3)", "NCHAR(2)"}) {
            assertThat(TypeMapper.map(declared).pgType()).doesNotStartWith("real").doesNotStartWith("char");
        }
    }

    private ColumnPlan single(String ddl) {
        return plan(SqliteFixture.create(dir, ddl)).tables().get(0).columns().get(0);
    }
}
