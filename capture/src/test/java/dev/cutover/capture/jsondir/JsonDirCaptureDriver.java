package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.jsondir.DocumentFileReader.Document;
import dev.cutover.capture.jsondir.DocumentFileReader.Status;
import dev.cutover.capture.jsondir.JsonDirectory.Entry;
import dev.cutover.capture.jsondir.JsonDirectory.Layout;
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
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Runs the real {@link JsonDirConnectorTask} over a real directory, with a fake Connect context standing in for the
 * engine: {@link #poll()} is the engine's poll, {@link #commit()} its offset flush (the offset of the last polled record
 * becomes the committed one, then the task's {@code commit()} runs). Every emitted change is applied to an in-memory
 * replica (collection to key to document; DELETE removes), which is what a sink would hold; {@link #assertConverged()}
 * compares it with the documents the directory holds, read file by file without capture's index.
 */
final class JsonDirCaptureDriver implements AutoCloseable {
    static final Topics TOPICS = new Topics("cutover.test");
    static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final long DRAIN_TIMEOUT_MS = 30_000;

    private final Path root;
    private final Plan plan;
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, Map<String, String>> replica = new TreeMap<>();
    private final List<ChangeEvent> events = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private final List<ControlEvent> controls = new ArrayList<>();
    private Map<String, Object> committed;
    private Map<String, ?> lastOffset;
    private JsonDirConnectorTask task;
    private boolean snapshotCompleted;
    private long acknowledgedSeq = -1;

    private JsonDirCaptureDriver(Path root, Path work, Plan plan, Map<String, String> settings) {
        this.root = root;
        this.plan = plan;
        Path planFile = work.resolve("plan.json");
        PlanJson.write(plan, planFile);
        properties.put(JsonDirConnectorConfig.PATH, root.toString());
        properties.put(JsonDirConnectorConfig.PLAN_PATH, planFile.toString());
        properties.put(JsonDirConnectorConfig.INDEX_PATH, work.resolve("jsondir-index.db").toString());
        properties.put(JsonDirConnectorConfig.TOPIC_PREFIX, TOPICS.prefix());
        properties.put(JsonDirConnectorConfig.BATCH_ROWS, "3");
        properties.put(JsonDirConnectorConfig.SCAN_INTERVAL_MS, "5");
        properties.put(JsonDirConnectorConfig.SETTLE_MS, "0");
        properties.put(JsonDirConnectorConfig.MTIME_MARGIN_MS, "30");
        properties.putAll(settings);
    }

    /** Starts capturing {@code root} with a plan of these collections, each keyed by the given source key columns. */
    static JsonDirCaptureDriver start(Path root, Path work, Map<String, List<String>> collections) {
        return start(root, work, collections, Map.of());
    }

    static JsonDirCaptureDriver start(Path root, Path work, Map<String, List<String>> collections,
                                      Map<String, String> settings) {
        return start(root, work, plan(root, collections), settings);
    }

    /** Starts capturing {@code root} with a given plan (e.g. the document planner's). */
    static JsonDirCaptureDriver start(Path root, Path work, Plan plan, Map<String, String> settings) {
        JsonDirCaptureDriver driver = new JsonDirCaptureDriver(root, work, plan, settings);
        driver.startTask();
        return driver;
    }

    /** A document plan as the planner writes it: one main table per collection, keyed by its source key columns. */
    static Plan plan(Path root, Map<String, List<String>> collections) {
        List<TablePlan> tables = new ArrayList<>();
        collections.forEach((collection, key) -> {
            List<String> targets = key.stream().map(c -> c.replace("$", "_").replace(".", "_")).toList();
            List<ColumnPlan> columns = new ArrayList<>();
            for (String target : targets) {
                columns.add(new ColumnPlan(target, target, "", "text", true, null, null, false, null, null, null));
            }
            columns.add(new ColumnPlan(DocumentPlan.EXTRA_COLUMN, DocumentPlan.EXTRA_COLUMN, "", "jsonb", false, null,
                    null, false, null, null, null));
            tables.add(new TablePlan(collection, collection, new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, key, targets),
                    columns, List.of(), List.of(), List.of(), 0, List.of(),
                    DocumentPlan.main(collection, DocumentPlan.EXTRA_COLUMN, List.of())));
        });
        return new Plan(Plan.FORMAT_VERSION, JsonDirectory.sourceId(root), SchemaMode.GENERATE, "public", tables,
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private void startTask() {
        task = new JsonDirConnectorTask();
        task.initialize(new FakeContext());
        task.start(properties);
    }

    Plan plan() {
        return plan;
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

    /**
     * Polls until the snapshot is complete and capture has reached the directory's position (every change made before
     * this call is in the replica), then once more; returns the records.
     */
    List<SourceRecord> drain() {
        long position = new JsonDirectory(root).list().newestMs();
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
     * The process dies (kill -9) and starts again: what Kafka already has stays in the replica, capture resumes from the
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

    List<ChangeEvent> events(Operation op) {
        return events.stream().filter(e -> e.getOp() == op).toList();
    }

    List<DeadLetter> letters() {
        return letters;
    }

    List<ControlEvent> controls() {
        return controls;
    }

    private void apply(SourceRecord record) {
        try {
            Object seq = record.sourceOffset().get(JsonDirOffsetContext.SEQ);
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
        return key(bytes(bson));
    }

    static String key(byte[] bson) {
        return new RawBsonDocument(bson).toJson(CANONICAL);
    }

    static String json(ByteBuffer bson) {
        return json(bytes(bson));
    }

    static String json(byte[] bson) {
        return new RawBsonDocument(bson).toJson(RELAXED);
    }

    /** The replica: collection to key (canonical Extended JSON) to document (relaxed Extended JSON), empty ones left out. */
    Map<String, Map<String, String>> replica() {
        Map<String, Map<String, String>> nonEmpty = new TreeMap<>();
        replica.forEach((collection, documents) -> {
            if (!documents.isEmpty()) {
                nonEmpty.put(collection, documents);
            }
        });
        return nonEmpty;
    }

    /**
     * The planned collections' documents as the directory holds them now, read file by file: documents that cannot be
     * read are left out, and of two with one key the one first in path and file order counts.
     */
    Map<String, Map<String, String>> directory() {
        Map<String, DocumentKeyEncoder> keys = CaptureContext.collections(plan);
        Map<String, Map<String, String>> documents = new TreeMap<>();
        for (Entry file : new JsonDirectory(root).list().files()) {
            DocumentKeyEncoder key = keys.get(file.collection());
            if (key == null) {
                continue;
            }
            try (DocumentFileReader reader = DocumentFileReader.open(root, file, 0, 1, 64 << 20)) {
                for (Document document = reader.next(); document != null; document = reader.next()) {
                    if (document.status() == Status.READ) {
                        byte[] bytes = key.of(document.bson(), file.layout() == Layout.FOLDER ? file.stem() : null);
                        if (bytes != null) {
                            documents.computeIfAbsent(file.collection(), c -> new TreeMap<>())
                                    .putIfAbsent(key(bytes), json(document.bson()));
                        }
                    }
                }
            }
        }
        return documents;
    }

    /** Drains capture, then the replica must equal the directory's documents, collection by collection. */
    void assertConverged() {
        drain();
        assertThat(replica()).isEqualTo(directory());
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
