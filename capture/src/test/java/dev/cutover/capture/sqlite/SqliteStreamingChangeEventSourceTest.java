package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.source.ChangeCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming source on its own, reading a real change log: event contents, batching, and no lingering reads. */
class SqliteStreamingChangeEventSourceTest {
    @TempDir
    Path dir;
    private Sql app;
    private SqliteSource source;
    private Plan plan;
    private String captureId;

    @BeforeEach
    void install() {
        Path file = Sql.create(dir.resolve("app.db"),
                "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL, data BLOB)",
                "CREATE TABLE pair (a TEXT, b INTEGER, note TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID",
                "CREATE TABLE skipped_by_the_plan (x)",
                "INSERT INTO item VALUES (1, 'one', 1.5, x'01')");
        source = new SqliteSource(file);
        Plan planned = SqlitePlanner.plan(file, null);
        plan = new Plan(planned.formatVersion(), planned.source(), planned.mode(), planned.targetSchema(),
                planned.tables().stream().filter(t -> !t.source().equals("skipped_by_the_plan")).toList(),
                planned.skipped(), planned.renames(), planned.unmapped(), planned.blockers(), planned.warnings());
        captureId = SqliteChangeLog.apply(source, plan).captureId();
        app = new Sql(file);
    }

    @AfterEach
    void close() {
        app.close();
    }

    private SqliteStreamingChangeEventSource streaming(long seq, int batch) {
        SqliteOffsetContext offset = SqliteOffsetContext.initial(0, "delete", captureId, seq).snapshotCompleted();
        return new SqliteStreamingChangeEventSource(source, plan, new ChangeRecords(source.id(), CaptureDriver.TOPICS),
                offset, batch);
    }

    private static ChangeEvent event(SourceRecord record) {
        try {
            return ChangeEvent.fromByteBuffer(ByteBuffer.wrap((byte[]) record.value()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReturnNothingWhileTheLogHasNothingNew() {
        try (SqliteStreamingChangeEventSource streaming = streaming(0, 10)) {
            assertThat(streaming.poll()).isEmpty();
            assertThat(streaming.offset().seq()).isZero();
        }
    }

    @Test
    void shouldEmitTheWholeCurrentRowForAChangedKeyAndTheLoggedKeyForAGoneOne() {
        long before = System.currentTimeMillis();
        app.execute("UPDATE item SET price = 2.5 WHERE id = 1", "INSERT INTO pair VALUES ('x', 1, 'n')",
                "DELETE FROM pair");

        List<ChangeEvent> events;
        try (SqliteStreamingChangeEventSource streaming = streaming(0, 10)) {
            events = streaming.poll().stream().map(SqliteStreamingChangeEventSourceTest::event).toList();
        }

        ChangeEvent update = events.get(0);
        assertThat(update.getOp()).isEqualTo(Operation.UPDATE);
        assertThat(update.getTable()).isEqualTo("item");
        assertThat(update.getKeyColumns()).containsExactly("id");
        assertThat(update.getKey()).containsExactly(1L);
        assertThat(update.getColumns()).containsExactly("id", "name", "price", "data");
        assertThat(update.getValues()).containsExactly(1L, "one", 2.5, ByteBuffer.wrap(new byte[] {1}));
        assertThat(update.getSequence()).isEqualTo(1);
        assertThat(update.getSourceTimeMs()).isBetween(before - 5, System.currentTimeMillis() + 5);
        ChangeEvent delete = events.get(1);
        assertThat(delete.getOp()).isEqualTo(Operation.DELETE);
        assertThat(delete.getKeyColumns()).containsExactly("a", "b");
        assertThat(delete.getKey()).containsExactly("x", 1L);
        assertThat(delete.getColumns()).isEmpty();
        assertThat(delete.getValues()).isEmpty();
        assertThat(delete.getSequence()).isEqualTo(3);
        assertThat(events).hasSize(2);
    }

    @Test
    void shouldSendTheCurrentRowOfEveryEnqueuedKeyAndTheDeletionOfAGoneOne() {
        app.execute("INSERT INTO item VALUES (2, 'two', 2.0, NULL)", "INSERT INTO pair VALUES ('é', 7, 'n')",
                "INSERT INTO pair VALUES (x'ff', 8, 'bad text')", "UPDATE pair SET a = CAST(a AS TEXT) WHERE b = 8");
        long logged = SqliteChangeLog.maxSequence(source);
        app.execute("UPDATE item SET name = 'one, now' WHERE id = 1");

        ChangeCapture.Resent enqueued = source.capture().resend(plan.table("pair").orElseThrow(), List.of(
                "{\"a\": \"é\", \"b\": 7}", "{\"a\": {\"$hex\": \"ff\"}, \"b\": 8}",
                "{\"a\": \"gone\", \"b\": 1}", "{\"a\": \"no b\"}", "not a key"));
        SqliteChangeLog.enqueue(source, plan.table("item").orElseThrow(), List.of("{\"id\":1}"));

        List<ChangeEvent> events;
        try (SqliteStreamingChangeEventSource streaming = streaming(logged + 1, 10)) {
            events = streaming.poll().stream().map(SqliteStreamingChangeEventSourceTest::event).toList();
        }
        assertThat(enqueued.position()).isEqualTo(logged + 4);
        assertThat(enqueued.unreadable()).containsExactly("{\"a\": \"no b\"}", "not a key");
        assertThat(events).extracting(e -> e.getTable() + " " + e.getOp() + " " + e.getKey() + " " + e.getSequence())
                .containsExactly("pair UPDATE [é, 7] " + (logged + 2), "pair UPDATE [{\"bytes\": \"ÿ\"}, 8] "
                        + (logged + 3), "pair DELETE [gone, 1] " + (logged + 4), "item UPDATE [1] " + (logged + 5));
        assertThat(events.get(3).getValues()).containsExactly(1L, "one, now", 1.5, ByteBuffer.wrap(new byte[] {1}));
    }

    @Test
    void shouldReadAtMostOneBatchPerPoll() {
        for (int i = 2; i <= 6; i++) {
            app.execute("INSERT INTO item(id, name) VALUES (" + i + ", 'n')");
        }

        List<Integer> sizes = new ArrayList<>();
        try (SqliteStreamingChangeEventSource streaming = streaming(0, 2)) {
            for (List<SourceRecord> batch = streaming.poll(); !batch.isEmpty(); batch = streaming.poll()) {
                sizes.add(batch.size());
            }
            assertThat(streaming.offset().seq()).isEqualTo(5);
        }
        assertThat(sizes).containsExactly(2, 2, 1);
    }

    @Test
    void shouldStartAfterTheGivenPosition() {
        app.execute("UPDATE item SET name = 'a' WHERE id = 1", "UPDATE item SET name = 'b' WHERE id = 1",
                "INSERT INTO pair VALUES ('p', 1, 'n')");

        try (SqliteStreamingChangeEventSource streaming = streaming(2, 10)) {
            assertThat(streaming.poll()).extracting(r -> event(r).getTable() + ":" + event(r).getSequence())
                    .containsExactly("pair:3");
        }
    }

    @Test
    void shouldSkipTablesThePlanDoesNotHaveAndMoveOn() {
        try (SqliteStreamingChangeEventSource streaming = streaming(0, 10)) {
            streaming.poll();
            app.execute("INSERT INTO _cutover_changes(tbl, ts, k1) VALUES ('dropped_from_the_plan', 0, 1)",
                    "UPDATE item SET name = 'after' WHERE id = 1");

            assertThat(streaming.poll()).extracting(r -> event(r).getSequence()).containsExactly(2L);
            assertThat(streaming.poll()).isEmpty();
        }
    }

    @Test
    void shouldHoldNoReadTransactionBetweenPollsSoCheckpointsComplete() {
        try (SqliteStreamingChangeEventSource streaming = streaming(0, 10)) {
            app.execute("UPDATE item SET name = 'x' WHERE id = 1");
            assertThat(streaming.poll()).hasSize(1);
            assertThat(streaming.poll()).isEmpty();

            List<Object> checkpoint = app.rows("PRAGMA wal_checkpoint(TRUNCATE)").get(0);

            assertThat(checkpoint.get(0)).as("busy").isEqualTo(0);
            assertThat(checkpoint.get(1)).as("frames left in the WAL").isEqualTo(0);
        }
    }
}
