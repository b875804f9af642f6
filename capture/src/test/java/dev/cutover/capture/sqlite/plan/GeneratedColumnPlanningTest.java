package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.TablePlan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedColumnPlanningTest {
    @TempDir
    Path dir;

    @Test
    void shouldTranslateStoredAndVirtualGeneratedColumns() {
        TablePlan table = plan(SqliteFixture.create(dir, "CREATE TABLE t (qty INTEGER, price NUMERIC(10,2),"
                + " total NUMERIC GENERATED ALWAYS AS (qty * price) STORED,"
                + " [shout] TEXT AS (upper(\"name\")), name TEXT)", "INSERT INTO t (qty, price, name) VALUES (2, 1.5, 'x')"))
                .tables().get(0);
        assertThat(table.column("total").orElseThrow().generatedSql()).isEqualTo("\"qty\" * \"price\"");
        assertThat(table.column("total").orElseThrow().written()).isFalse();
        assertThat(table.column("shout").orElseThrow().generatedSql()).isEqualTo("upper(\"name\")");
        assertThat(table.column("shout").orElseThrow().targetType()).isEqualTo("text");
        assertThat(table.column("qty").orElseThrow().written()).isTrue();
    }

    @Test
    void shouldCopyUntranslatableGeneratedColumnsAsData() {
        TablePlan table = plan(SqliteFixture.create(dir, "CREATE TABLE t (v, kind TEXT AS (typeof(v)),"
                + " doubled INTEGER AS (v * 2), quadrupled INTEGER AS (doubled * 2))")).tables().get(0);
        assertThat(table.column("kind").orElseThrow()).satisfies(c -> {
            assertThat(c.generatedSql()).isNull();
            assertThat(c.written()).isTrue();
            assertThat(c.note()).contains("generated in SQLite as (typeof(v))", "typeof()", "copied as plain data");
        });
        assertThat(table.column("quadrupled").orElseThrow().note()).contains("generated column");
    }
}
