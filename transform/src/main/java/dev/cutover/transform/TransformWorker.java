package dev.cutover.transform;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.codec.RecordKeyCodec;
import dev.cutover.schemas.codec.RowChangeCodec;
import dev.cutover.schemas.avro.DeadLetter;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consume-transform-produce loop. Each Kafka transaction holds the row changes, the dead letters and the
 * consumed raw offsets of one poll, or of several while there is a backlog (see {@link OpenTransaction}); an aborted
 * transaction rewinds the consumer to the last committed offsets, so nothing is skipped and nothing is written twice.
 */
final class TransformWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TransformWorker.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** Room left in a Kafka record for its key, headers and batch framing. */
    private static final int RECORD_OVERHEAD = 4096;

    private final TransformConfig config;
    private final RowTransformer transformer;
    private final TransformListener listener;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final RowBatches batches;
    private volatile boolean running = true;
    /** The transaction open across polls, or null (only the worker's thread touches it). */
    private OpenTransaction transaction;
    /** True inside {@code poll}, the one place where the group's rebalances call {@link CommitBeforeRevocation}. */
    private boolean polling;

    TransformWorker(TransformConfig config, int index, RowTransformer transformer, TransformListener listener) {
        this.config = config;
        this.transformer = transformer;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(consumerProperties(config, index));
        this.producer = new KafkaProducer<>(producerProperties(config, index));
        this.batches = new RowBatches(producer, config.topics().rows(),
                Math.min(1 << 20, (config.maxMessageBytes() - RECORD_OVERHEAD) / 2));
    }

    private static Properties consumerProperties(TransformConfig config, int index) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.topics().prefix() + ".transform");
        // Static membership: a worker restarted after a crash takes its predecessor's place at once, instead of
        // waiting for the dead member's session to time out before the group rebalances.
        p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.topics().prefix() + ".transform-" + index);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        // Wait (at most 50 ms) for a fuller fetch: one transaction per trickle of records costs more than it carries;
        // a longer wait adds to every live change's latency and to the drain at the end of a snapshot.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(64 << 20, config.maxMessageBytes()));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static Properties producerProperties(TransformConfig config, int index) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.topics().prefix() + ".transform-" + index);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxMessageBytes());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(64L << 20, 2L * config.maxMessageBytes()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    @Override
    public void run() {
        try (producer) {
            producer.initTransactions();
            consumer.subscribe(List.of(config.topics().raw()), new CommitBeforeRevocation());
            loop();
            if (transaction != null) {
                commit(); // the stop came while the open transaction waited for more records
            }
        } catch (WakeupException e) {
            listener.failed(e);
        } catch (RuntimeException | Error e) {
            LOG.error("transform worker stopped", e);
            listener.failed(e);
        } finally {
            closeConsumer();
        }
    }

    /**
     * Closes the consumer without waiting for its requests to the group coordinator. It has nothing to hand over: its
     * offsets are committed in the producer's transactions, and a static member does not leave the group. But a
     * worker stopped while the group rebalances (a short run: the second worker joined moments ago) has a join
     * request the coordinator holds until every member rejoins, which a stopping member never does: a plain close
     * would wait for it until the other member's session timed out.
     */
    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        } catch (RuntimeException e) {
            LOG.warn("closing the transform consumer: {}", e.getMessage());
        }
    }

    private void loop() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = poll();
                if (!records.isEmpty()) {
                    process(records);
                } else if (transaction != null) {
                    transaction.consumed(0);
                }
                if (transaction != null && transaction.due()) {
                    commit();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        polling = true;
        try {
            return consumer.poll(transaction == null ? IDLE_POLL : transaction.pollTimeout());
        } finally {
            polling = false;
        }
    }

    /** Sends the changes of one poll's records in the open transaction, opening one if there is none. */
    private void process(ConsumerRecords<byte[], byte[]> records) {
        try {
            if (transaction == null) {
                producer.beginTransaction();
                transaction = new OpenTransaction(System::currentTimeMillis);
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                process(record, transaction);
            }
            transaction.consumed(records);
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | UnsupportedVersionException fatal) {
            throw fatal;
        } catch (KafkaException e) {
            abort(e);
        }
    }

    /** Commits the open transaction with the raw offsets it consumed. */
    private void commit() {
        try {
            producer.sendOffsetsToTransaction(transaction.offsets(), consumer.groupMetadata());
            producer.commitTransaction();
            listener.committed(transaction.rows(), transaction.rejected(), transaction.rounded());
            transaction = null;
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | UnsupportedVersionException fatal) {
            throw fatal;
        } catch (KafkaException e) {
            abort(e);
        }
    }

    private void abort(KafkaException e) {
        LOG.warn("transform transaction aborted, retrying from the last committed offsets: {}", e.getMessage());
        discardTransaction();
        rewind();
    }

    /** Aborts the open transaction and drops the row batches not yet sent in it. */
    private void discardTransaction() {
        producer.abortTransaction();
        transaction = null;
        batches.discard();
    }

    /**
     * A transaction may span polls, and a poll may rebalance the group: what was consumed from partitions this
     * worker is about to give up is committed first (their next owner starts after it); partitions lost without
     * notice (this worker was presumed dead) cannot be committed for, so the open transaction is aborted. Closing the
     * consumer calls these too, after the worker has committed or the producer is closed: then they do nothing.
     */
    private final class CommitBeforeRevocation implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (polling && transaction != null && !partitions.isEmpty()) {
                commit();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (polling && transaction != null) {
                LOG.warn("transform worker lost its partitions {}; aborting its open transaction", partitions);
                discardTransaction();
            }
        }
    }

    /**
     * Sends the row changes and dead letters for one raw record: a single change event, or a snapshot batch whose
     * loaded rows leave again in batches (one per row-topic partition), sent before the next record's changes.
     */
    private void process(ConsumerRecord<byte[], byte[]> record, OpenTransaction transaction) {
        List<ChangeEvent> events;
        try {
            events = ChangeEventCodec.decodeAll(record.value());
        } catch (RuntimeException e) {
            sendDeadLetter(record, -1, null, TransformResult.rejected(null, "unreadable change event (" + e.getMessage()
                    + ")"));
            transaction.counted(0, 1);
            return;
        }
        boolean batch = events.size() > 1 || ChangeEventCodec.isBatch(record.value());
        for (int i = 0; i < events.size(); i++) {
            ChangeEvent event = events.get(i);
            TransformResult result = transformer.transform(event);
            if (result.row() == null) {
                sendDeadLetter(record, batch ? i : -1, event, result);
                transaction.counted(0, 1);
                continue;
            }
            RowChange row = result.row();
            byte[] key = RecordKeyCodec.encode(row.getTable(), row.getKey());
            if (!batch || row.getOp() != RowOperation.LOAD || !batches.add(row, key, record.timestamp())) {
                if (!sendAlone(record, key, row)) {
                    sendDeadLetter(record, batch ? i : -1, event, tooLarge(row));
                    transaction.counted(0, 1);
                    continue;
                }
            }
            transaction.counted(result);
        }
        batches.flush(record.timestamp());
    }

    /** Sends a row change as a record of its own; false when it is larger than Kafka carries. */
    private boolean sendAlone(ConsumerRecord<byte[], byte[]> record, byte[] key, RowChange row) {
        byte[] value = RowChangeCodec.encode(row);
        if (key.length + value.length > config.maxMessageBytes() - RECORD_OVERHEAD) {
            return false;
        }
        producer.send(new ProducerRecord<>(config.topics().rows(), null, record.timestamp(), key, value));
        return true;
    }

    private TransformResult tooLarge(RowChange row) {
        return TransformResult.rejected(null, String.format("the row change for table %s is larger than the %d MiB"
                + " Kafka carries (a row grows when converted, and a document by the rows it owns); rerun with a larger"
                + " --max-message-mb (the broker's message.max.bytes must allow it too)", row.getTable(),
                config.maxMessageBytes() >> 20));
    }

    private void sendDeadLetter(ConsumerRecord<byte[], byte[]> record, int row, ChangeEvent event,
                                TransformResult rejection) {
        DeadLetter letter = DeadLetters.of(record, row, event, rejection);
        byte[] bytes = bytes(letter);
        if (bytes.length > config.maxMessageBytes() - RECORD_OVERHEAD) {
            bytes = bytes(DeadLetters.withoutRow(letter, bytes.length, config.maxMessageBytes()));
        }
        producer.send(new ProducerRecord<>(config.topics().deadLetters(), record.key(), bytes));
    }

    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    static byte[] bytes(DeadLetter letter) {
        try {
            ByteBuffer buffer = letter.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
