package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan.json edited after its tables were created, against a real PostgreSQL: a changed column type is applied to
 * the table (rows kept) and the new V1 recorded as applied; any other change is refused before anything changes.
 */
class ColumnTypeChangesIT {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;
    private PgTarget target;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        String name = "types_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        target = PgTarget.of("localhost", postgres.getPort(), name, "postgres", null);
    }

    private static Plan plan(String codeType, boolean qtyNotNull) {
        TablePlan item = new TablePlan("item", "item", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"),
                List.of("id")), List.of(column("id", "bigint", false), column("code", codeType, true),
                column("qty", "numeric(6,2)", qtyNotNull), new ColumnPlan("doubled", "doubled", "", "numeric(8,2)",
                        false, null, "qty * 2", false, null, null, null)), List.of(), List.of(), List.of(), 0, List.of());
        return new Plan(1, "sqlite:/app.db", SchemaMode.GENERATE, "public", List.of(item), List.of(), List.of(),
                List.of(), List.of(), List.of());
    }

    private static ColumnPlan column(String name, String type, boolean notNull) {
        return new ColumnPlan(name, name, type, type, notNull, null, null, false, null, null, null);
    }

    /** Creates the tables from the plan, with a row, as a run would. */
    private SchemaApplier create(Plan plan) throws SQLException {
        MigrationWriter.write(plan, dir);
        SchemaApplier applier = new SchemaApplier(target, dir);
        applier.applyTables();
        sql("INSERT INTO item (id, code, qty) VALUES (1, 'abc', 12.5)");
        return applier;
    }

    @Test
    void shouldApplyAChangedColumnTypeKeepTheRowsAndRecordTheNewScript() throws SQLException {
        SchemaApplier applier = create(plan("varchar(5)", false));
        Plan widened = plan("character varying(40)", false);
        MigrationWriter.write(widened, dir);
        assertThat(applier.changedSinceApplied()).containsExactly("1");

        List<String> changed = ColumnTypeChanges.apply(widened, target);
        applier.acceptChangedScripts();

        assertThat(changed).containsExactly("item.code character varying(5) → character varying(40)");
        assertThat(applier.changedSinceApplied()).isEmpty();
        sql("UPDATE item SET code = '" + "x".repeat(40) + "' WHERE id = 1");
        assertThat(query("SELECT length(code) || ' ' || qty || ' ' || doubled FROM item")).isEqualTo("40 12.50 25.00");
        assertThat(ColumnTypeChanges.apply(widened, target)).as("nothing left to change").isEmpty();
    }

    @Test
    void shouldChangeTheTypeOfAGeneratedColumnButNotOfAColumnItReads() throws SQLException {
        create(plan("varchar(5)", false));

        assertThat(ColumnTypeChanges.apply(withNumbers("numeric(6,2)", "numeric(12,4)"), target))
                .containsExactly("item.doubled numeric(8,2) → numeric(12,4)");
        assertThat(query("SELECT doubled FROM item")).isEqualTo("25.0000");
        assertThatThrownBy(() -> ColumnTypeChanges.apply(withNumbers("numeric(10,4)", "numeric(12,4)"), target))
                .isInstanceOfSatisfying(CutoverException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION))
                .hasMessageContaining("PostgreSQL cannot change item.qty numeric(6,2) → numeric(10,4)")
                .hasMessageContaining("used by a generated column");
    }

    private static Plan withNumbers(String qty, String doubled) {
        TablePlan item = plan("varchar(5)", false).tables().get(0);
        List<ColumnPlan> columns = List.of(item.columns().get(0), item.columns().get(1), column("qty", qty, false),
                new ColumnPlan("doubled", "doubled", "", doubled, false, null, "qty * 2", false, null, null, null));
        return new Plan(1, "sqlite:/app.db", SchemaMode.GENERATE, "public", List.of(new TablePlan("item", "item",
                item.key(), columns, List.of(), List.of(), List.of(), 0, List.of())), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    @Test
    void shouldRefuseAnyOtherChangeAndChangeNothing() throws SQLException {
        create(plan("varchar(5)", false));

        assertThatThrownBy(() -> ColumnTypeChanges.apply(plan("varchar(40)", true), target))
                .isInstanceOfSatisfying(CutoverException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION))
                .hasMessageContaining("item.qty is not NOT NULL in the target")
                .hasMessageContaining("Only a column's targetType can change");
        assertThat(query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'item'::regclass "
                + "AND attname = 'code'")).as("the type change in the same plan is not applied").isEqualTo(
                "character varying(5)");
    }

    @Test
    void shouldRefuseATypeTheRowsDoNotConvertTo() throws SQLException {
        create(plan("varchar(5)", false));

        assertThatThrownBy(() -> ColumnTypeChanges.apply(plan("integer", false), target))
                .isInstanceOfSatisfying(CutoverException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION))
                .hasMessageContaining("item.code character varying(5) → integer")
                .hasMessageContaining("choose a targetType in plan.json that the column's rows convert to");
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
