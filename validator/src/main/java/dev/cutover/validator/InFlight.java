package dev.cutover.validator;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.InvalidText;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.codec.RowChangeCodec;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds the keys with a change that has not reached PostgreSQL: those the source records as pending (e.g. SQLite's
 * change log: not yet captured, or captured but not yet pruned), on the raw topic past what the transformer committed,
 * and on the row topic past what the sink committed in PostgreSQL. Reads only; commits nothing.
 */
public final class InFlight {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long READ_TIMEOUT_MS = 60_000;

    private final Plan plan;
    private final Map<String, Set<String>> keys = new HashMap<>();

    public InFlight(Plan plan) {
        this.plan = plan;
    }

    public PendingKeys keys() {
        return PendingKeys.of(keys);
    }

    /**
     * Adds the keys the source records as pending ({@link dev.cutover.schemas.source.ChangeCapture#pendingKeys}), by
     * source table, each in the raw events' form. Returns how many there were (the same key counted each time).
     */
    public long addSourcePending(Map<String, List<List<Object>>> keysByTable) {
        long entries = 0;
        for (Map.Entry<String, List<List<Object>>> pending : keysByTable.entrySet()) {
            Optional<TablePlan> table = plan.table(pending.getKey());
            if (table.isEmpty()) {
                continue;
            }
            List<String> columns = table.get().key().sourceColumns();
            for (List<Object> key : pending.getValue()) {
                add(table.get().source(), RowKey.json(columns, SourceValues.plain(key)));
                entries++;
            }
        }
        return entries;
    }

    /**
     * Keys on the raw topic past the transformer's committed offsets and on the row topic past the sink's offsets in
     * PostgreSQL. Returns how many events were read.
     *
     * @param transformGroup the transformer's consumer group
     * @param migration      the migration id the sink keys its offsets by
     */
    public long readTopics(String bootstrapServers, Topics topics, String transformGroup, String migration,
                           Connection postgres) throws SQLException {
        Map<Integer, Long> sinkOffsets = sinkOffsets(postgres, migration, topics.rows());
        long events;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, transformGroup)) {
            events = read(consumer, topics.raw(), partition -> {
                OffsetAndMetadata committed = consumer.committed(java.util.Set.of(partition)).get(partition);
                return committed == null ? 0L : committed.offset();
            }, this::addRaw);
            events += read(consumer, topics.rows(), partition -> sinkOffsets.getOrDefault(partition.partition(), 0L),
                    this::addRow);
        }
        return events;
    }

    private long read(KafkaConsumer<byte[], byte[]> consumer, String topic, Function<TopicPartition, Long> from,
                      java.util.function.Consumer<byte[]> add) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        consumer.assign(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long start = from.apply(partition);
            if (start < end.get(partition)) {
                consumer.seek(partition, start);
                remaining.put(partition, end.get(partition));
            }
        }
        consumer.assign(remaining.keySet());
        long events = 0;
        long deadline = System.currentTimeMillis() + READ_TIMEOUT_MS;
        while (!remaining.isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Kafka did not deliver " + topic + " within " + READ_TIMEOUT_MS / 1000 + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long stop = remaining.get(partition);
                if (stop == null || record.offset() >= stop) {
                    continue;
                }
                if (record.value() != null) {
                    add.accept(record.value());
                    events++;
                }
                if (record.offset() + 1 >= stop) {
                    remaining.remove(partition);
                }
            }
            remaining.keySet().removeIf(p -> consumer.position(p) >= remaining.get(p));
        }
        consumer.assign(List.of());
        return events;
    }

    private void addRaw(byte[] value) {
        for (ChangeEvent event : ChangeEventCodec.decodeAll(value)) {
            plan.table(event.getTable()).ifPresent(table -> {
                List<Object> values = event.getKey();
                Object[] key = new Object[values.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = plain(values.get(i));
                }
                add(table.source(), RowKey.json(table.key().sourceColumns(), key));
            });
        }
    }

    private void addRow(byte[] value) {
        for (RowChange row : RowChangeCodec.decodeAll(value)) {
            plan.table(row.getSourceTable()).ifPresent(table ->
                    add(table.source(), RowKey.normalize(row.getSourceKey(), table.key().sourceColumns())));
        }
    }

    private static Object plain(Object value) {
        if (value instanceof ByteBuffer buffer) {
            return ValueEquality.bytes(buffer);
        }
        if (value instanceof InvalidText invalid) {
            return plain(invalid.getBytes());
        }
        return value instanceof CharSequence text ? text.toString() : value;
    }

    private void add(String table, String key) {
        keys.computeIfAbsent(table, t -> new HashSet<>()).add(key);
    }

    private static Map<Integer, Long> sinkOffsets(Connection postgres, String migration, String topic)
            throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        try (ResultSet tables = postgres.getMetaData().getTables(null, "cutover", "sink_offsets", null)) {
            if (!tables.next()) {
                return offsets;
            }
        }
        try (PreparedStatement statement = postgres.prepareStatement(
                "SELECT partition, next_offset FROM cutover.sink_offsets WHERE migration = ? AND topic = ?")) {
            statement.setString(1, migration);
            statement.setString(2, topic);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return offsets;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, String group) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, group + ".validator");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
