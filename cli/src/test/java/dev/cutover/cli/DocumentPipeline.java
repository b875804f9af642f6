package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.runtime.KafkaCluster;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.codec.RecordKeyCodec;
import dev.cutover.schemas.migration.MigrationWriter;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.sink.PgTarget;
import dev.cutover.sink.SchemaApplier;
import dev.cutover.sink.SinkConfig;
import dev.cutover.sink.SinkListener;
import dev.cutover.sink.SinkService;
import dev.cutover.transform.RoundedCounts;
import dev.cutover.transform.TransformConfig;
import dev.cutover.transform.TransformListener;
import dev.cutover.transform.TransformService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The transform and sink stages of one migration of a document source, on the real broker and PostgreSQL of
 * {@link PipelineServices}, fed by hand with raw document events as a document source's capture sends them: a fresh
 * database with the plan's tables, fresh topics, and ways to wait until what was sent is in PostgreSQL.
 */
final class DocumentPipeline implements AutoCloseable {
    /** Large enough for a 16 MB document and its row change. */
    static final int MAX_MESSAGE_BYTES = 40 << 20;
    private static final AtomicInteger MIGRATIONS = new AtomicInteger();
    private static final long TIMEOUT_MS = 60_000;

    private final Topics topics;
    private final PgTarget target;
    private final KafkaCluster cluster;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> deadLetterReader;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final TransformService transform;
    private final SinkService sink;
    private final AtomicLong transformed = new AtomicLong();
    private final Map<Integer, Long> applied = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private long sent;

    DocumentPipeline(PipelineServices.Services services, Plan plan, Path dir) throws IOException {
        String migration = "docs" + MIGRATIONS.incrementAndGet();
        topics = new Topics("cutover.it-" + migration);
        target = services.newDatabase();
        MigrationWriter.write(plan, dir.resolve("migrations"));
        new SchemaApplier(target, dir.resolve("migrations")).applyTables();
        cluster = KafkaCluster.connect(services.kafka());
        cluster.createTopics(topics, 2, MAX_MESSAGE_BYTES);
        producer = new KafkaProducer<>(producerProperties(services.kafka()));
        deadLetterReader = new KafkaConsumer<>(consumerProperties(services.kafka()));
        deadLetterReader.assign(List.of(new TopicPartition(topics.deadLetters(), 0)));
        sink = new SinkService(new SinkConfig(services.kafka(), topics, migration, 2, 20_000, MAX_MESSAGE_BYTES), plan,
                target, new SinkProgress());
        transform = new TransformService(new TransformConfig(services.kafka(), topics, 2, MAX_MESSAGE_BYTES, "none"),
                plan, new TransformProgress());
        sink.start();
        transform.start();
    }

    private static Properties producerProperties(String kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * MAX_MESSAGE_BYTES);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static Properties consumerProperties(String kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Sends raw events as capture does: each keyed by its collection and key document, in this order. */
    void send(List<ChangeEvent> events) {
        for (ChangeEvent event : events) {
            byte[] key = RecordKeyCodec.encode(event.getTable(), List.of((ByteBuffer) event.getKey().get(0)));
            producer.send(new ProducerRecord<>(topics.raw(), key, ChangeEventCodec.encode(event)));
            sent++;
        }
        producer.flush();
    }

    /** Waits until every event sent so far is transformed and every row change it made is in PostgreSQL. */
    void awaitApplied() throws InterruptedException {
        await(() -> transformed.get() >= sent, "the transformer to take in " + sent + " events");
        Map<TopicPartition, Long> ends = cluster.endOffsets(topics.rows());
        await(() -> ends.entrySet().stream().allMatch(end ->
                applied.getOrDefault(end.getKey().partition(), 0L) >= end.getValue()), "the sink to apply " + ends);
    }

    /** Every dead letter so far, once {@code count} of them are there. */
    List<DeadLetter> deadLetters(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (deadLetters.size() < count && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : deadLetterReader.poll(Duration.ofMillis(100))) {
                try {
                    deadLetters.add(DeadLetter.fromByteBuffer(ByteBuffer.wrap(record.value())));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(deadLetters).as("dead letters").hasSizeGreaterThanOrEqualTo(count);
        return List.copyOf(deadLetters);
    }

    Connection connect() throws SQLException {
        return target.connect();
    }

    private void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!done.getAsBoolean()) {
            assertThat(failures).as("stage failures").isEmpty();
            assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        transform.close();
        sink.close();
        producer.close();
        deadLetterReader.close();
        cluster.close();
    }

    private final class TransformProgress implements TransformListener {
        @Override
        public void committed(int rows, int rejected, RoundedCounts rounded) {
            transformed.addAndGet(rows + rejected);
        }

        @Override
        public void failed(Throwable error) {
            failures.add(error);
        }
    }

    private final class SinkProgress implements SinkListener {
        @Override
        public void committed(Batch batch) {
            applied.putAll(batch.nextOffsets());
        }

        @Override
        public void waiting(String reason) {
        }

        @Override
        public void failed(Throwable error) {
            failures.add(error);
        }
    }
}
