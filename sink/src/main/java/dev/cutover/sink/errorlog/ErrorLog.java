package dev.cutover.sink.errorlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.DeadLetter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
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
 * Copies the dead-letter topic into {@code errors.jsonl}: one JSON object per line with the migration, the table, the
 * source key ({@code key}), the row ({@code row}), the column at fault and the reason. A dead letter delivered twice (a
 * stage repeated a batch after a crash) is written once, by its id. The file and its position are fsynced before the
 * position moves on. Keeps count of the migration's entries and of those accepted (see {@link ErrorLogFile} for what
 * belongs to a migration and how an entry leaves).
 */
public final class ErrorLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String migration;
    private final ErrorLogFile file;
    private final TopicPartition partition;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Ids already in the file; the consumer thread adds, a replay removes. */
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final AtomicLong position = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * @param directory the directory that holds the error log's files (the work directory)
     * @param migration the id of the migration whose dead letters these are
     */
    public ErrorLog(Path directory, String bootstrapServers, Topics topics, String migration) {
        this.migration = migration;
        this.file = new ErrorLogFile(directory, migration);
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
        written.addAll(readIds(file.path()));
        recount();
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
        int added = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            DeadLetter letter = decode(record.value());
            if (written.add(letter.getId())) {
                lines.append(line(letter, migration)).append('\n');
                added++;
            }
        }
        if (lines.length() > 0) {
            synchronized (ErrorLogFile.LOCK) {
                ErrorLogFile.append(file.path(), lines.toString());
                entries.addAndGet(added);
            }
        }
    }

    /** One errors.jsonl line for a dead letter (without a migration: {@code cutover export}'s error log). */
    public static String line(DeadLetter letter) {
        return line(letter, null);
    }

    /** One errors.jsonl line for a dead letter of {@code migration}. */
    private static String line(DeadLetter letter, String migration) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", letter.getId());
        if (migration != null) {
            node.put("migration", migration);
        }
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

    private void savePosition(long next) {
        try {
            Path temp = file.position().resolveSibling("errors.position.tmp");
            Files.writeString(temp, Long.toString(next), StandardCharsets.US_ASCII);
            Files.move(temp, file.position(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            position.set(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the error log position", e);
        }
    }

    private long readPosition() {
        try {
            Path saved = file.position();
            return Files.exists(saved) ? Long.parseLong(Files.readString(saved, StandardCharsets.US_ASCII).trim()) : 0L;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.position(), e);
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

    /**
     * A binder of this log's dead-letter consumer's own metrics (fetch rates, records, lag), e.g. Micrometer's
     * {@code KafkaClientMetrics::new}; the binder may only read the consumer's metrics, and the caller closes what it
     * returns.
     */
    public <M> M clientMetrics(Function<Consumer<?, ?>, M> binder) {
        return binder.apply(consumer);
    }

    public Throwable failure() {
        return failure;
    }

    /** This migration's entries in the error log, and how many of them were accepted. */
    public ErrorCounts counts() {
        return new ErrorCounts(entries.get(), accepted.get());
    }

    /** This migration's entries, read from the file. */
    public List<ErrorLogEntry> entries() {
        return file.entries();
    }

    /** See {@link ErrorLogFile#accept}. */
    public void accept(Set<String> ids) {
        synchronized (ErrorLogFile.LOCK) {
            file.accept(ids);
            recount();
        }
    }

    /** See {@link ErrorLogFile#removeReplayed}. */
    public void removeReplayed(Set<String> signatures) {
        synchronized (ErrorLogFile.LOCK) {
            file.removeReplayed(signatures);
            recount();
        }
    }

    /** Dead letters with these ids are written again when they arrive (a replay may cause one with an old id). */
    public void forget(Set<String> ids) {
        written.removeAll(ids);
    }

    private void recount() {
        synchronized (ErrorLogFile.LOCK) {
            List<ErrorLogEntry> all = file.entries();
            entries.set(all.size());
            accepted.set(all.stream().filter(ErrorLogEntry::isAccepted).count());
        }
    }

    /**
     * How many changes of this migration are in the error log.
     *
     * @param entries  changes in errors.jsonl (not in PostgreSQL as the source has them)
     * @param accepted of those, the ones the operator accepted with {@code finalize --accept-errors}
     */
    public record ErrorCounts(long entries, long accepted) {
        /** Entries that keep finalize from printing READY. */
        public long blocking() {
            return entries - accepted;
        }
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
