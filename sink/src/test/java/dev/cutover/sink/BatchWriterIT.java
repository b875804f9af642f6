package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink's batch writer against a real PostgreSQL: COPY, idempotent replay, bad-row isolation, reduction. */
class BatchWriterIT {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger OFFSETS = new AtomicInteger();

    private final TablePlan table = new TablePlan("item", "Item", new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY,
            List.of("id"), List.of("id")),
            List.of(column("id", "bigint"), column("name", "text"), column("price", "numeric(10,2)"),
                    column("data", "bytea")), List.of(), List.of(), List.of(), 0, List.of());
    private BatchWriter writer;

    private static ColumnPlan column(String name, String type) {
        return new ColumnPlan(name, name, type, type, false, null, null, false, null, null, null);
    }

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS \"Item\"");
            s.execute("CREATE TABLE \"Item\" (id bigint PRIMARY KEY, name text, price numeric(10,2), data bytea)");
        }
        writer = new BatchWriter(Map.of("Item", new TableStatements("public", table)));
    }

    private static Connection connection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    private static SinkRecord record(RowOperation op, long id, String name, String price, byte[] data) {
        List<Object> values = op == RowOperation.DELETE ? List.of()
                : Arrays.asList(Long.toString(id), name, price, data == null ? null : ByteBuffer.wrap(data));
        List<String> columns = op == RowOperation.DELETE ? List.of() : List.of("id", "name", "price", "data");
        RowChange row = RowChange.newBuilder().setSource("sqlite:/t.db").setSourceTable("item").setTable("Item").setOp(op)
                .setKeyColumns(List.of("id")).setKey(List.of(Long.toString(id))).setSourceKey("{\"id\":" + id + "}")
                .setColumns(columns).setValues(values).setSourceTimeMs(1).setCaptureTimeMs(2).build();
        return new SinkRecord("rows/0/" + OFFSETS.incrementAndGet(), ByteBuffer.wrap(("Item/" + id).getBytes(StandardCharsets.UTF_8)), row);
    }

    private BatchResult apply(List<SinkRecord> records) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            BatchResult result = writer.apply(c, records);
            c.commit();
            return result;
        }
    }

    private static Map<Long, List<Object>> rows() throws SQLException {
        Map<Long, List<Object>> rows = new LinkedHashMap<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, price::text, data FROM \"Item\" ORDER BY id")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), Arrays.asList(rs.getString(2), rs.getString(3), rs.getBytes(4)));
            }
        }
        return rows;
    }

    private static List<SinkRecord> loads(int from, int to, String suffix) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(record(RowOperation.LOAD, i, "name " + i + suffix, i + ".50", new byte[] {(byte) i}));
        }
        return records;
    }

    @Test
    void shouldLoadSnapshotRowsWithCopy() throws SQLException {
        BatchResult result = apply(loads(0, 1000, ""));

        assertThat(result.written().get("Item")[0]).isEqualTo(1000);
        assertThat(result.deadLetters()).isEmpty();
        Map<Long, List<Object>> rows = rows();
        assertThat(rows).hasSize(1000);
        assertThat(rows.get(7L)).containsExactly("name 7", "7.50", new byte[] {7});
    }

    @Test
    void shouldTurnAReplayedLoadIntoUpsertsWithoutDuplicates() throws SQLException {
        apply(loads(0, 100, ""));

        BatchResult replay = apply(loads(50, 150, " again"));

        assertThat(replay.deadLetters()).isEmpty();
        assertNames(150, Map.of(10L, "name 10", 60L, "name 60 again", 149L, "name 149 again"));
    }

    @Test
    void shouldKeepTheLastCopyOfARowLoadedTwiceInOneBatch() throws SQLException {
        List<SinkRecord> batch = loads(0, 10, "");
        batch.addAll(loads(5, 8, " again"));
        batch.addAll(loads(6, 7, " third"));

        BatchResult result = apply(batch);

        assertThat(result.deadLetters()).isEmpty();
        assertNames(10, Map.of(4L, "name 4", 5L, "name 5 again", 6L, "name 6 third", 7L, "name 7 again"));
    }

    /** The table holds {@code size} rows, and these ids have these names. */
    private void assertNames(int size, Map<Long, String> names) throws SQLException {
        Map<Long, List<Object>> rows = rows();
        assertThat(rows).hasSize(size);
        names.forEach((id, name) -> assertThat(rows.get(id).get(0)).as("name of %d", id).isEqualTo(name));
    }

    @Test
    void shouldSetAsideOnlyTheRowsPostgresqlRefuses() throws SQLException {
        List<SinkRecord> batch = loads(0, 10, "");
        batch.set(4, record(RowOperation.LOAD, 4, "bad price", "12345678901.00", null));

        BatchResult result = apply(batch);

        assertThat(rows()).hasSize(9).doesNotContainKey(4L);
        assertThat(result.deadLetters()).hasSize(1);
        DeadLetter letter = result.deadLetters().get(0);
        assertThat(letter.getStage()).isEqualTo("sink");
        assertThat(letter.getTable()).isEqualTo("item");
        assertThat(letter.getKey()).isEqualTo("{\"id\":4}");
        assertThat(letter.getRow()).contains("12345678901.00");
        assertThat(letter.getReason()).contains("numeric field overflow").contains("22003");
        assertThat(letter.getId()).isEqualTo(batch.get(4).id());
    }

    @Test
    void shouldApplyOnlyTheLastChangeOfARowInABatch() throws SQLException {
        apply(loads(0, 3, ""));

        apply(List.of(
                record(RowOperation.UPSERT, 1, "first", "1.00", null),
                record(RowOperation.UPSERT, 1, "second", "2.00", null),
                record(RowOperation.UPSERT, 2, "gone soon", "2.00", null),
                record(RowOperation.DELETE, 2, null, null, null),
                record(RowOperation.DELETE, 99, null, null, null),
                record(RowOperation.DELETE, 0, null, null, null),
                record(RowOperation.UPSERT, 0, "back", "0.01", null)));

        Map<Long, List<Object>> rows = rows();
        assertThat(rows.keySet()).containsExactly(0L, 1L);
        assertThat(rows.get(0L).get(0)).isEqualTo("back");
        assertThat(rows.get(1L)).containsExactly("second", "2.00", null);
    }
}
