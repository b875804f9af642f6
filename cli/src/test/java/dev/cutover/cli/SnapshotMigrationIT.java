package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.sqlite.SqliteSource;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.TableComparator;
import dev.cutover.validator.TableDiff;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run --once} through real Kafka into real PostgreSQL, then every row and column compared with the source. */
@ExtendWith(PipelineServices.class)
class SnapshotMigrationIT {

    @ParameterizedTest
    @ValueSource(strings = {SampleDatabases.CHINOOK})
    void shouldLandEveryRowAndColumnExactlyAsInSqlite(String database, PipelineServices.Services services,
                                                      @TempDir Path dir) throws Exception {
        Path source = SampleDatabases.copy(database, dir);
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");

        int exit = Main.execute("run", "--once", "--source", "sqlite:" + source, "--target", target.toString(),
                "--kafka", services.kafka(), "--work", work.toString());

        assertThat(exit).isZero();
        Plan plan = PlanJson.read(work.resolve("plan.json"));
        Map<String, Long> sourceCounts = new SqliteSource(source).rowCounts(
                plan.tables().stream().map(TablePlan::source).toList());
        List<TableDiff> diffs = new ArrayList<>();
        try (Connection sqlite = new SqliteSource(source).open(true); Connection postgres = target.connect()) {
            for (TablePlan table : plan.tables()) {
                diffs.add(new TableComparator(plan.targetSchema(), table).compare(sqlite, postgres));
            }
        }
        assertThat(diffs).allSatisfy(diff -> {
            assertThat(diff.different()).as("different values in %s", diff.table()).isEmpty();
            assertThat(diff.missing()).as("rows missing from %s", diff.table()).isEmpty();
            assertThat(diff.extra()).as("extra rows in %s", diff.table()).isEmpty();
            assertThat(diff.targetRows()).as("rows in %s", diff.table()).isEqualTo(sourceCounts.get(diff.table()));
        });
        assertThat(diffs).hasSize(plan.tables().size());
    }
}
