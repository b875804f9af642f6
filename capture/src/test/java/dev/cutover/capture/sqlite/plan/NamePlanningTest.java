package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static dev.cutover.capture.sqlite.plan.SqliteFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.Rename;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamePlanningTest {
    private static final String LONG_TABLE = "a table name that is much longer than sixty-three bytes in PostgreSQL terms";
    private static final String LONG_COLUMN = "ein Spaltenname mit Umlauten äöü, der länger ist als dreiundsechzig Bytes";

    @TempDir
    Path dir;

    @Test
    void shouldKeepNamesExactly() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE \"Order Details\" ([Unit Price] REAL, "
                + "\"say \"\"hi\"\"\" TEXT, `select` TEXT, MixedCase TEXT, \"user\" TEXT)"));
        TablePlan table = table(plan, "Order Details");
        assertThat(table.target()).isEqualTo("Order Details");
        assertThat(table.columns()).extracting(ColumnPlan::target)
                .containsExactly("Unit Price", "say \"hi\"", "select", "MixedCase", "user");
        assertThat(plan.renames()).isEmpty();
    }

    @Test
    void shouldShortenNamesOverSixtyThreeBytesAndRecordIt() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE \"" + LONG_TABLE + "\" (\"" + LONG_COLUMN + "\" TEXT, "
                + "\"" + LONG_COLUMN + " 2\" TEXT)"));
        TablePlan table = table(plan, LONG_TABLE);
        assertThat(bytes(table.target())).isLessThanOrEqualTo(63);
        assertThat(table.target()).startsWith("a table name that is much longer").matches(".*_[0-9a-f]{8}");
        List<String> columns = table.columns().stream().map(ColumnPlan::target).toList();
        assertThat(columns).doesNotHaveDuplicates().allSatisfy(c -> assertThat(bytes(c)).isLessThanOrEqualTo(63));
        assertThat(plan.renames()).contains(new Rename("table", null, LONG_TABLE, table.target()),
                new Rename("column", LONG_TABLE, LONG_COLUMN, columns.get(0)),
                new Rename("column", LONG_TABLE, LONG_COLUMN + " 2", columns.get(1)));
        assertThat(plan(SqliteFixture.create(dir, "CREATE TABLE \"" + LONG_TABLE + "\" (x)")).tables().get(0).target())
                .as("stable across runs").isEqualTo(table.target());
    }

    @Test
    void shouldMakeGeneratedIndexNamesUniqueAcrossTheSchema() {
        Plan plan = plan(SqliteFixture.create(dir,
                "CREATE TABLE a_b (c TEXT UNIQUE)", "CREATE TABLE a (b_c TEXT UNIQUE)",
                "CREATE TABLE \"a_b_c_key\" (id INTEGER PRIMARY KEY)"));
        List<String> names = new ArrayList<>();
        plan.tables().forEach(t -> {
            names.add(t.target());
            names.add(t.key().name());
            t.indexes().forEach(i -> names.add(i.name()));
        });
        assertThat(names).doesNotHaveDuplicates();
        assertThat(table(plan, "a_b").indexes()).extracting(IndexPlan::name).containsExactly("a_b_c_key1");
        assertThat(table(plan, "a").indexes()).extracting(IndexPlan::name).containsExactly("a_b_c_key2");
    }

    @Test
    void shouldKeepTheSourcesIndexAndConstraintNames() {
        Plan plan = plan(SqliteFixture.create(dir,
                "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT, CONSTRAINT email_ok CHECK (email LIKE '%@%'),"
                        + " CONSTRAINT one_email UNIQUE (email))",
                "CREATE INDEX \"by email\" ON t (email)"));
        TablePlan table = table(plan, "t");
        assertThat(table.indexes()).extracting(IndexPlan::name).containsExactly("one_email", "by email");
        assertThat(table.checks()).extracting(CheckPlan::name).containsExactly("email_ok");
    }

    @Test
    void shouldRenameASourceConstraintNameThatIsTakenAndRecordIt() {
        Plan plan = plan(SqliteFixture.create(dir,
                "CREATE TABLE a (x INTEGER, CONSTRAINT positive CHECK (x > 0))",
                "CREATE TABLE b (y INTEGER, CONSTRAINT positive CHECK (y > 0))"));
        assertThat(table(plan, "a").checks()).extracting(CheckPlan::name).containsExactly("positive");
        assertThat(table(plan, "b").checks()).extracting(CheckPlan::name).containsExactly("b_check");
        assertThat(plan.renames()).containsExactly(new Rename("constraint", "b", "positive", "b_check"));
    }

    @Test
    void shouldShortenLongGeneratedNames() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE \"" + LONG_TABLE + "\" (code TEXT UNIQUE)"));
        IndexPlan index = plan.tables().get(0).indexes().get(0);
        assertThat(bytes(index.name())).isLessThanOrEqualTo(63);
        assertThat(plan.renames()).contains(new Rename("index", LONG_TABLE, LONG_TABLE + "_code_key", index.name()));
    }

    private static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
