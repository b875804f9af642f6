package dev.cutover.sink.wayback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.WayBackFile;
import dev.cutover.schemas.wayback.ReverseChange;
import dev.cutover.schemas.wayback.WayBackConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse stream's sink: applies the reverse topic to the SQLite file, one SQLite write transaction per poll that
 * also stores the next Kafka offset and the last applied PostgreSQL position in capture's state table, so each
 * change takes effect exactly once however often the process dies. Inside that transaction, the entries capture's
 * triggers appended to the change log are removed again before the commit (SQLite has one writer at a time, so every
 * entry above the log's high-water mark at the start is this transaction's): the forward stream never sees the way
 * back's writes. A change SQLite refuses, or whose value has no faithful SQLite form, goes to the dead-letter topic by
 * key; the rest of the batch still applies.
 */
public final class ReverseApplier implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReverseApplier.class);
    private static final long MAX_BACKOFF_MS = 5000;

    private final WayBackConfig config;
    private final String changeLog;
    private final String state;
    private final String stateKey;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final TopicPartition partition;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private volatile String lastMarker;
    private volatile String lastError;
    private Map<String, SqliteTable> tables;
    private Position position;

    /** @param file the SQLite file; the entries these writes add to its change log are removed again */
    public ReverseApplier(WayBackConfig config, WayBackFile file) {
        this.config = config;
        this.changeLog = file.changeLog();
        this.state = Identifiers.quote(file.stateTable());
        this.stateKey = "way_back:" + config.reverseTopic();
        this.partition = new TopicPartition(config.reverseTopic(), 0);
        this.consumer = new KafkaConsumer<>(consumerProperties(config));
        this.deadLetters = new KafkaProducer<>(producerProperties(config));
    }

    private static Properties consumerProperties(WayBackConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.topics().prefix() + ".reverse-sink");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static Properties producerProperties(WayBackConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.topics().prefix() + ".reverse-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Where the applier stands: the next Kafka offset and the last PostgreSQL position applied. */
    private record Position(long nextOffset, long commitLsn, long lsn, int step, String marker) {
        static final Position START = new Position(0, 0, 0, 0, null);

        /** {@code nextOffset commitLsn lsn step [marker]}, as the state table holds it. */
        String text() {
            return nextOffset + " " + commitLsn + " " + lsn + " " + step + (marker == null ? "" : " " + marker);
        }

        static Position parse(String text) {
            String[] parts = text.split(" ");
            return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Integer.parseInt(parts[3]), parts.length > 4 ? parts[4] : null);
        }

        Position at(long offset) {
            return new Position(offset, commitLsn, lsn, step, marker);
        }

        Position of(ReverseChange change, String newMarker) {
            return new Position(nextOffset, change.commitLsn(), change.lsn(), change.step(), newMarker);
        }
    }

    @Override
    public void run() {
        try (consumer) {
            consumer.assign(List.of(partition));
            position = withRetry(this::start);
            consumer.seek(partition, position.nextOffset());
            lastMarker = position.marker();
            LOG.info("way back: applying {} into {} from offset {}", config.reverseTopic(), config.sqlite(),
                    position.nextOffset());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
                    position = withRetry(connection -> apply(connection, batch));
                    lastMarker = position.marker();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lastError = e.getMessage();
            LOG.error("way back: the SQLite side stopped", e);
        } finally {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Reads the tables' layouts and the stored position. The state table is capture's and exists while capture is
     * installed; creating it when missing is then a no-op, so the file's schema does not change under capture.
     */
    private Position start(Connection sqlite) throws SQLException {
        try (Statement statement = sqlite.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + state + "(key TEXT PRIMARY KEY, value)");
        }
        tables = new HashMap<>();
        Plan plan = config.plan();
        for (TablePlan table : plan.tables()) {
            tables.put(plan.targetSchema() + "." + table.target(), SqliteTable.of(table, sqlite));
        }
        try (PreparedStatement select = sqlite.prepareStatement("SELECT value FROM " + state + " WHERE key = ?")) {
            select.setString(1, stateKey);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Position.parse(rs.getString(1)) : Position.START;
            }
        }
    }

    /** One poll in one SQLite write transaction, with the position it reaches. */
    private Position apply(Connection sqlite, List<ConsumerRecord<byte[], byte[]>> batch) throws SQLException {
        try (Statement statement = sqlite.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                long logMark = logHighWater(statement);
                Position reached = position;
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    reached = applyOne(sqlite, record, reached);
                }
                if (logMark >= 0) {
                    statement.execute("DELETE FROM " + Identifiers.quote(changeLog) + " WHERE seq > " + logMark);
                }
                store(sqlite, reached);
                statement.execute("COMMIT");
                return reached;
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private Position applyOne(Connection sqlite, ConsumerRecord<byte[], byte[]> record, Position reached)
            throws SQLException {
        ReverseChange change = ReverseChange.parse(record.value());
        Position next = reached.at(record.offset() + 1);
        if (!change.after(reached.commitLsn(), reached.lsn(), reached.step())) {
            skipped.incrementAndGet();
            return next;
        }
        if (change.table().equals(ReverseChange.MARKER_TABLE)) {
            return next.of(change, change.delete() ? reached.marker() : change.after().path("token").asText());
        }
        Position moved = next.of(change, reached.marker());
        SqliteTable table = tables.get(change.table());
        if (table == null) {
            return moved;
        }
        try (Statement savepoint = sqlite.createStatement()) {
            savepoint.execute("SAVEPOINT change");
            try {
                table.apply(sqlite, change);
                applied.incrementAndGet();
            } catch (SqliteValueConverter.NoSqliteForm e) {
                savepoint.execute("ROLLBACK TO change");
                deadLetter(record, table, change, e.column(), e.getMessage());
            } catch (SQLException e) {
                if (busy(e)) {
                    throw e;
                }
                savepoint.execute("ROLLBACK TO change");
                deadLetter(record, table, change, null, "SQLite refused the change: " + e.getMessage());
            }
            savepoint.execute("RELEASE change");
        }
        return moved;
    }

    private long logHighWater(Statement statement) throws SQLException {
        try (ResultSet exists = statement.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '"
                + changeLog + "'")) {
            if (!exists.next()) {
                return -1;
            }
        }
        try (ResultSet rs = statement.executeQuery("SELECT coalesce(max(seq), 0) FROM " + Identifiers.quote(changeLog))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void store(Connection sqlite, Position reached) throws SQLException {
        try (PreparedStatement upsert = sqlite.prepareStatement("INSERT OR REPLACE INTO " + state
                + "(key, value) VALUES (?, ?)")) {
            upsert.setString(1, stateKey);
            upsert.setString(2, reached.text());
            upsert.executeUpdate();
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, SqliteTable table, ReverseChange change,
                            String column, String reason) {
        failed.incrementAndGet();
        ObjectNode key = change.key();
        DeadLetter letter = DeadLetter.newBuilder()
                .setId(record.topic() + "/" + record.partition() + "/" + record.offset())
                .setStage("reverse")
                .setSource(config.postgres().toString())
                .setTable(table.name())
                .setKey(key.toString())
                .setRow(change.after() == null ? null : change.after().toString())
                .setColumn(column)
                .setReason(reason + "; the row stays as it was in SQLite")
                .setTimeMs(System.currentTimeMillis())
                .build();
        LOG.warn("way back: {} {} not written into SQLite: {}", table.name(), key, reason);
        try {
            ByteBuffer buffer = letter.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            deadLetters.send(new ProducerRecord<>(config.topics().deadLetters(), key.toString().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), bytes)).get();
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot send a dead letter of the way back: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a dead letter", e);
        }
    }

    private static boolean busy(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
    }

    private interface SqliteWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs the work on a fresh connection until it succeeds: SQLite busy or unavailable, the work waits and retries. */
    private <T> T withRetry(SqliteWork<T> work) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try (Connection connection = open()) {
                T result = work.run(connection);
                lastError = null;
                return result;
            } catch (SQLException e) {
                if (!running) {
                    throw new WakeupException();
                }
                lastError = e.getMessage();
                LOG.warn("way back: writing into {} failed ({}); retrying in {} ms", config.sqlite(), e.getMessage(),
                        backoff);
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private Connection open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("busy_timeout", "5000");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + config.sqlite(), props);
        connection.setAutoCommit(true);
        return connection;
    }

    public long applied() {
        return applied.get();
    }

    public long skipped() {
        return skipped.get();
    }

    public long failed() {
        return failed.get();
    }

    /** The last marker token applied; null before one. */
    public String lastMarker() {
        return lastMarker;
    }

    public String lastError() {
        return lastError;
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }
}
