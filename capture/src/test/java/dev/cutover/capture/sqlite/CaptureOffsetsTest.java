package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.avro.ChangeEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where capture resumes after a restart, what the offsets say, and how far the change log is pruned: every restart
 * converges, with changes replayed rather than lost.
 */
class CaptureOffsetsTest {
    @TempDir
    Path dir;
    private Path file;
    private Sql app;
    private CaptureDriver capture;

    @BeforeEach
    void createDatabase() throws IOException {
        file = Sql.create(Files.createDirectories(dir.resolve("source")).resolve("app.db"),
                "CREATE TABLE author (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT)",
                "CREATE TABLE note (body TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
                        + "INSERT INTO author SELECT i, 'a' || i || '@example.com', 'author ' || i FROM n",
                "INSERT INTO note VALUES ('one'), ('two')");
        app = new Sql(file);
    }

    @AfterEach
    void close() {
        if (capture != null) {
            capture.close();
        }
        app.close();
    }

    private static long seq(SourceRecord record) {
        return ((Number) record.sourceOffset().get(SqliteOffsetContext.SEQ)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> offset(SourceRecord record) {
        return (Map<String, Object>) record.sourceOffset();
    }

    private static ChangeEvent event(SourceRecord record) {
        try {
            return ChangeEvent.fromByteBuffer(ByteBuffer.wrap((byte[]) record.value()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long logSize() {
        return ((Number) app.value("SELECT count(*) FROM _cutover_changes")).longValue();
    }

    private long minSeq() {
        return ((Number) app.value("SELECT min(seq) FROM _cutover_changes")).longValue();
    }

    @Test
    void shouldResumeAnInterruptedSnapshotFromItsFirstHighWaterMark() {
        SqliteChangeLog.install(new SqliteSource(file), SqlitePlanner.plan(file, null));
        app.execute("UPDATE author SET name = 'logged before the snapshot' WHERE id = 10");
        capture = CaptureDriver.start(file, dir);
        SourceRecord started = capture.poll().get(0);
        capture.poll();
        capture.commit();
        long highWaterMark = seq(started);

        app.execute("DELETE FROM author WHERE id = 1", "UPDATE author SET name = 'changed' WHERE id = 2",
                "INSERT INTO author VALUES (11, 'new@example.com', 'new')");
        capture.restart();
        SourceRecord resumed = capture.poll().get(0);

        assertThat(highWaterMark).isEqualTo(1);
        assertThat(SqliteChangeLog.maxSequence(capture.source())).isEqualTo(4);
        assertThat(offset(resumed)).containsEntry("phase", "SNAPSHOT").containsEntry("table", "author");
        assertThat(seq(resumed)).isEqualTo(highWaterMark);
        capture.assertConverged();
        assertThat(capture.replica().get("author")).doesNotContainKey("[1]");
    }

    @Test
    void shouldReplayChangesSinceTheFirstAttemptWhenASnapshotStartsOverWithNothingCommitted() {
        capture = CaptureDriver.start(file, dir);
        capture.poll();
        capture.poll();
        app.execute("DELETE FROM author WHERE id = 2");

        capture.restart();

        capture.assertConverged();
        assertThat(capture.replica().get("author")).doesNotContainKey("[2]");
    }

    @Test
    void shouldForgetTheSnapshotStartOnceAnOffsetIsCommitted() {
        capture = CaptureDriver.start(file, dir);
        capture.poll();
        assertThat(app.value("SELECT count(*) FROM _cutover_state WHERE key = 'snapshot_from'")).isEqualTo(1);

        capture.commit();

        assertThat(app.value("SELECT count(*) FROM _cutover_state WHERE key = 'snapshot_from'")).isEqualTo(0);
    }

    @Test
    void shouldCarryTheLogPositionInEveryStreamingOffset() {
        capture = CaptureDriver.start(file, dir);
        List<SourceRecord> snapshot = capture.drain();
        app.execute("UPDATE author SET name = 'x' WHERE id = 3", "DELETE FROM note WHERE body = 'one'");

        List<SourceRecord> changes = capture.drain();

        assertThat(offset(snapshot.get(snapshot.size() - 1))).containsEntry("phase", "STREAMING")
                .containsEntry(SqliteOffsetContext.SEQ, 0L).containsKey(SqliteOffsetContext.CAPTURE_ID);
        assertThat(changes).hasSize(2).allSatisfy(r -> {
            assertThat(offset(r)).containsEntry("phase", "STREAMING");
            assertThat(seq(r)).isEqualTo(event(r).getSequence());
        });
        assertThat(changes).extracting(CaptureOffsetsTest::seq).containsExactly(1L, 2L);
    }

    @Test
    void shouldCollapseEntriesForOneKeyButStillAdvanceToTheLastSeq() {
        capture = CaptureDriver.start(file, dir);
        capture.drain();
        for (int i = 0; i < 5; i++) {
            app.execute("UPDATE author SET name = 'version " + i + "' WHERE id = 4");
        }
        app.execute("UPDATE note SET body = 'last' WHERE rowid = 1");

        List<SourceRecord> changes = capture.drain();

        assertThat(changes).hasSize(2);
        assertThat(changes).extracting(CaptureOffsetsTest::seq).containsExactly(5L, 6L);
        assertThat(event(changes.get(0)).getValues()).contains("version 4");
    }

    @Test
    void shouldResumeStreamingAfterTheCommittedOffsetAndReplayWhatFollowed() {
        capture = CaptureDriver.start(file, dir, Map.of(SqliteConnectorConfig.STREAMING_BATCH_ROWS, "2"));
        capture.drain();
        capture.commit();
        app.execute("UPDATE author SET name = 'one' WHERE id = 1", "UPDATE author SET name = 'two' WHERE id = 2",
                "DELETE FROM author WHERE id = 3", "INSERT INTO note VALUES ('three')",
                "UPDATE author SET id = 30 WHERE id = 4");
        List<SourceRecord> first = capture.poll();
        capture.commit();
        capture.poll();
        app.execute("DELETE FROM author WHERE id = 1");

        capture.restart();
        List<SourceRecord> resumed = capture.drain();

        assertThat(resumed.get(0).topic()).isEqualTo(CaptureDriver.TOPICS.control());
        assertThat(resumed.subList(1, resumed.size())).extracting(CaptureOffsetsTest::seq)
                .allSatisfy(s -> assertThat(s).isGreaterThan(seq(first.get(first.size() - 1))));
        capture.assertConverged();
    }

    @Test
    void shouldPruneOnlyBelowTheCommittedSeqAndNeverReuseASeq() {
        capture = CaptureDriver.start(file, dir);
        capture.drain();
        for (int i = 1; i <= 10; i++) {
            app.execute("UPDATE author SET name = 'n" + i + "' WHERE id = " + i);
        }
        List<SourceRecord> changes = capture.drain();
        assertThat(logSize()).isEqualTo(10);

        capture.commitUpTo(changes.get(5));
        assertThat(minSeq()).isEqualTo(6);
        assertThat(logSize()).isEqualTo(5);

        capture.commit();
        assertThat(logSize()).isEqualTo(1);
        assertThat(minSeq()).isEqualTo(10);

        app.execute("INSERT INTO note VALUES ('after pruning')");
        assertThat(SqliteChangeLog.maxSequence(capture.source())).isEqualTo(11);
        capture.assertConverged();
    }

    @Test
    void shouldPruneAtMostOncePerIntervalHoweverOftenOffsetsAreCommitted() {
        capture = CaptureDriver.start(file, dir, Map.of(SqliteConnectorConfig.PRUNE_INTERVAL_MS, "3600000"));
        capture.drain();
        for (int i = 1; i <= 10; i++) {
            app.execute("UPDATE author SET name = 'n" + i + "' WHERE id = " + i);
        }
        List<SourceRecord> changes = capture.drain();

        capture.commitUpTo(changes.get(5));
        assertThat(logSize()).isEqualTo(5);
        capture.commit();
        assertThat(logSize()).as("no second prune within the interval").isEqualTo(5);
        capture.assertConverged();
    }

    @Test
    void shouldRetryAPruneThatTheApplicationsWriteLockHeldUp() {
        capture = CaptureDriver.start(file, dir);
        capture.drain();
        app.execute("UPDATE author SET name = 'x' WHERE id = 1", "UPDATE author SET name = 'y' WHERE id = 2");
        capture.drain();

        try (Sql writer = new Sql(file)) {
            writer.execute("BEGIN IMMEDIATE");
            capture.commit();
            writer.execute("COMMIT");
        }
        assertThat(logSize()).isEqualTo(2);

        capture.commit();
        assertThat(logSize()).isEqualTo(1);
        capture.assertConverged();
    }

    @Test
    void shouldPruneABigLogInChunks() {
        capture = CaptureDriver.start(file, dir, Map.of(SqliteConnectorConfig.STREAMING_BATCH_ROWS, "100000"));
        capture.drain();
        app.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25000) "
                + "INSERT INTO note SELECT 'row ' || i FROM n");
        capture.drain();

        capture.commit();

        assertThat(logSize()).isEqualTo(1);
        capture.assertConverged();
    }

    @Test
    void shouldRefuseOffsetsThatPointIntoAnotherChangeLog() {
        capture = CaptureDriver.start(file, dir);
        capture.drain();
        capture.commit();
        capture.close();
        SqliteChangeLog.remove(capture.source());

        assertThatThrownBy(() -> capture.restart())
                .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION))
                .hasMessageContaining("changes made in between are unknown").hasMessageContaining("new --work directory");
    }

    @Test
    void shouldStreamANewChangeLogFromItsStartWhenAFinishedMigrationIsResumedAfterRemoval() {
        capture = CaptureDriver.start(file, dir, Map.of(SqliteConnectorConfig.RESUME_AFTER_REMOVAL, "true"));
        capture.drain();
        capture.commit();
        capture.close();
        SqliteChangeLog.remove(capture.source());
        app.execute("UPDATE author SET name = 'not captured' WHERE id = 2");
        int before = capture.events().size();

        capture.restart();
        app.execute("UPDATE author SET name = 'captured' WHERE id = 1");
        SqliteChangeLog.enqueue(capture.source(), SqlitePlanner.plan(file, null).table("author").orElseThrow(),
                List.of("{\"id\":2}"));
        capture.drain();

        assertThat(capture.events().subList(before, capture.events().size()))
                .extracting(e -> e.getOp() + " " + e.getKey() + " " + e.getValues().get(2))
                .containsExactly("UPDATE [1] captured", "UPDATE [2] not captured");
    }

    @Test
    void shouldFailLoudlyWhenTheApplicationRebuildsACapturedTable() {
        capture = CaptureDriver.start(file, dir);
        capture.drain();

        app.transaction("CREATE TABLE note_new (body TEXT, extra TEXT)", "INSERT INTO note_new(body) SELECT body FROM note",
                "DROP TABLE note", "ALTER TABLE note_new RENAME TO note");

        assertThatThrownBy(() -> capture.poll())
                .isInstanceOfSatisfying(CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION))
                .hasMessageContaining("capture triggers of table note are gone");
    }

    @Test
    void shouldFollowAUniqueIndexTheApplicationAddsWhileStreaming() {
        capture = CaptureDriver.start(file, dir);
        capture.drain();

        app.execute("CREATE UNIQUE INDEX author_name ON author (name)");
        capture.poll();
        app.execute("INSERT OR REPLACE INTO author VALUES (20, 'x@example.com', 'author 5')");

        capture.assertConverged();
        assertThat(capture.replica().get("author")).doesNotContainKey("[5]");
    }

    @Test
    void shouldCopyAReadOnlyFileWithoutInstallingCapture() {
        try (ReadOnlyFiles ignored = ReadOnlyFiles.of(file)) {
            capture = CaptureDriver.start(file, dir);
            List<SourceRecord> records = capture.drain();

            assertThat(capture.replica()).isEqualTo(capture.sourceTables());
            assertThat(SqliteChangeLog.installed(capture.source())).isFalse();
            assertThat(offset(records.get(records.size() - 1))).containsEntry("phase", "STREAMING")
                    .doesNotContainKey(SqliteOffsetContext.SEQ);
            assertThat(capture.poll()).isEmpty();
            capture.commit();
        }
        assertThat(app.value("PRAGMA journal_mode")).isEqualTo("delete");
    }
}
