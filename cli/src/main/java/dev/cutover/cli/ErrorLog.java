package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.DeadLetter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the dead-letter topic into {@code errors.jsonl}: one JSON object per line with the table, the source key
 * ({@code key}), the row ({@code row}), the column at fault and the reason. A dead letter delivered twice (a stage
 * repeated a batch after a crash) is written once, by its id. The file and its position are fsynced before the
 * position moves on.
 */
public final class ErrorLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkDir work;
    private final TopicPartition partition;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<String> written = new HashSet<>();
    private final AtomicLong position = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    public ErrorLog(WorkDir work, String bootstrapServers, Topics topics) {
        this.work = work;
        this.partition = new TopicPartition(topics.deadLetters(), 0);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.prefix() + ".error-log");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Closing waits for the fetch in flight: with Kafka's default long poll (500 ms) every run's end waited for it.
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.thread = new Thread(this::run, "cutover-error-log");
    }

    public void start() {
        written.addAll(readIds(work.errors()));
        position.set(readPosition());
        consumer.assign(List.of(partition));
        consumer.seek(partition, position.get());
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    append(records);
                }
                long next = consumer.position(partition);
                if (next != position.get()) {
                    savePosition(next);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("error log stopped", e);
            failure = e;
        } finally {
            consumer.close();
        }
    }

    private void append(ConsumerRecords<byte[], byte[]> records) {
        StringBuilder lines = new StringBuilder();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            DeadLetter letter = decode(record.value());
            if (written.add(letter.getId())) {
                lines.append(line(letter)).append('\n');
            }
        }
        if (lines.length() > 0) {
            appendSynced(work.errors(), lines.toString());
        }
    }

    /** One errors.jsonl line for a dead letter. */
    static String line(DeadLetter letter) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", letter.getId());
        node.put("time", Instant.ofEpochMilli(letter.getTimeMs()).toString());
        node.put("stage", letter.getStage());
        node.put("source", letter.getSource());
        node.put("table", letter.getTable());
        node.set("key", parse(letter.getKey()));
        if (letter.getRow() != null) {
            node.set("row", parse(letter.getRow()));
        }
        if (letter.getColumn() != null) {
            node.put("column", letter.getColumn());
        }
        node.put("reason", letter.getReason());
        return node.toString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static DeadLetter decode(byte[] value) {
        try {
            return DeadLetter.fromByteBuffer(ByteBuffer.wrap(value));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable dead letter", e);
        }
    }

    private static void appendSynced(Path file, String text) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private void savePosition(long next) {
        try {
            Path temp = work.errorsPosition().resolveSibling("errors.position.tmp");
            Files.writeString(temp, Long.toString(next), StandardCharsets.US_ASCII);
            Files.move(temp, work.errorsPosition(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            position.set(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the error log position", e);
        }
    }

    private long readPosition() {
        try {
            Path file = work.errorsPosition();
            return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()) : 0L;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + work.errorsPosition(), e);
        }
    }

    private static Set<String> readIds(Path file) {
        Set<String> ids = new HashSet<>();
        if (!Files.exists(file)) {
            return ids;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    ids.add(JSON.readTree(line).path("id").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return ids;
    }

    /** The next dead-letter offset not yet in the file. */
    public long position() {
        return position.get();
    }

    public Throwable failure() {
        return failure;
    }

    /** Lines in the error log per source table (all runs of this migration). */
    public static Map<String, Long> countByTable(Path file) {
        Map<String, Long> counts = new TreeMap<>();
        if (!Files.exists(file)) {
            return counts;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    counts.merge(JSON.readTree(line).path("table").asText(), 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return counts;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
