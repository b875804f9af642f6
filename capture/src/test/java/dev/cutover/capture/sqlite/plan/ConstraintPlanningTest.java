package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static dev.cutover.capture.sqlite.plan.SqliteFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstraintPlanningTest {
    @TempDir
    Path dir;

    @Test
    void shouldTranslateNamedColumnAndTableChecks() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE film ("
                + " rating TEXT CHECK (rating IN ('G','PG','R')),"
                + " features TEXT CONSTRAINT features_ok CHECK (features IS NULL OR features LIKE '%Trailers%'),"
                + " qty INTEGER, price REAL,"
                + " CONSTRAINT positive CHECK (qty > 0 AND price >= 0),"
                + " CHECK (length(rating) <= 5))"));
        assertThat(table(plan, "film").checks()).containsExactly(
                new CheckPlan("film_rating_check", "\"rating\" IN ('G', 'PG', 'R')", "rating IN ('G','PG','R')"),
                new CheckPlan("features_ok", "(\"features\" IS NULL) OR (\"features\" ILIKE '%Trailers%')",
                        "features IS NULL OR features LIKE '%Trailers%'"),
                new CheckPlan("positive", "(\"qty\" > 0) AND (\"price\" >= 0)", "qty > 0 AND price >= 0"),
                new CheckPlan("film_check", "length(\"rating\") <= 5", "length(rating) <= 5"));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldWarnAboutChecksItCannotTranslate() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (n INTEGER, CONSTRAINT is_int CHECK (typeof(n) = 'integer'))",
                "CREATE TABLE u (n INTEGER CHECK (n > 0))", "INSERT INTO u VALUES ('x')"));
        assertThat(table(plan, "t").checks()).isEmpty();
        assertThat(table(plan, "u").checks()).isEmpty();
        assertThat(plan.warnings()).hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("\"t\"", "\"is_int\"", "typeof(n) = 'integer'", "not enforce"))
                .anySatisfy(w -> assertThat(w).as("n became text, SQLite compared it as a number")
                        .contains("\"u\"", "n > 0"));
    }

    @Test
    void shouldMakeNocaseUniquenessCaseInsensitive() {
        TablePlan table = plan(SqliteFixture.create(dir, "CREATE TABLE users (id INTEGER PRIMARY KEY,"
                + " email TEXT NOT NULL UNIQUE COLLATE NOCASE, login TEXT, handle TEXT)",
                "CREATE UNIQUE INDEX users_login ON users (login COLLATE NOCASE)",
                "CREATE UNIQUE INDEX users_handle ON users (handle COLLATE RTRIM)")).tables().get(0);
        assertThat(table.indexes()).containsExactly(
                new IndexPlan("users_email_key", true, List.of("lower(\"email\")"), null, "UNIQUE (email)"),
                new IndexPlan("users_login", true, List.of("lower(\"login\")"), null,
                        "CREATE UNIQUE INDEX users_login ON users (login COLLATE NOCASE)"),
                new IndexPlan("users_handle", true, List.of("rtrim(\"handle\")"), null,
                        "CREATE UNIQUE INDEX users_handle ON users (handle COLLATE RTRIM)"));
        assertThat(table.column("email").orElseThrow().note()).contains("COLLATE NOCASE", "lower(");
    }

    @Test
    void shouldAddACaseInsensitiveUniqueIndexForANocasePrimaryKey() {
        TablePlan table = plan(SqliteFixture.create(dir, "CREATE TABLE tags (name TEXT PRIMARY KEY COLLATE NOCASE)"))
                .tables().get(0);
        assertThat(table.key().targetColumns()).containsExactly("name");
        assertThat(table.indexes()).singleElement()
                .isEqualTo(new IndexPlan("tags_name_key", true, List.of("lower(\"name\")"), null, "PRIMARY KEY (name)"));
    }

    @Test
    void shouldKeepPartialAndExpressionIndexes() {
        TablePlan table = plan(SqliteFixture.create(dir, "CREATE TABLE o (id INTEGER PRIMARY KEY, status TEXT,"
                + " email TEXT, total REAL)",
                "CREATE UNIQUE INDEX open_email ON o (email) WHERE status <> 'closed'",
                "CREATE INDEX o_lower ON o (lower(email), total DESC)",
                "CREATE INDEX o_sum ON o (total + 1) WHERE total IS NOT NULL")).tables().get(0);
        assertThat(table.indexes()).extracting(i -> i.name() + " " + i.unique() + " " + i.elements() + " " + i.where())
                .containsExactly("open_email true [\"email\"] \"status\" <> 'closed'",
                        "o_lower false [lower(\"email\"), \"total\" DESC] null",
                        "o_sum false [(\"total\" + 1)] \"total\" IS NOT NULL");
    }

    @Test
    void shouldWarnAboutIndexesItCannotTranslate() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE o (id INTEGER PRIMARY KEY, data TEXT)",
                "CREATE UNIQUE INDEX o_kind ON o (json_extract(data, '$.kind'))"));
        assertThat(table(plan, "o").indexes()).isEmpty();
        assertThat(plan.warnings()).singleElement().asString()
                .contains("\"o\"", "\"o_kind\"", "json_extract", "uniqueness is not enforced");
    }

    @Test
    void shouldPlanACompositeForeignKeyThatNamesNoColumns() {
        Plan plan = plan(SqliteFixture.create(dir,
                "CREATE TABLE parent (a TEXT, b INTEGER, PRIMARY KEY (b, a))",
                "CREATE TABLE child (x INTEGER, y TEXT, FOREIGN KEY (x, y) REFERENCES parent ON DELETE CASCADE"
                        + " ON UPDATE SET NULL)"));
        assertThat(table(plan, "child").foreignKeys()).containsExactly(new ForeignKeyPlan("child_x_y_fkey",
                List.of("x", "y"), "parent", List.of("b", "a"), "CASCADE", "SET NULL"));
    }

    @Test
    void shouldKeepForeignKeysInDeclarationOrderWithTheirNames() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE lang (id INTEGER PRIMARY KEY)",
                "CREATE TABLE film (id INTEGER PRIMARY KEY, lang INTEGER, orig INTEGER REFERENCES lang,"
                        + " CONSTRAINT fk_lang FOREIGN KEY (lang) REFERENCES lang (id))"));
        assertThat(table(plan, "film").foreignKeys()).extracting(ForeignKeyPlan::name)
                .containsExactly("film_orig_fkey", "fk_lang");
    }

    @Test
    void shouldWarnAboutForeignKeysPostgresWouldRefuse() {
        Plan plan = plan(SqliteFixture.create(dir,
                "CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT, name TEXT UNIQUE COLLATE NOCASE)",
                "CREATE TABLE c (p_id INTEGER REFERENCES p, code TEXT REFERENCES p (code), n TEXT REFERENCES p (name),"
                        + " gone INTEGER REFERENCES missing, t TEXT REFERENCES p (id))",
                "CREATE VIEW v AS SELECT 1"));
        assertThat(table(plan, "c").foreignKeys()).extracting(ForeignKeyPlan::columns).containsExactly(List.of("p_id"));
        assertThat(plan.warnings()).hasSize(4)
                .anySatisfy(w -> assertThat(w).contains("[code]", "neither the primary key nor a plain unique index"))
                .anySatisfy(w -> assertThat(w).contains("[n]", "neither the primary key"))
                .anySatisfy(w -> assertThat(w).contains("[gone]", "missing is not migrated"))
                .anySatisfy(w -> assertThat(w).contains("[t]", "is text but the referenced id is bigint"));
    }
}
