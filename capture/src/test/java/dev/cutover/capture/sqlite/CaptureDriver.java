package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.TablePlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Runs the real {@link SqliteConnectorTask} against a real SQLite file, with a fake Connect context standing in for
 * the engine: {@link #poll()} is the engine's poll, {@link #commit()} its offset flush (the offset of the last polled
 * record becomes the committed one, then the task's {@code commit()} runs). Every emitted change is applied to an
 * in-memory replica (key to row; DELETE removes), which is what a sink would hold; {@link #assertConverged()} compares
 * it with the source tables.
 */
final class CaptureDriver implements AutoCloseable {
    static final Topics TOPICS = new Topics("cutover.test");

    private final Path file;
    private final Map<String, String> properties = new HashMap<>();
    private final Plan plan;
    private final Map<String, Map<String, Map<String, Object>>> replica = new TreeMap<>();
    private final List<ChangeEvent> events = new ArrayList<>();
    private Map<String, Object> committed;
    private Map<String, ?> lastOffset;
    private SqliteConnectorTask task;
    private boolean snapshotCompleted;

    private CaptureDriver(Path file, Path dir, Map<String, String> settings) {
        this.file = file;
        this.plan = SqlitePlanner.plan(file, null);
        Path planFile = dir.resolve("plan-" + file.getFileName() + ".json");
        PlanJson.write(plan, planFile);
        properties.put(SqliteConnectorConfig.PATH, file.toString());
        properties.put(SqliteConnectorConfig.PLAN_PATH, planFile.toString());
        properties.put(SqliteConnectorConfig.TOPIC_PREFIX, TOPICS.prefix());
        properties.put(SqliteConnectorConfig.BATCH_ROWS, "3");
        properties.put(SqliteConnectorConfig.POLL_INTERVAL_MS, "1");
        properties.put(SqliteConnectorConfig.PRUNE_INTERVAL_MS, "0");
        properties.putAll(settings);
    }

    /** Plans {@code file} and starts capturing it (which installs the change log). */
    static CaptureDriver start(Path file, Path dir) {
        return start(file, dir, Map.of());
    }

    static CaptureDriver start(Path file, Path dir, Map<String, String> settings) {
        CaptureDriver driver = new CaptureDriver(file, dir, settings);
        driver.startTask();
        return driver;
    }

    private void startTask() {
        task = new SqliteConnectorTask();
        task.initialize(new FakeContext());
        task.start(properties);
    }

    Plan plan() {
        return plan;
    }

    SqliteSource source() {
        return new SqliteSource(file);
    }

    /** One engine poll; its records are applied to the replica. Empty when the task had nothing. */
    List<SourceRecord> poll() {
        List<SourceRecord> records;
        try {
            records = task.poll();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (records == null) {
            return List.of();
        }
        for (SourceRecord record : records) {
            apply(record);
            lastOffset = record.sourceOffset();
        }
        return records;
    }

    /** Polls until the snapshot is complete and the change log has nothing more; returns the records. */
    List<SourceRecord> drain() {
        List<SourceRecord> all = new ArrayList<>();
        for (int idle = 0; idle < 2; ) {
            List<SourceRecord> records = poll();
            all.addAll(records);
            idle = records.isEmpty() && snapshotCompleted ? idle + 1 : 0;
        }
        return all;
    }

    /** The engine flushed the offsets of everything polled so far; then it calls the task's commit(). */
    void commit() {
        if (lastOffset != null) {
            committed = new HashMap<>(lastOffset);
        }
        task.commit();
    }

    /** Commits a given record's offset, as if the engine had flushed only up to it. */
    void commitUpTo(SourceRecord record) {
        committed = new HashMap<>(record.sourceOffset());
        task.commit();
    }

    Map<String, Object> committed() {
        return committed;
    }

    /**
     * The process dies and starts again: what Kafka already has stays in the replica, capture resumes from the
     * committed offset (records polled after it are emitted again).
     */
    void restart() {
        task.stop();
        lastOffset = committed;
        snapshotCompleted = false;
        startTask();
    }

    List<ChangeEvent> events() {
        return events;
    }

    private void apply(SourceRecord record) {
        try {
            if (record.topic().equals(TOPICS.control())) {
                ControlEvent control = ControlEvent.fromByteBuffer(ByteBuffer.wrap((byte[]) record.value()));
                snapshotCompleted |= control.getType() == ControlType.SNAPSHOT_COMPLETED;
                return;
            }
            ChangeEvent event = ChangeEvent.fromByteBuffer(ByteBuffer.wrap((byte[]) record.value()));
            events.add(event);
            Map<String, Map<String, Object>> rows = replica.computeIfAbsent(event.getTable(), t -> new TreeMap<>());
            String key = KeyCodec.encode(new ArrayList<>(event.getKey()));
            if (event.getOp() == Operation.DELETE) {
                rows.remove(key);
            } else {
                rows.put(key, row(event.getColumns(), event.getValues()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> row(List<String> columns, List<Object> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), values.get(i));
        }
        return row;
    }

    /** The source's tables now, keyed and valued like the replica. */
    Map<String, Map<String, Map<String, Object>>> sourceTables() {
        Map<String, Map<String, Map<String, Object>>> tables = new TreeMap<>();
        try (Connection connection = source().open(true)) {
            connection.setAutoCommit(false);
            for (TablePlan table : plan.tables()) {
                Map<String, Map<String, Object>> rows = new TreeMap<>();
                try (SqliteTableReader reader = new SqliteTableReader(connection, table, null, 0)) {
                    List<RowEvent> read = new ArrayList<>();
                    while (reader.read(1000, read)) {
                        // keep reading
                    }
                    for (RowEvent event : read) {
                        rows.put(KeyCodec.encode(event.key()), row(event.columns(), event.values()));
                    }
                }
                if (!rows.isEmpty()) {
                    tables.put(table.source(), rows);
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }

    Map<String, Map<String, Map<String, Object>>> replica() {
        Map<String, Map<String, Map<String, Object>>> nonEmpty = new TreeMap<>();
        replica.forEach((table, rows) -> {
            if (!rows.isEmpty()) {
                nonEmpty.put(table, rows);
            }
        });
        return nonEmpty;
    }

    /** Drains capture, then the replica must equal the source, table by table and row by row. */
    void assertConverged() {
        drain();
        assertThat(replica()).isEqualTo(sourceTables());
    }

    @Override
    public void close() {
        task.stop();
    }

    private final class FakeContext implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return properties;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return committed == null ? null : new HashMap<>(committed);
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> all = new HashMap<>();
                    partitions.forEach(p -> all.put(p, offset(p)));
                    return all;
                }
            };
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
