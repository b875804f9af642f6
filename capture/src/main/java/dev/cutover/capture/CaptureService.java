package dev.cutover.capture;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ControlEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.ControlType;
import dev.cutover.schemas.source.ConnectorSpec;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.engine.spi.OffsetCommitPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The capture stage: runs a source's connector ({@link ConnectorSpec}) in Debezium's embedded engine and forwards its
 * records to Kafka.
 * A batch is marked processed only after Kafka acknowledged every record in it, so the source offsets the engine
 * commits never run ahead of what Kafka holds: after a crash capture resumes at or before the last record Kafka has.
 *
 * <p>When offsets are committed ({@link CommitPolicy}): a batch of snapshot rows at most once a
 * {@link #SNAPSHOT_COMMIT_INTERVAL} (a resumed snapshot goes on from the last committed key, so a crash re-reads at
 * most that much); every other batch (the snapshot's start and end, live changes) before the next poll. The engine
 * only commits when a batch ends, so a position left for the next batch would stay uncommitted for as long as the
 * source is quiet: a run killed then would read its whole snapshot again, and once the application writes to
 * PostgreSQL that re-read sends the source's older rows over newer ones.
 */
public final class CaptureService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureService.class);
    /** Room for Kafka's record and batch headers within the message limit. */
    static final int RECORD_OVERHEAD = 4096;
    /** How long the offset store's consumer waits for new offsets in one fetch (see engineProperties). */
    private static final int OFFSETS_FETCH_WAIT_MS = 50;
    private static final long GRACE_MS = 10_000;
    static final Duration SNAPSHOT_COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** The header a snapshot batch counts its rows in (a connector's batch record says how many rows it carries). */
    private static final String ROWS_HEADER = "cutover.rows";

    private final CaptureConfig config;
    private final ConnectorSpec connector;
    private final CaptureListener listener;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CommitPolicy commits = new CommitPolicy();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "cutover-capture"));
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

    /** @param connector the source's connector, told {@link CaptureConfig#connectorSettings()} */
    public CaptureService(CaptureConfig config, ConnectorSpec connector, CaptureListener listener) {
        this.config = config;
        this.connector = connector;
        this.listener = listener;
        this.producer = new KafkaProducer<>(producerProperties(config));
    }

    private static Properties producerProperties(CaptureConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.topics().prefix() + ".capture");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxMessageBytes());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(64L << 20, 2L * config.maxMessageBytes()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private Properties engineProperties() {
        Properties p = new Properties();
        p.put("name", config.topics().prefix() + ".capture");
        p.putAll(connector.properties());
        p.put("connector.class", connector.connectorClass());
        p.put("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.put("offset.storage.topic", config.topics().captureOffsets());
        p.put("offset.storage.partitions", "1");
        p.put("offset.storage.replication.factor", Short.toString(config.offsetsReplication()));
        p.put("offset.flush.timeout.ms", "30000");
        p.put("bootstrap.servers", config.bootstrapServers());
        // The offset store's consumer long-polls the offsets topic; closing it waits for the poll in flight, so with
        // Kafka's default (500 ms) every stop of capture took half a second.
        p.put("fetch.max.wait.ms", Integer.toString(OFFSETS_FETCH_WAIT_MS));
        return p;
    }

    /** Starts capture on its own thread; progress and failure arrive through the listener. */
    public void start() {
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineProperties())
                .notifying(this::forward)
                .using(commits)
                .using((success, message, error) -> {
                    if (!success) {
                        LOG.error("capture stopped: {}", message, error);
                        listener.failed(error != null ? error : new IllegalStateException(message));
                    }
                })
                .build();
        thread.execute(engine);
    }

    private void forward(List<RecordChangeEvent<SourceRecord>> batch,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        int rows = 0;
        for (RecordChangeEvent<SourceRecord> event : batch) {
            SourceRecord record = event.record();
            byte[] key = (byte[]) record.key();
            byte[] value = (byte[]) record.value();
            ProducerRecord<byte[], byte[]> out = key.length + value.length > config.maxMessageBytes() - RECORD_OVERHEAD
                    ? tooLarge(key, value)
                    : new ProducerRecord<>(record.topic(), record.kafkaPartition(), record.timestamp(), key, value);
            sent.add(producer.send(out));
            rows += rows(record);
        }
        producer.flush();
        awaitAcknowledged(sent);
        for (RecordChangeEvent<SourceRecord> event : batch) {
            committer.markProcessed(event);
        }
        if (!onlySnapshotRows(batch)) {
            commits.commitNow();
        }
        committer.markBatchFinished();
        listener.forwarded(rows);
        reportPosition(batch);
        announce(batch);
    }

    /** Rows a record carries: a snapshot batch says how many in a header, any other record is one. */
    private static int rows(SourceRecord record) {
        Header header = record.headers().lastWithName(ROWS_HEADER);
        return header != null && header.value() instanceof Integer n ? n : 1;
    }

    private static boolean onlySnapshotRows(List<RecordChangeEvent<SourceRecord>> batch) {
        for (RecordChangeEvent<SourceRecord> event : batch) {
            if (event.record().headers().lastWithName(ROWS_HEADER) == null) {
                return false;
            }
        }
        return true;
    }

    /** A row bigger than Kafka carries goes to the error log instead, with its key and size, not its value. */
    private ProducerRecord<byte[], byte[]> tooLarge(byte[] key, byte[] value) {
        ChangeEvent event = decodeChange(value);
        String id = config.topics().raw() + "/oversize/" + event.getTable() + "/" + KeyJson.of(event.getKeyColumns(), event.getKey());
        DeadLetter letter = DeadLetter.newBuilder()
                .setId(id)
                .setStage("capture")
                .setSource(event.getSource())
                .setTable(event.getTable())
                .setKey(KeyJson.of(event.getKeyColumns(), event.getKey()))
                .setReason(String.format("the row is %.1f MiB, more than the %d MiB Kafka carries; rerun with a larger "
                        + "--max-message-mb (the broker's message.max.bytes must allow it too)",
                        value.length / 1048576.0, config.maxMessageBytes() >> 20))
                .setTimeMs(System.currentTimeMillis())
                .build();
        try (MDC.MDCCloseable table = MDC.putCloseable("table", event.getTable())) {
            LOG.warn("capture: row {} of {} is {} bytes, above the message limit; sent to the error log",
                    letter.getKey(), event.getTable(), value.length);
        }
        try {
            ByteBuffer buffer = letter.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return new ProducerRecord<>(config.topics().deadLetters(), key, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a dead letter", e);
        }
    }

    private static ChangeEvent decodeChange(byte[] bytes) {
        try {
            return ChangeEvent.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("capture emitted an unreadable change event", e);
        }
    }

    private static void awaitAcknowledged(List<Future<RecordMetadata>> sent) throws InterruptedException {
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new KafkaWriteException("Kafka did not accept a captured record: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
    }

    /** The change-log sequence Kafka now holds everything up to (the source offset's "seq", once streaming). */
    private void reportPosition(List<RecordChangeEvent<SourceRecord>> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            Object seq = batch.get(i).record().sourceOffset().get("seq");
            if (seq instanceof Number n) {
                listener.acknowledgedUpTo(n.longValue());
                return;
            }
        }
    }

    private void announce(List<RecordChangeEvent<SourceRecord>> batch) {
        for (RecordChangeEvent<SourceRecord> event : batch) {
            SourceRecord record = event.record();
            if (record.topic().equals(config.topics().control())) {
                ControlEvent control = decodeControl((byte[]) record.value());
                if (control.getType() == ControlType.SNAPSHOT_STARTED) {
                    listener.snapshotStarted(control.getTables());
                } else {
                    listener.snapshotCompleted();
                }
            }
        }
    }

    private static ControlEvent decodeControl(byte[] bytes) {
        try {
            return ControlEvent.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("capture emitted an unreadable control event", e);
        }
    }

    /**
     * Stops the engine (which commits the offsets of everything forwarded) and the producer. If Kafka is gone the
     * engine would wait for acknowledgements that never come: after a grace period the producer is closed at once,
     * which fails the waiting batch; its records were never acknowledged, so their offsets are not committed and a
     * restarted capture sends them again.
     */
    @Override
    public void close() {
        Thread closer = new Thread(this::closeEngine, "cutover-capture-close");
        closer.start();
        try {
            closer.join(GRACE_MS);
            if (closer.isAlive()) {
                LOG.warn("capture did not stop within {} ms (Kafka unreachable?); closing its producer", GRACE_MS);
                producer.close(Duration.ZERO);
                closer.join(GRACE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }

    private void closeEngine() {
        try {
            if (engine != null) {
                EngineStop.stop(engine, Duration.ofMillis(GRACE_MS), LOG, "the capture engine");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Commits at the end of a batch when {@link #commitNow()} asked for it since the last decision, or when the last
     * commit is {@link #SNAPSHOT_COMMIT_INTERVAL} old.
     */
    static final class CommitPolicy implements OffsetCommitPolicy {
        private volatile boolean now;

        void commitNow() {
            now = true;
        }

        @Override
        public boolean performCommit(long numberOfMessagesSinceLastCommit, Duration timeSinceLastCommit) {
            boolean commit = now || timeSinceLastCommit.compareTo(SNAPSHOT_COMMIT_INTERVAL) >= 0;
            now = false;
            return commit;
        }
    }

    /** Kafka refused or lost a record; capture stops without committing offsets past it. */
    public static final class KafkaWriteException extends RuntimeException {
        KafkaWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
