package dev.cutover.capture.wayback;

import dev.cutover.schemas.wayback.PostgresEndpoint;
import dev.cutover.schemas.wayback.ReverseChange;
import dev.cutover.schemas.wayback.WayBackConfig;
import io.debezium.embedded.Connect;
import dev.cutover.capture.EngineStop;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse stream's capture: Debezium's PostgreSQL connector (pgoutput, the way back's own publication and slot,
 * {@code origin=none} so the forward sink's writes stay out) in the embedded engine, forwarding each change to the
 * reverse topic. A batch is marked processed only after Kafka acknowledged it, so the slot never moves past what Kafka
 * holds; a change Kafka got twice (a crash between the acknowledgement and the offset commit) is skipped by the SQLite
 * side, which remembers the last position it applied. When the engine stops on an error (PostgreSQL restarting), it
 * starts again from its stored offsets after a pause.
 */
public final class ReverseCapture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReverseCapture.class);
    private static final long RESTART_PAUSE_MS = 2000;

    private final WayBackConfig config;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong forwarded = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile String lastError;

    public ReverseCapture(WayBackConfig config) {
        this.config = config;
        this.producer = new KafkaProducer<>(producerProperties(config));
        this.thread = new Thread(this::superviseEngine, "cutover-reverse-capture");
    }

    private static Properties producerProperties(WayBackConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.topics().prefix() + ".reverse-capture");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private Properties engineProperties() {
        PostgresEndpoint pg = config.postgres();
        Properties p = new Properties();
        p.put("name", config.topics().prefix() + ".reverse");
        p.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.put("database.hostname", pg.host());
        p.put("database.port", Integer.toString(pg.port()));
        p.put("database.user", pg.user());
        if (pg.password() != null) {
            p.put("database.password", pg.password());
        }
        p.put("database.dbname", pg.database());
        p.put("topic.prefix", config.slotName());
        p.put("plugin.name", "pgoutput");
        p.put("slot.name", config.slotName());
        p.put("publication.name", config.slotName());
        p.put("publication.autocreate.mode", "disabled");
        p.put("slot.stream.params", "origin=none");
        p.put("snapshot.mode", "no_data");
        p.put("decimal.handling.mode", "string");
        p.put("interval.handling.mode", "string");
        p.put("hstore.handling.mode", "json");
        p.put("include.unknown.datatypes", "true");
        p.put("tombstones.on.delete", "false");
        p.put("heartbeat.interval.ms", "5000");
        p.put("poll.interval.ms", "100");
        p.put("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.put("offset.storage.topic", config.offsetsTopic());
        p.put("offset.storage.partitions", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("offset.flush.interval.ms", "1000");
        p.put("bootstrap.servers", config.bootstrapServers());
        return p;
    }

    public void start() {
        thread.start();
    }

    /** Runs the engine on this thread; when it ends while the way back still runs, starts it again after a pause. */
    private void superviseEngine() {
        while (running) {
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(engineProperties())
                    .notifying(this::forward)
                    .using((success, message, error) -> {
                        if (!success) {
                            lastError = message;
                            LOG.warn("way back: the reverse stream stopped ({}); it starts again in {} ms", message,
                                    RESTART_PAUSE_MS, error);
                        }
                    })
                    .build();
            engine.run();
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RESTART_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void forward(List<RecordChangeEvent<SourceRecord>> batch,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (RecordChangeEvent<SourceRecord> event : batch) {
            Optional<ReverseChange> change = ReverseRecords.of(event.record());
            change.ifPresent(c -> sent.add(producer.send(new ProducerRecord<>(config.reverseTopic(), 0, null,
                    c.toBytes()))));
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not accept a reverse change: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> event : batch) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        forwarded.addAndGet(sent.size());
        lastError = null;
    }

    public long forwarded() {
        return forwarded.get();
    }

    /** Why the engine last stopped, while it has not delivered since; null when it runs. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        running = false;
        try {
            DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
            if (current != null) {
                EngineStop.stop(current, Duration.ofSeconds(15), LOG, "the reverse stream");
            }
            thread.interrupt();
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
