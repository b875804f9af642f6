package dev.cutover.sink;

import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.codec.RowChangeCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sink loop over a fixed set of row-topic partitions. Each poll is applied in one PostgreSQL transaction that also
 * records the partitions' next offsets; dead letters are acknowledged by Kafka before that commit, so a crash can
 * repeat a dead letter (the error log keeps it once) but never lose one. When PostgreSQL is unavailable the same
 * batch is retried with backoff until it commits.
 */
final class SinkWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);
    private static final long IDLE_SAVE_MS = 500;
    private static final long MAX_BACKOFF_MS = 10_000;
    private static final int PARENT_ATTEMPTS = 6;
    private static final long PARENT_WAIT_MS = 500;
    /** A transaction PostgreSQL takes longer than this for is logged as a warning. */
    private static final long SLOW_NANOS = 1_000_000_000L;
    private static final long SLOW_WARNING_INTERVAL_MS = 60_000;

    private final SinkConfig config;
    private final DataSource dataSource;
    private final List<TopicPartition> partitions;
    private long lastSlowWarningMs;
    private int slowSinceWarning;
    private final BatchWriter writer;
    private final OffsetStore offsets;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final SinkListener listener;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<Integer, Long> committed = new HashMap<>();
    private volatile boolean running = true;
    private long lastIdleSave;

    SinkWorker(SinkConfig config, DataSource dataSource, List<TopicPartition> partitions, BatchWriter writer,
               KafkaProducer<byte[], byte[]> deadLetters, SinkListener listener) {
        this.config = config;
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.writer = writer;
        this.offsets = new OffsetStore(config.migration(), config.topics().rows());
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(consumerProperties(config));
    }

    private static Properties consumerProperties(SinkConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.topics().prefix() + ".sink");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        // Wait (at most 50 ms) for a fuller fetch, so each PostgreSQL transaction carries a worthwhile batch; a longer
        // wait adds to every live change's latency and to the drain at the end of a snapshot.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(64 << 20, config.maxMessageBytes()));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    @Override
    public void run() {
        try (consumer) {
            consumer.assign(partitions);
            seekToStoredOffsets();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    saveIdlePositions();
                } else {
                    applyUntilCommitted(decode(records));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                listener.failed(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // Never end silently: a worker gone without a word would leave its partitions unapplied forever.
            LOG.error("sink worker stopped", e);
            listener.failed(e);
        }
    }

    private void seekToStoredOffsets() throws InterruptedException {
        Map<Integer, Long> stored = withRetry(connection -> offsets.load(connection));
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition.partition());
            if (next == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, next);
                committed.put(partition.partition(), next);
            }
        }
        LOG.info("sink: partitions {} resume at {}", partitions, stored);
        if (!committed.isEmpty()) {
            // What an earlier run applied counts as applied: with nothing new to write, nothing else would say so.
            listener.committed(new SinkListener.Batch(Map.of(), 0, Map.copyOf(committed), 0, new long[0]));
        }
    }

    private Decoded decode(ConsumerRecords<byte[], byte[]> records) {
        Decoded decoded = new Decoded(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String position = record.topic() + "/" + record.partition() + "/" + record.offset();
            try {
                if (!RowChangeCodec.isBatch(record.value())) {
                    decoded.add(new SinkRecord(position, ByteBuffer.wrap(record.key()), RowChangeCodec.decode(record.value())));
                    continue;
                }
                List<RowChange> rows = RowChangeCodec.decodeAllUtf8(record.value());
                for (int i = 0; i < rows.size(); i++) {
                    RowChange row = rows.get(i);
                    decoded.add(new SinkRecord(position, i, row));
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("unreadable row change at " + position + ": " + e.getMessage(), e);
            }
        }
        return decoded;
    }

    /** One poll's row changes, and the source times the listener is told about, gathered while decoding. */
    private static final class Decoded {
        private final List<SinkRecord> records;
        private long newestSourceTimeMs;
        private long[] liveSourceTimes = new long[16];
        private int live;

        Decoded(int expected) {
            records = new ArrayList<>(expected);
        }

        void add(SinkRecord record) {
            records.add(record);
            long sourceTime = record.row().getSourceTimeMs();
            newestSourceTimeMs = Math.max(newestSourceTimeMs, sourceTime);
            if (record.row().getOp() != RowOperation.LOAD) {
                if (live == liveSourceTimes.length) {
                    liveSourceTimes = Arrays.copyOf(liveSourceTimes, 2 * live);
                }
                liveSourceTimes[live++] = sourceTime;
            }
        }

        /** How long each live change took from its source commit to {@code committedAt}. */
        long[] liveLatencies(long committedAt) {
            long[] latencies = new long[live];
            for (int i = 0; i < live; i++) {
                latencies[i] = Math.max(0, committedAt - liveSourceTimes[i]);
            }
            return latencies;
        }
    }

    private void applyUntilCommitted(Decoded decoded) throws InterruptedException {
        List<SinkRecord> batch = decoded.records;
        Map<Integer, Long> next = positions();
        BatchResult result = null;
        for (int attempt = 1; result == null; attempt++) {
            boolean lastAttempt = attempt == PARENT_ATTEMPTS;
            try {
                result = withRetry(connection -> {
                    BatchResult applied = writer.apply(connection, batch);
                    if (applied.foreignKeyViolations() > 0 && !lastAttempt) {
                        throw new ParentNotArrived(applied.foreignKeyViolations());
                    }
                    sendDeadLetters(applied.deadLetters());
                    offsets.save(connection, next);
                    return applied;
                });
            } catch (ParentNotArrived e) {
                LOG.info("sink: {} rows reference parents not yet in PostgreSQL; retrying the batch ({}/{})",
                        e.rows, attempt, PARENT_ATTEMPTS);
                Thread.sleep(PARENT_WAIT_MS * attempt);
            }
        }
        committed.putAll(next);
        long now = System.currentTimeMillis();
        listener.committed(new SinkListener.Batch(result.written(), result.deadLetters().size(), Map.copyOf(committed),
                decoded.newestSourceTimeMs, decoded.liveLatencies(now)));
    }

    /** After an idle poll, records positions that moved past transaction markers, so lag reads zero when drained. */
    private void saveIdlePositions() throws InterruptedException {
        long now = System.currentTimeMillis();
        if (now - lastIdleSave < IDLE_SAVE_MS) {
            return;
        }
        lastIdleSave = now;
        Map<Integer, Long> moved = new HashMap<>();
        positions().forEach((partition, position) -> {
            if (!position.equals(committed.get(partition))) {
                moved.put(partition, position);
            }
        });
        if (!moved.isEmpty()) {
            withRetry(connection -> {
                offsets.save(connection, moved);
                return null;
            });
            committed.putAll(moved);
            listener.committed(new SinkListener.Batch(Map.of(), 0, Map.copyOf(committed), 0, new long[0]));
        }
    }

    private Map<Integer, Long> positions() {
        Map<Integer, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition.partition(), consumer.position(partition));
        }
        return positions;
    }

    private void sendDeadLetters(List<DeadLetter> letters) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (DeadLetter letter : letters) {
            try {
                ByteBuffer buffer = letter.toByteBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                sent.add(deadLetters.send(new ProducerRecord<>(config.topics().deadLetters(), null, bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        deadLetters.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not accept a dead letter: " + e.getCause().getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending dead letters", e);
            }
        }
    }

    /**
     * Reports a transaction's times, and warns when PostgreSQL took longer than {@link #SLOW_NANOS} for it: at most once
     * a minute per worker, counting the slow ones in between, so a slow server does not flood the terminal.
     */
    private void timed(long statementsNanos, long commitNanos) {
        listener.transactionTimed(statementsNanos, commitNanos);
        if (statementsNanos + commitNanos <= SLOW_NANOS) {
            return;
        }
        slowSinceWarning++;
        long now = System.currentTimeMillis();
        if (now - lastSlowWarningMs >= SLOW_WARNING_INTERVAL_MS) {
            LOG.warn("sink: slow PostgreSQL transaction on partitions {}: statements {} ms, commit {} ms (over {} ms; "
                    + "{} such in the last minute)", partitions, statementsNanos / 1_000_000, commitNanos / 1_000_000,
                    SLOW_NANOS / 1_000_000, slowSinceWarning);
            lastSlowWarningMs = now;
            slowSinceWarning = 0;
        }
    }

    /** Runs one transaction, retrying with backoff while PostgreSQL is unavailable; fatal errors stop the worker. */
    private <T> T withRetry(Transaction<T> work) throws InterruptedException {
        long backoff = 250;
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    long started = System.nanoTime();
                    T result = work.run(connection);
                    long committing = System.nanoTime();
                    connection.commit();
                    timed(committing - started, System.nanoTime() - committing);
                    listener.waiting(null);
                    return result;
                } catch (SQLException e) {
                    rollbackQuietly(connection);
                    throw SinkErrors.onConnection(e, connection);
                } catch (RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                } catch (AssertionError e) {
                    throw lostConnection(connection, e);
                }
            } catch (SQLException e) {
                if (!SinkErrors.retriable(e) || !running) {
                    throw new SinkFailedException("PostgreSQL refused a batch: " + e.getMessage(), e);
                }
                if (SinkErrors.lostRace(e)) {
                    LOG.info("sink: PostgreSQL aborted a transaction that raced another worker's, retrying in {} ms: {}",
                            backoff, e.getMessage());
                } else {
                    listener.waiting("PostgreSQL unavailable (" + e.getMessage() + "); retrying in " + backoff + " ms");
                    LOG.warn("sink: PostgreSQL unavailable, retrying in {} ms: {}", backoff, e.getMessage());
                }
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /**
     * The PostgreSQL driver asserts, inside {@code executeBatch}, that asking a connection for its auto-commit mode
     * cannot fail; when the server goes away mid-batch it does fail, and with assertions enabled the driver throws
     * AssertionError instead of an SQLException. On a connection that is gone this is a lost connection (retried);
     * on a live one it is rethrown.
     */
    private static SQLException lostConnection(Connection connection, AssertionError e) {
        boolean gone;
        try {
            gone = connection.isClosed() || !connection.isValid(1);
        } catch (SQLException check) {
            gone = true;
        }
        if (!gone) {
            throw e;
        }
        return new SQLException("the connection to PostgreSQL was lost during a batch (" + e.getMessage() + ")",
                "08006", e);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the transaction died with it
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    @FunctionalInterface
    private interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Once foreign keys exist (after finalize), a child row can arrive before its parent: order is kept per row, not
     * across tables. Such a batch is rolled back and retried a few times before those rows become dead letters.
     */
    private static final class ParentNotArrived extends RuntimeException {
        private final int rows;

        ParentNotArrived(int rows) {
            super(rows + " rows reference missing parents", null, false, false);
            this.rows = rows;
        }
    }

    /** PostgreSQL refused something that retrying cannot fix. */
    static final class SinkFailedException extends RuntimeException {
        SinkFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
