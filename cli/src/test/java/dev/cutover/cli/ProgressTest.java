package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.TableCount;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final Lag CAUGHT_UP = new Lag(0, 0, 0, 0);

    private static Progress progress() {
        TablePlan table = new TablePlan("t", "t", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"), List.of("id")),
                List.of(new ColumnPlan("id", "id", "INTEGER", "bigint", true, null, null, false, null, null, null)),
                List.of(), List.of(), List.of(), 10, List.of());
        return new Progress(new Plan(Plan.FORMAT_VERSION, "sqlite:/x", SchemaMode.GENERATE, "public", List.of(table),
                List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void shouldSayStartingUntilTheSnapshotBegins() {
        assertThat(progress().line(CAUGHT_UP)).startsWith("starting");
    }

    @Test
    void shouldShowTheSnapshotsProgressOnceItBegins() {
        Progress progress = progress();
        progress.snapshotStarted(List.of(new TableCount("t", 10L)));

        assertThat(progress.line(CAUGHT_UP)).startsWith("snapshot   0%  0/10 rows");
    }

    /** A run that resumes a migration whose snapshot an earlier run loaded hears no snapshot-started event. */
    @Test
    void shouldShowTheLiveLineForAResumedRunWhoseSnapshotWasLoadedBefore() {
        Progress progress = progress();
        progress.snapshotLoaded();

        assertThat(progress.line(CAUGHT_UP)).startsWith("caught up  lag 0 events / 0 ms");
        assertThat(progress.line(new Lag(3, 0, 0, 40))).startsWith("streaming  lag 3 events / 40 ms");
    }
}
