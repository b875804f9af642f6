package dev.cutover.schemas.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExistingTargetMapperTest {
    private static final ValueProfile MILLIS = new ValueProfile(0, 3, 0, 0, 0, 1_600_000_000_000L, 1_700_000_000_000L,
            null, 0);

    private static ColumnPlan source(String name, String type, NumericDates dates, ValueProfile profile) {
        return new ColumnPlan(name, name, type.toUpperCase(), type, false, null, null, false, dates, profile, null);
    }

    private static Plan generated(TablePlan... tables) {
        return new Plan(Plan.FORMAT_VERSION, "sqlite:/app.db", SchemaMode.GENERATE, "public", List.of(tables),
                List.of(new SkippedObject("_prisma_migrations", "migration history", "why", null)), List.of(),
                List.of(), List.of(), List.of("a generate-mode warning"));
    }

    private static TablePlan user() {
        return new TablePlan("User", "User", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"), List.of("id")),
                List.of(source("id", "text", null, null),
                        source("createdAt", "timestamp", NumericDates.EPOCH_MILLIS, MILLIS),
                        source("age", "bigint", null, null),
                        source("legacyFlag", "bigint", null, null)),
                List.of(new IndexPlan("User_email_key", true, List.of("\"email\""), null, "x")),
                List.of(new CheckPlan("c", "true", "1")), List.of(), 3, List.of());
    }

    private static TargetCatalog catalog(TargetCatalog.Table... tables) {
        return new TargetCatalog("public", List.of(tables));
    }

    private static TargetCatalog.Column col(String name, String type, boolean notNull, boolean hasDefault) {
        return new TargetCatalog.Column(name, type, notNull, hasDefault, null, false);
    }

    private static TargetCatalog.Table prismaUser() {
        return new TargetCatalog.Table("User", List.of(col("id", "text", true, false),
                col("createdAt", "timestamp(3) without time zone", true, true), col("age", "integer", false, false),
                col("name", "character varying(191)", true, false), col("updatedAt", "timestamp(3) without time zone",
                        false, false)), List.of("id"), List.of());
    }

    @Test
    void shouldTakeTheTargetsNamesTypesAndNullability() {
        Plan plan = ExistingTargetMapper.map(generated(user()), catalog(prismaUser()));
        assertThat(plan.mode()).isEqualTo(SchemaMode.EXISTING);
        TablePlan user = plan.table("User").orElseThrow();
        assertThat(user.column("createdAt").orElseThrow()).satisfies(c -> {
            assertThat(c.targetType()).isEqualTo("timestamp(3)");
            assertThat(c.notNull()).isTrue();
            assertThat(c.defaultSql()).isNull();
            assertThat(c.numericDates()).isEqualTo(NumericDates.EPOCH_MILLIS);
        });
        assertThat(user.column("age").orElseThrow().targetType()).isEqualTo("integer");
        assertThat(user.indexes()).isEmpty();
        assertThat(user.checks()).isEmpty();
        assertThat(user.key().targetColumns()).containsExactly("id");
        assertThat(plan.skipped()).extracting(SkippedObject::name).containsExactly("_prisma_migrations");
        assertThat(plan.warnings()).doesNotContain("a generate-mode warning");
    }

    @Test
    void shouldListSourceColumnsWithoutATargetColumnAsUnmapped() {
        Plan plan = ExistingTargetMapper.map(generated(user()), catalog(prismaUser()));
        assertThat(plan.unmapped()).containsExactly(new UnmappedColumn("User", "legacyFlag"));
        assertThat(plan.table("User").orElseThrow().column("legacyFlag")).isEmpty();
    }

    @Test
    void shouldBlockOnRequiredTargetColumnsNoSourceFills() {
        Plan plan = ExistingTargetMapper.map(generated(user()), catalog(prismaUser()));
        assertThat(plan.blockers()).singleElement().asString()
                .contains("\"User\".\"name\"", "NOT NULL without a default", "give it a default");
    }

    @Test
    void shouldNotBlockOnColumnsPostgresFillsItself() {
        TargetCatalog.Table table = new TargetCatalog.Table("User", List.of(col("id", "text", true, false),
                col("createdAt", "timestamp(3) without time zone", true, true), col("age", "integer", false, false),
                col("legacyFlag", "bigint", false, false), new TargetCatalog.Column("serial", "integer", true, false,
                        null, true), new TargetCatalog.Column("upper", "text", true, false, "upper(id)", false)),
                List.of("id"), List.of());
        Plan plan = ExistingTargetMapper.map(generated(user()), catalog(table));
        assertThat(plan.blockers()).isEmpty();
        assertThat(plan.unmapped()).isEmpty();
    }

    @Test
    void shouldMatchNamesIgnoringCaseWhenUnique() {
        TargetCatalog.Table table = new TargetCatalog.Table("user", List.of(col("ID", "text", true, false),
                col("createdat", "timestamp(3) without time zone", false, false)), List.of("ID"), List.of());
        Plan plan = ExistingTargetMapper.map(generated(user()), catalog(table));
        TablePlan mapped = plan.table("User").orElseThrow();
        assertThat(mapped.target()).isEqualTo("user");
        assertThat(mapped.column("id").orElseThrow().target()).isEqualTo("ID");
        assertThat(mapped.key()).isEqualTo(new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"), List.of("ID")));
    }

    @Test
    void shouldBlockOnSourceTablesTheTargetLacks() {
        Plan plan = ExistingTargetMapper.map(generated(user()), catalog());
        assertThat(plan.tables()).isEmpty();
        assertThat(plan.blockers()).singleElement().asString().contains("source table \"User\" has no table");
    }

    @Test
    void shouldDecideDateReadingForTargetsThatBecameDates() {
        ColumnPlan text = source("at", "bigint", null, MILLIS);
        TablePlan table = new TablePlan("e", "e", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("at"), List.of("at")),
                List.of(text), List.of(), List.of(), List.of(), 3, List.of());
        Plan plan = ExistingTargetMapper.map(generated(table), catalog(new TargetCatalog.Table("e",
                List.of(col("at", "timestamp with time zone", true, false)), List.of("at"), List.of())));
        ColumnPlan at = plan.table("e").orElseThrow().column("at").orElseThrow();
        assertThat(at.targetType()).isEqualTo("timestamptz");
        assertThat(at.numericDates()).isEqualTo(NumericDates.EPOCH_MILLIS);
        assertThat(at.note()).contains("bigint", "timestamptz");
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("\"e\".\"at\"", "error log"));
    }

    @Test
    void shouldKeyByTheSourceKeyWhenTheTargetHasNoPrimaryKey() {
        TargetCatalog.Table table = new TargetCatalog.Table("User", List.of(col("id", "text", false, false)), List.of(),
                List.of());
        Plan plan = ExistingTargetMapper.map(generated(user()), catalog(table));
        assertThat(plan.table("User").orElseThrow().key().targetColumns()).containsExactly("id");
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("unique index"));
    }

    @Test
    void shouldBlockWhenARowidKeyedTableHasNoWayToBeKeyed() {
        TablePlan log = new TablePlan("log", "log", new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"),
                List.of(KeyPlan.ROWID_COLUMN)), List.of(source("msg", "text", null, null)), List.of(), List.of(),
                List.of(), 0, List.of());
        Plan plan = ExistingTargetMapper.map(generated(log), catalog(new TargetCatalog.Table("log",
                List.of(col("msg", "text", false, false)), List.of(), List.of())));
        assertThat(plan.blockers()).singleElement().asString().contains("cannot be keyed", KeyPlan.ROWID_COLUMN);
        Plan prepared = ExistingTargetMapper.map(generated(log), catalog(new TargetCatalog.Table("log",
                List.of(col("msg", "text", false, false), col(KeyPlan.ROWID_COLUMN, "bigint", false, false)), List.of(),
                List.of())));
        assertThat(prepared.blockers()).isEmpty();
        assertThat(prepared.table("log").orElseThrow().key().kind()).isEqualTo(KeyPlan.KeyKind.ROWID);
    }

    @Test
    void shouldCarryTheTargetsForeignKeysWithTheirDefinitions() {
        TargetCatalog.ForeignKey fk = new TargetCatalog.ForeignKey("Post_authorId_fkey", List.of("authorId"), "public",
                "User", List.of("id"), "CASCADE", "NO ACTION",
                "FOREIGN KEY (\"authorId\") REFERENCES \"User\"(id) ON DELETE CASCADE");
        TablePlan post = new TablePlan("Post", "Post", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"),
                List.of("id")), List.of(source("id", "text", null, null), source("authorId", "text", null, null)),
                List.of(), List.of(), List.of(), 1, List.of());
        Plan plan = ExistingTargetMapper.map(generated(post), catalog(new TargetCatalog.Table("Post",
                List.of(col("id", "text", true, false), col("authorId", "text", true, false)), List.of("id"),
                List.of(fk))));
        assertThat(plan.table("Post").orElseThrow().foreignKeys()).containsExactly(new ForeignKeyPlan(
                "Post_authorId_fkey", List.of("authorId"), "User", List.of("id"), "CASCADE", "NO ACTION",
                fk.definition()));
    }
}
