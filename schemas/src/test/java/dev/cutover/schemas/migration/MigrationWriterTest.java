package dev.cutover.schemas.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanFixtures;
import dev.cutover.schemas.plan.SchemaMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files: each plan's migrations must equal the files under src/test/resources/migrations/&lt;case&gt;/.
 * After a deliberate change, run with {@code -Dgolden.update=true} to rewrite them, and review the diff.
 */
class MigrationWriterTest {
    private static final Path GOLDEN = Path.of("src/test/resources/migrations");

    @ParameterizedTest
    @ValueSource(strings = {"shop", "bare", "documents"})
    void shouldWriteTheGoldenMigrations(String name) throws IOException {
        List<Migration> migrations = MigrationWriter.migrations(plan(name));
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.resolve(name));
            for (Migration migration : migrations) {
                Files.writeString(GOLDEN.resolve(name).resolve(migration.fileName()), migration.sql());
            }
        }
        assertThat(migrations).extracting(Migration::fileName)
                .containsExactly("V1__create_tables.sql", "V2__indexes_and_constraints.sql");
        for (Migration migration : migrations) {
            Path golden = GOLDEN.resolve(name).resolve(migration.fileName());
            assertThat(migration.sql()).as(golden.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldWriteTheSameBytesEveryTime() {
        assertThat(MigrationWriter.migrations(PlanFixtures.shop())).isEqualTo(MigrationWriter.migrations(PlanFixtures.shop()));
    }

    @Test
    void shouldValidateEveryCheckAndForeignKeyInOrder() {
        assertThat(MigrationWriter.validationStatements(PlanFixtures.shop())).containsExactly(
                "ALTER TABLE \"app\".\"User\" VALIDATE CONSTRAINT \"User_email_check\"",
                "ALTER TABLE \"app\".\"Order Lines\" VALIDATE CONSTRAINT \"Order Lines_qty_check\"",
                "ALTER TABLE \"app\".\"Order Lines\" VALIDATE CONSTRAINT \"Order Lines_userId_fkey\"");
    }

    @Test
    void shouldGiveForeignKeyStatementsForDropAndRecreate() {
        assertThat(MigrationWriter.dropForeignKeyStatements(PlanFixtures.shop())).containsExactly(
                "ALTER TABLE \"app\".\"Order Lines\" DROP CONSTRAINT IF EXISTS \"Order Lines_userId_fkey\"");
        assertThat(MigrationWriter.addForeignKeyStatements(PlanFixtures.shop())).containsExactly(
                "ALTER TABLE \"app\".\"Order Lines\" ADD CONSTRAINT \"Order Lines_userId_fkey\" FOREIGN KEY (\"userId\")"
                        + " REFERENCES \"app\".\"User\" (\"id\") ON DELETE CASCADE NOT VALID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop", "bare", "documents"})
    void shouldLeaveExactlyV1sKeysForAfterTheDataOfAOneShotLoad(String name) {
        Plan plan = plan(name);
        String withoutKeys = MigrationWriter.createTablesWithoutKeys(plan);
        List<String> keys = MigrationWriter.addKeyStatements(plan);
        assertThat(withoutKeys).doesNotContain("CONSTRAINT");
        assertThat(keys).hasSize(plan.tables().size());

        // putting each added key back as the last line of its CREATE TABLE gives V1's tables exactly
        String rebuilt = withoutKeys.substring(withoutKeys.indexOf("\nCREATE TABLE"));
        for (String key : keys) {
            assertThat(key).startsWith("ALTER TABLE ").endsWith(";");
            String table = key.substring("ALTER TABLE ".length(), key.indexOf(" ADD CONSTRAINT "));
            String constraint = key.substring(key.indexOf(" ADD ") + " ADD ".length(), key.length() - 1);
            int body = rebuilt.indexOf("CREATE TABLE " + table + " (");
            int end = rebuilt.indexOf("\n);", body);
            rebuilt = rebuilt.substring(0, end) + ",\n    " + constraint + rebuilt.substring(end);
        }
        String v1 = MigrationWriter.migrations(plan).get(0).sql();
        assertThat(rebuilt).isEqualTo(v1.substring(v1.indexOf("\nCREATE TABLE")));
    }

    @Test
    void shouldLeaveNoKeysForAfterTheDataOfAnExistingTarget() {
        Plan existing = withMode(PlanFixtures.shop(), SchemaMode.EXISTING);
        assertThat(MigrationWriter.createTablesWithoutKeys(existing)).isEmpty();
        assertThat(MigrationWriter.addKeyStatements(existing)).isEmpty();
    }

    @Test
    void shouldWriteNoMigrationsForAnExistingTarget() {
        Plan existing = withMode(PlanFixtures.shop(), SchemaMode.EXISTING);
        assertThat(MigrationWriter.migrations(existing)).isEmpty();
    }

    @Test
    void shouldReplaceItsOwnStaleScriptsButKeepOtherFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("V3__old.sql"), MigrationWriter.MARKER + "V3: old\n");
        Files.writeString(dir.resolve("V9__hand_written.sql"), "-- mine\nSELECT 1;\n");
        Files.writeString(dir.resolve("notes.txt"), "keep");
        MigrationWriter.write(PlanFixtures.shop(), dir);
        assertThat(files(dir)).containsExactly("V1__create_tables.sql", "V2__indexes_and_constraints.sql",
                "V9__hand_written.sql", "notes.txt");
        MigrationWriter.write(withMode(PlanFixtures.shop(), SchemaMode.EXISTING), dir);
        assertThat(files(dir)).containsExactly("V9__hand_written.sql", "notes.txt");
    }

    private static Plan plan(String name) {
        return switch (name) {
            case "shop" -> PlanFixtures.shop();
            case "documents" -> PlanFixtures.documents();
            default -> PlanFixtures.bare();
        };
    }

    private static Plan withMode(Plan plan, SchemaMode mode) {
        return new Plan(plan.formatVersion(), plan.source(), mode, plan.targetSchema(), plan.tables(), plan.skipped(),
                plan.renames(), plan.unmapped(), plan.blockers(), plan.warnings());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
