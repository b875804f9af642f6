package dev.cutover.capture.sqlite.plan;

import static dev.cutover.capture.sqlite.plan.SqliteFixture.plan;
import static dev.cutover.capture.sqlite.plan.SqliteFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyPlanningTest {
    @TempDir
    Path dir;

    private TablePlan only(String... statements) {
        Plan plan = plan(SqliteFixture.create(dir, statements));
        return plan.tables().get(0);
    }

    @Test
    void shouldKeyByACompositePrimaryKeyInKeyOrder() {
        TablePlan table = only("CREATE TABLE t (a TEXT, b INTEGER, c TEXT, PRIMARY KEY (c, a))");
        assertThat(table.key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("c", "a"), List.of("c", "a"),
                "t_pkey"));
        assertThat(table.column("c").orElseThrow().notNull()).isTrue();
        assertThat(table.column("b").orElseThrow().notNull()).isFalse();
    }

    @Test
    void shouldKeepTheSourcesPrimaryKeyName() {
        TablePlan table = only("CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL, CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]))");
        assertThat(table.key().name()).isEqualTo("PK_Album");
    }

    @Test
    void shouldKeyTablesWithoutPrimaryKeyByRowid() {
        TablePlan table = only("CREATE TABLE log (message TEXT, level INT)", "INSERT INTO log VALUES ('x', 1)");
        assertThat(table.key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"),
                List.of(KeyPlan.ROWID_COLUMN), "log__cutover_rowid_key"));
        assertThat(table.notes()).contains("no primary key: keyed by SQLite rowid in the added column _cutover_rowid "
                + "(unique); do not VACUUM the source during a live migration");
        assertThat(table.columns()).extracting(ColumnPlan::target).containsExactly("message", "level");
    }

    @Test
    void shouldReadTheRowidUnderAnAliasNoColumnShadows() {
        TablePlan oid = only("CREATE TABLE t (rowid TEXT, v)");
        assertThat(oid.key().sourceColumns()).containsExactly("oid");
        assertThat(oid.notes()).anySatisfy(n -> assertThat(n).contains("read as oid"));
        TablePlan underscored = only("CREATE TABLE u (RowId TEXT, OID TEXT)");
        assertThat(underscored.key().sourceColumns()).containsExactly("_rowid_");
    }

    @Test
    void shouldBlockWhenEveryRowidAliasIsShadowed() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (rowid, oid, _rowid_)"));
        assertThat(plan.blockers()).singleElement().asString().contains("\"t\"", "give the table a primary key");
    }

    @Test
    void shouldBlockWhenATableWithoutKeyHasACutoverRowidColumn() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (_cutover_rowid INTEGER, v)"));
        assertThat(plan.blockers()).singleElement().asString().contains("_cutover_rowid", "rename");
    }

    @Test
    void shouldKeyWithoutRowidTablesByTheirPrimaryKey() {
        TablePlan table = only("CREATE TABLE kv (k INTEGER PRIMARY KEY, v) WITHOUT ROWID");
        assertThat(table.key().kind()).isEqualTo(KeyPlan.KeyKind.PRIMARY_KEY);
        assertThat(table.column("k").orElseThrow().identity()).as("not a rowid alias").isFalse();
    }

    @Test
    void shouldMakeIntegerPrimaryKeyAnIdentity() {
        TablePlan table = only("CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, v)");
        ColumnPlan id = table.column("id").orElseThrow();
        assertThat(id.identity()).isTrue();
        assertThat(id.targetType()).isEqualTo("bigint");
        assertThat(id.notNull()).isTrue();
    }

    @Test
    void shouldMakeATableLevelIntegerPrimaryKeyAnIdentity() {
        TablePlan table = only("CREATE TABLE t (id INTEGER NOT NULL, CONSTRAINT pk PRIMARY KEY (id))");
        assertThat(table.column("id").orElseThrow().identity()).isTrue();
    }

    @Test
    void shouldNotTreatOtherIntegerKeysAsIdentity() {
        assertThat(only("CREATE TABLE t (id INT PRIMARY KEY)").column("id").orElseThrow().identity()).isFalse();
        assertThat(only("CREATE TABLE t (id BIGINT PRIMARY KEY)").column("id").orElseThrow().identity()).isFalse();
        assertThat(only("CREATE TABLE t (id INTEGER PRIMARY KEY DESC)").column("id").orElseThrow().identity())
                .as("SQLite's DESC quirk: not a rowid alias").isFalse();
        assertThat(only("CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b))").columns())
                .noneMatch(ColumnPlan::identity);
    }

    /** pgloader's test database has such a table: {@code autoinc}, whose id is NULL in every row. */
    @Test
    void shouldKeyATableWhosePrimaryKeyHoldsNullsByRowid() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE autoinc (id BIGINT PRIMARY KEY, name TEXT)",
                "INSERT INTO autoinc VALUES (NULL, 'a'), (NULL, 'b')"));
        TablePlan table = table(plan, "autoinc");

        assertThat(table.key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"),
                List.of(KeyPlan.ROWID_COLUMN), "autoinc__cutover_rowid_key"));
        assertThat(table.columns()).extracting(ColumnPlan::target).containsExactly("id", "name");
        assertThat(table.column("id").orElseThrow().notNull()).isFalse();
        assertThat(table.indexes()).singleElement().satisfies(index -> {
            assertThat(index.unique()).isTrue();
            assertThat(index.elements()).containsExactly("\"id\"");
            assertThat(index.where()).isNull();
            assertThat(index.source()).isEqualTo("PRIMARY KEY (id)");
        });
        assertThat(table.notes()).containsExactly("primary key (\"id\") is not used: 2 rows have NULL in \"id\" (SQLite "
                + "allows NULL outside INTEGER keys; a PostgreSQL primary key does not). The table is keyed like one "
                + "without a primary key; \"id\" is kept as an ordinary column with a unique index (NULLs allowed; the "
                + "other values are unique, as SQLite's key ensures)",
                "keyed by SQLite rowid in the added column _cutover_rowid (unique); do not VACUUM the source during a "
                + "live migration");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldLetForeignKeysReferenceAPrimaryKeyThatHoldsNulls() {
        Plan plan = plan(SqliteFixture.create(dir, "CREATE TABLE t (code TEXT, part INT, v, PRIMARY KEY (code, part))",
                "CREATE TABLE child (id INTEGER PRIMARY KEY, code TEXT, part INT,"
                        + " FOREIGN KEY (code, part) REFERENCES t (code, part))",
                "INSERT INTO t VALUES ('a', 1, 1), ('a', NULL, 2), ('b', 1, 3)",
                "INSERT INTO child VALUES (1, 'a', 1)"));

        assertThat(table(plan, "t").key().kind()).isEqualTo(KeyPlan.KeyKind.ROWID);
        assertThat(table(plan, "t").notes().get(0)).contains("primary key (\"code\", \"part\") is not used: 1 rows "
                + "have NULL in \"part\"", "(\"code\", \"part\") are kept as ordinary columns with a unique index");
        assertThat(table(plan, "t").indexes()).singleElement()
                .satisfies(index -> assertThat(index.elements()).containsExactly("\"code\"", "\"part\""));
        assertThat(table(plan, "child").foreignKeys()).singleElement()
                .satisfies(fk -> assertThat(fk.refColumns()).containsExactly("code", "part"));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void shouldKeepAPrimaryKeyWithoutNulls() {
        TablePlan table = only("CREATE TABLE t (code TEXT PRIMARY KEY, v)", "INSERT INTO t VALUES ('a', 1)");
        assertThat(table.key().kind()).isEqualTo(KeyPlan.KeyKind.PRIMARY_KEY);
        assertThat(table.column("code").orElseThrow().notNull()).isTrue();
        assertThat(table.indexes()).isEmpty();
        assertThat(table.notes()).isEmpty();
    }
}
