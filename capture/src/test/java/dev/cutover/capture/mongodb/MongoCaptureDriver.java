package dev.cutover.capture.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlEvent;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.Sources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Runs the real {@link MongoDbConnectorTask} against a MongoDB server, with a fake Connect context standing in for the
 * engine: {@link #poll()} is the engine's poll, {@link #commit()} its offset flush (the offset of the last polled record
 * becomes the committed one). Every emitted change is applied to an in-memory replica (collection to key to document;
 * DELETE removes), which is what a sink would hold; {@link #assertConverged()} compares it with what the server holds.
 */
final class MongoCaptureDriver implements AutoCloseable {
    static final Topics TOPICS = new Topics("cutover.test");
    static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final long DRAIN_TIMEOUT_MS = 60_000;

    private final String uri;
    private final String database;
    private final List<String> collections;
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, Map<String, String>> replica = new TreeMap<>();
    private final List<ChangeEvent> events = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private final List<ControlEvent> controls = new ArrayList<>();
    private Map<String, Object> committed;
    private Map<String, ?> lastOffset;
    private MongoDbConnectorTask task;
    private boolean snapshotCompleted;
    private long acknowledgedSeq = -1;

    private MongoCaptureDriver(String uri, Path work, List<String> collections, Map<String, String> settings) {
        MongoEndpoint endpoint = MongoEndpoint.parse(uri);
        this.uri = uri;
        this.database = endpoint.database();
        this.collections = collections;
        Path planFile = work.resolve("plan.json");
        PlanJson.write(plan(endpoint.id(), collections), planFile);
        properties.putAll(new MongoDbSource(endpoint).connector(new dev.cutover.schemas.source.CaptureSettings(
                planFile, TOPICS.prefix(), 3, 0, 1 << 20)).properties());
        properties.put(MongoDbConnectorConfig.POLL_INTERVAL_MS, "5");
        properties.put(MongoDbConnectorConfig.SERVER_SELECTION_TIMEOUT_MS, "2000");
        properties.putAll(settings);
    }

    static MongoCaptureDriver start(String uri, Path work, List<String> collections) {
        return start(uri, work, collections, Map.of());
    }

    static MongoCaptureDriver start(String uri, Path work, List<String> collections, Map<String, String> settings) {
        MongoCaptureDriver driver = new MongoCaptureDriver(uri, work, collections, settings);
        driver.startTask();
        return driver;
    }

    /** A document plan as the planner writes it: one main table per collection, keyed by _id. */
    static Plan plan(String sourceId, List<String> collections) {
        List<TablePlan> tables = new ArrayList<>();
        for (String collection : collections) {
            List<ColumnPlan> columns = List.of(
                    new ColumnPlan("_id", "_id", "", "text", true, null, null, false, null, null, null),
                    new ColumnPlan(DocumentPlan.EXTRA_COLUMN, DocumentPlan.EXTRA_COLUMN, "", "jsonb", false, null,
                            null, false, null, null, null));
            tables.add(new TablePlan(collection, collection, new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, List.of("_id"),
                    List.of("_id")), columns, List.of(), List.of(), List.of(), 0, List.of(),
                    DocumentPlan.main(collection, DocumentPlan.EXTRA_COLUMN, List.of())));
        }
        return new Plan(Plan.FORMAT_VERSION, sourceId, SchemaMode.GENERATE, "public", tables,
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private void startTask() {
        task = new MongoDbConnectorTask();
        task.initialize(new FakeContext());
        task.start(properties);
    }

    Map<String, String> properties() {
        return properties;
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

    /** Polls until the snapshot is complete and capture has reached the server's position now, then a little more. */
    List<SourceRecord> drain() {
        long position = new MongoDbSource(MongoEndpoint.parse(uri)).capture().position();
        long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        List<SourceRecord> all = new ArrayList<>();
        int idle = 0;
        while (idle < 3) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("capture did not reach position " + position + " (at " + acknowledgedSeq
                        + ") within " + DRAIN_TIMEOUT_MS + " ms");
            }
            List<SourceRecord> records = poll();
            all.addAll(records);
            boolean caughtUp = snapshotCompleted && acknowledgedSeq >= position;
            idle = records.isEmpty() && caughtUp ? idle + 1 : 0;
        }
        return all;
    }

    /** Polls until the snapshot is complete. */
    void drainSnapshot() {
        long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        while (!snapshotCompleted) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the snapshot did not complete within " + DRAIN_TIMEOUT_MS + " ms");
            }
            poll();
        }
    }

    /** The engine flushed the offsets of everything polled so far. */
    void commit() {
        if (lastOffset != null) {
            committed = new HashMap<>(lastOffset);
        }
        try {
            task.commit();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> committedOffset() {
        return committed;
    }

    /** Stores an offset as if capture had committed it. */
    void commitOffset(Map<String, Object> offset) {
        committed = new HashMap<>(offset);
    }

    /**
     * The process dies (kill -9) and starts again: what Kafka already has stays in the replica, capture resumes from the
     * committed offset (records polled after it are emitted again).
     */
    void restart() {
        restart(Map.of());
    }

    /** A restart with other settings (e.g. run --resnapshot). */
    void restart(Map<String, String> settings) {
        task.stop();
        lastOffset = committed;
        snapshotCompleted = false;
        properties.remove(MongoDbConnectorConfig.RESNAPSHOT);
        properties.putAll(settings);
        startTask();
    }

    List<ChangeEvent> events() {
        return events;
    }

    List<ChangeEvent> events(Operation op) {
        return events.stream().filter(e -> e.getOp() == op).toList();
    }

    List<DeadLetter> letters() {
        return letters;
    }

    List<ControlEvent> controls() {
        return controls;
    }

    long acknowledgedSeq() {
        return acknowledgedSeq;
    }

    private void apply(SourceRecord record) {
        try {
            Object seq = record.sourceOffset().get(MongoDbOffsetContext.SEQ);
            if (seq instanceof Number n) {
                acknowledgedSeq = Math.max(acknowledgedSeq, n.longValue());
            }
            byte[] value = (byte[]) record.value();
            if (record.topic().equals(TOPICS.control())) {
                ControlEvent control = ControlEvent.fromByteBuffer(ByteBuffer.wrap(value));
                controls.add(control);
                snapshotCompleted |= control.getType() == ControlType.SNAPSHOT_COMPLETED;
            } else if (record.topic().equals(TOPICS.deadLetters())) {
                letters.add(DeadLetter.fromByteBuffer(ByteBuffer.wrap(value)));
            } else {
                ChangeEventCodec.decodeAll(value).forEach(this::apply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(ChangeEvent event) {
        events.add(event);
        Map<String, String> documents = replica.computeIfAbsent(event.getTable(), t -> new TreeMap<>());
        String key = key((ByteBuffer) event.getKey().get(0));
        if (event.getOp() == Operation.DELETE) {
            documents.remove(key);
        } else {
            documents.put(key, json(((dev.cutover.schemas.avro.Document) event.getValues().get(0)).getBson()));
        }
    }

    static byte[] bytes(ByteBuffer bson) {
        byte[] bytes = new byte[bson.remaining()];
        bson.duplicate().get(bytes);
        return bytes;
    }

    /** A key as the replica names it: canonical Extended JSON, so that 1 and NumberLong(1) differ. */
    static String key(ByteBuffer bson) {
        return new RawBsonDocument(bytes(bson)).toJson(CANONICAL);
    }

    static String json(ByteBuffer bson) {
        return new RawBsonDocument(bytes(bson)).toJson(RELAXED);
    }

    /** The replica: collection to key to document, empty collections left out. */
    Map<String, Map<String, String>> replica() {
        Map<String, Map<String, String>> nonEmpty = new TreeMap<>();
        replica.forEach((collection, documents) -> {
            if (!documents.isEmpty()) {
                nonEmpty.put(collection, documents);
            }
        });
        return nonEmpty;
    }

    /** The captured collections as the server holds them now. */
    Map<String, Map<String, String>> server(MongoDatabase db) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        for (String collection : collections) {
            for (BsonDocument document : db.getCollection(collection, BsonDocument.class).find()) {
                all.computeIfAbsent(collection, c -> new TreeMap<>()).put(
                        new BsonDocument("_id", document.get("_id")).toJson(CANONICAL), document.toJson(RELAXED));
            }
        }
        return all;
    }

    /** Drains capture, then the replica must equal the server's documents, collection by collection. */
    void assertConverged(TestMongoServer server) {
        assertConverged(server.database(database));
    }

    void assertConverged(MongoDatabase db) {
        drain();
        assertThat(replica()).isEqualTo(server(db));
    }

    @Override
    public void close() {
        task.stop();
    }

    /** The password never appears in the properties the engine logs (all but the password property). */
    boolean leaksPassword(String password) {
        return properties.entrySet().stream().anyMatch(e -> !e.getKey().equals(MongoDbConnectorConfig.PASSWORD)
                && e.getValue().contains(password)) || Sources.mask(uri).contains(password);
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
                    Map<Map<String, T>, Map<String, Object>> all = new LinkedHashMap<>();
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
