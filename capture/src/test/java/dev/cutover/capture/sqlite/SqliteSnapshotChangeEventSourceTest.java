package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.InvalidText;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.codec.RecordKeyCodec;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot read straight from SQLite files (no Kafka): order, keys, values, resume points, consistency. */
class SqliteSnapshotChangeEventSourceTest {
    private static final Topics TOPICS = new Topics("cutover.test");

    @TempDir
    Path dir;
    private Path file;
    private SqliteSource source;

    @BeforeEach
    void createDatabase() throws SQLException {
        file = dir.resolve("app.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL, data BLOB)");
            s.execute("CREATE TABLE pair (a TEXT, b INTEGER, note TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID");
            s.execute("CREATE TABLE loose (x, y)");
            for (int i = 1; i <= 25; i++) {
                s.execute("INSERT INTO item VALUES (" + i + ", 'item " + i + "', " + i + ".5, x'0" + (i % 10) + "')");
            }
            s.execute("INSERT INTO pair VALUES ('b', 2, 'b2'), ('a', 9, 'a9'), ('b', 1, 'b1'), ('a', 10, 'a10')");
            s.execute("INSERT INTO loose VALUES (1, 'one'), (NULL, 2.5), (CAST(x'61ff62' AS TEXT), 'bad utf8'), "
                    + "('real \uFFFD', 'genuine replacement char')");
        }
        source = new SqliteSource(file);
    }

    private static TablePlan table(String name, KeyPlan key, String... columns) {
        List<ColumnPlan> plans = new ArrayList<>();
        for (String column : columns) {
            plans.add(new ColumnPlan(column, column, "", "text", false, null, null, false, null, null, null));
        }
        return new TablePlan(name, name, key, plans, List.of(), List.of(), List.of(), 0, List.of());
    }

    private static KeyPlan pk(String... columns) {
        return new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of(columns), List.of(columns));
    }

    private final List<TablePlan> tables = List.of(
            table("item", pk("id"), "id", "name", "price", "data"),
            table("pair", pk("a", "b"), "a", "b", "note"),
            table("loose", new KeyPlan(KeyPlan.KeyKind.ROWID, List.of("rowid"), List.of(KeyPlan.ROWID_COLUMN)), "x", "y"));

    private SqliteSnapshotChangeEventSource snapshot(SqliteOffsetContext offset, int batch) {
        return new SqliteSnapshotChangeEventSource(source, tables, new ChangeRecords(source.id(), TOPICS), offset, batch);
    }

    private static List<SourceRecord> drain(SqliteSnapshotChangeEventSource snapshot) {
        List<SourceRecord> all = new ArrayList<>();
        while (!snapshot.done()) {
            all.addAll(snapshot.poll());
        }
        snapshot.close();
        return all;
    }

    private static ChangeEvent event(SourceRecord record) throws Exception {
        return ChangeEvent.fromByteBuffer(ByteBuffer.wrap((byte[]) record.value()));
    }

    private static List<ChangeEvent> events(List<SourceRecord> records) throws Exception {
        List<ChangeEvent> events = new ArrayList<>();
        for (SourceRecord record : records) {
            if (record.topic().equals(TOPICS.raw())) {
                events.add(event(record));
            }
        }
        return events;
    }

    @Test
    void shouldAnnounceTheCountsThenEveryRowThenCompletion() throws Exception {
        List<SourceRecord> records = drain(snapshot(SqliteOffsetContext.initial(1000, "delete"), 10));

        ControlEvent started = ControlEvent.fromByteBuffer(ByteBuffer.wrap((byte[]) records.get(0).value()));
        assertThat(started.getType()).isEqualTo(ControlType.SNAPSHOT_STARTED);
        assertThat(started.getTables()).extracting(t -> t.getTable() + "=" + t.getRows())
                .containsExactly("item=25", "pair=4", "loose=4");
        ControlEvent completed = ControlEvent.fromByteBuffer(ByteBuffer.wrap((byte[]) records.get(records.size() - 1).value()));
        assertThat(completed.getType()).isEqualTo(ControlType.SNAPSHOT_COMPLETED);
        assertThat(records.get(records.size() - 1).sourceOffset().get("phase")).isEqualTo("STREAMING");
        List<ChangeEvent> events = events(records);
        assertThat(events).hasSize(33).allSatisfy(e -> {
            assertThat(e.getOp()).isEqualTo(Operation.SNAPSHOT);
            assertThat(e.getSourceTimeMs()).isEqualTo(1000);
            assertThat(e.getSource()).isEqualTo("sqlite:" + file.toAbsolutePath());
        });
    }

    @Test
    void shouldCarryEveryStorageClassUnchanged() throws Exception {
        List<ChangeEvent> items = events(drain(snapshot(SqliteOffsetContext.initial(0, null), 100))).stream()
                .filter(e -> e.getTable().equals("item")).toList();

        ChangeEvent third = items.get(2);
        assertThat(third.getColumns()).containsExactly("id", "name", "price", "data");
        assertThat(third.getValues().subList(0, 3)).containsExactly(3L, "item 3", 3.5);
        assertThat(((ByteBuffer) third.getValues().get(3)).get(0)).isEqualTo((byte) 3);
        assertThat(third.getKeyColumns()).containsExactly("id");
        assertThat(third.getKey()).containsExactly(3L);
    }

    @Test
    void shouldReadWithoutRowidTablesInPrimaryKeyOrder() throws Exception {
        List<ChangeEvent> pairs = events(drain(snapshot(SqliteOffsetContext.initial(0, null), 2))).stream()
                .filter(e -> e.getTable().equals("pair")).toList();

        assertThat(pairs).extracting(e -> e.getKey().toString()).containsExactly("[a, 9]", "[a, 10]", "[b, 1]", "[b, 2]");
    }

    @Test
    void shouldKeyTablesWithoutPrimaryKeyByRowidAndKeepInvalidUtf8Apart() throws Exception {
        List<ChangeEvent> loose = events(drain(snapshot(SqliteOffsetContext.initial(0, null), 100))).stream()
                .filter(e -> e.getTable().equals("loose")).toList();

        assertThat(loose).extracting(e -> e.getKey().get(0)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(loose.get(1).getValues()).containsExactly(null, 2.5);
        assertThat(loose.get(2).getValues().get(0)).isInstanceOf(InvalidText.class);
        ByteBuffer raw = ((InvalidText) loose.get(2).getValues().get(0)).getBytes();
        assertThat(raw.remaining()).isEqualTo(3);
        assertThat(raw.get(1)).isEqualTo((byte) 0xff);
        assertThat(loose.get(3).getValues().get(0)).isEqualTo("real \uFFFD");
    }

    @Test
    void shouldResumeExactlyAfterTheOffsetOfAnyRecord() throws Exception {
        List<SourceRecord> first = drain(snapshot(SqliteOffsetContext.initial(0, null), 7));
        SourceRecord cut = first.stream().filter(r -> r.topic().equals(TOPICS.raw())).toList().get(27); // 3rd row of pair
        @SuppressWarnings("unchecked")
        SqliteOffsetContext offset = SqliteOffsetContext.fromMap((Map<String, Object>) cut.sourceOffset());

        List<ChangeEvent> resumed = events(drain(snapshot(offset, 7)));

        assertThat(offset.table()).isEqualTo("pair");
        assertThat(resumed).extracting(e -> e.getTable() + e.getKey()).containsExactly(
                "pair[b, 2]", "loose[1]", "loose[2]", "loose[3]", "loose[4]");
    }

    @Test
    void shouldReadOneConsistentSnapshotWhileTheApplicationWrites() throws Exception {
        source.ensureWal();
        SqliteSnapshotChangeEventSource snapshot = snapshot(SqliteOffsetContext.initial(0, null), 5);
        List<SourceRecord> records = new ArrayList<>(snapshot.poll());
        records.addAll(snapshot.poll());

        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = writer.createStatement()) {
            s.execute("PRAGMA busy_timeout = 1000");
            s.execute("INSERT INTO item VALUES (100, 'written during the snapshot', 1, NULL)");
            s.execute("DELETE FROM item WHERE id = 20");
            s.execute("INSERT INTO loose VALUES ('new', 'row')");
        }
        records.addAll(drain(snapshot));

        List<ChangeEvent> events = events(records);
        assertThat(events).hasSize(33);
        assertThat(events).extracting(e -> e.getTable() + e.getKey()).contains("item[20]").doesNotContain("item[100]", "loose[5]");
    }

    @Test
    void shouldFixItsHighWaterMarkInsideItsReadTransaction() throws Exception {
        Plan plan = new Plan(Plan.FORMAT_VERSION, source.id(), SchemaMode.GENERATE, "public", tables, List.of(),
                List.of(), List.of(), List.of(), List.of());
        String captureId = SqliteChangeLog.apply(source, plan).captureId();
        try (Sql app = new Sql(file)) {
            app.execute("UPDATE item SET name = 'before the snapshot' WHERE id = 1");
            SqliteSnapshotChangeEventSource snapshot = snapshot(SqliteOffsetContext.initial(0, "delete", captureId, null), 5);
            List<SourceRecord> records = new ArrayList<>(snapshot.poll());
            app.execute("UPDATE item SET name = 'during the snapshot' WHERE id = 2");
            records.addAll(drain(snapshot));

            assertThat(records.get(0).sourceOffset().get(SqliteOffsetContext.SEQ)).isEqualTo(1L);
            assertThat(records).allSatisfy(r -> assertThat(r.sourceOffset().get(SqliteOffsetContext.SEQ)).isEqualTo(1L));
            assertThat(records.get(records.size() - 1).sourceOffset().get("phase")).isEqualTo("STREAMING");
            assertThat(events(records).subList(0, 2)).extracting(e -> e.getValues().get(1))
                    .containsExactly("before the snapshot", "item 2");
        }
    }

    @Test
    void shouldSwitchAWritableDatabaseToWalAndReportTheModeItHad() throws Exception {
        String before = source.ensureWal();

        assertThat(before).isEqualToIgnoringCase("delete");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    private SqliteSnapshotChangeEventSource batchedSnapshot(SqliteOffsetContext offset, int batch, int partitions,
                                                            int maxBytes) {
        return new SqliteSnapshotChangeEventSource(source, tables,
                new ChangeRecords(source.id(), TOPICS, partitions, maxBytes), offset, batch);
    }

    private static List<ChangeEvent> batchedEvents(List<SourceRecord> records) {
        List<ChangeEvent> events = new ArrayList<>();
        for (SourceRecord record : records) {
            if (record.topic().equals(TOPICS.raw())) {
                events.addAll(ChangeEventCodec.decodeAll((byte[]) record.value()));
            }
        }
        return events;
    }

    @Test
    void shouldSendBatchesHoldingExactlyTheRowsSingleEventsWouldEachInThePartitionItsKeyChooses() throws Exception {
        List<ChangeEvent> single = events(drain(snapshot(SqliteOffsetContext.initial(1000, "delete"), 10)));

        List<SourceRecord> records = drain(batchedSnapshot(SqliteOffsetContext.initial(1000, "delete"), 10, 3, 1 << 20));

        List<SourceRecord> raw = records.stream().filter(r -> r.topic().equals(TOPICS.raw())).toList();
        assertThat(raw.size()).isLessThan(single.size());
        assertThat(batchedEvents(records)).extracting(e -> e.getTable() + e.getKey() + e.getValues())
                .containsExactlyInAnyOrderElementsOf(single.stream().map(e -> e.getTable() + e.getKey() + e.getValues()).toList());
        for (SourceRecord record : raw) {
            List<ChangeEvent> rows = ChangeEventCodec.decodeAll((byte[]) record.value());
            assertThat(record.headers().lastWithName("cutover.rows").value()).isEqualTo(rows.size());
            for (ChangeEvent row : rows) {
                byte[] key = RecordKeyCodec.encode(row.getTable(), row.getKey().stream()
                        .map(v -> v instanceof InvalidText t ? (Object) t.getBytes() : v).toList());
                assertThat(record.kafkaPartition()).as("partition of %s%s", row.getTable(), row.getKey())
                        .isEqualTo(Utils.toPositive(Utils.murmur2(key)) % 3);
            }
        }
    }

    @Test
    void shouldGiveOnlyThePollsLastBatchTheOffsetAfterThePollSoAnyCommittedPrefixResumesWithoutSkipping()
            throws Exception {
        SqliteSnapshotChangeEventSource snapshot = batchedSnapshot(SqliteOffsetContext.initial(0, null), 10, 4, 1 << 20);
        snapshot.poll();
        List<SourceRecord> firstPoll = snapshot.poll();
        List<SourceRecord> secondPoll = snapshot.poll();
        snapshot.close();

        assertThat(firstPoll).hasSizeGreaterThan(1);
        Object afterFirst = firstPoll.get(firstPoll.size() - 1).sourceOffset();
        assertThat(firstPoll.subList(0, firstPoll.size() - 1)).allSatisfy(r ->
                assertThat(SqliteOffsetContext.fromMap(cast(r.sourceOffset())).after()).isNull());
        assertThat(secondPoll.subList(0, secondPoll.size() - 1)).allSatisfy(r ->
                assertThat(r.sourceOffset()).isEqualTo(afterFirst));
        List<ChangeEvent> resumed = batchedEvents(drain(batchedSnapshot(
                SqliteOffsetContext.fromMap(cast(secondPoll.get(0).sourceOffset())), 10, 4, 1 << 20)));
        assertThat(resumed).extracting(e -> e.getTable() + e.getKey()).contains("item[11]", "item[25]", "pair[a, 9]")
                .doesNotContain("item[10]");
    }

    @Test
    void shouldSendARowBiggerThanAQuarterOfTheBatchSizeAloneAndSplitBatchesAtTheSize() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("UPDATE item SET data = zeroblob(3000) WHERE id = 5");
        }

        List<SourceRecord> records = drain(batchedSnapshot(SqliteOffsetContext.initial(0, null), 100, 1, 8192));

        List<SourceRecord> raw = records.stream().filter(r -> r.topic().equals(TOPICS.raw())).toList();
        SourceRecord big = raw.stream().filter(r -> !ChangeEventCodec.isBatch((byte[]) r.value())).findFirst().orElseThrow();
        assertThat(ChangeEventCodec.decodeAll((byte[]) big.value())).singleElement()
                .satisfies(e -> assertThat(e.getKey()).containsExactly(5L));
        assertThat(raw).allSatisfy(r -> assertThat(((byte[]) r.value()).length).isLessThan(8192 + 2048));
        assertThat(batchedEvents(records)).hasSize(33);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<String, ?> offset) {
        return (Map<String, Object>) offset;
    }
}
