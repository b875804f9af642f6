package dev.cutover.validator;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.codec.RowChangeCodec;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Continuous validation: follows the row topic and, once the sink has committed past a change, checks that the target
 * row is what the change says (present with these values, or gone). Each round reads the sink's committed offsets and
 * the rows in one REPEATABLE READ snapshot; since the sink commits offsets with the data, that snapshot holds exactly
 * the changes before those offsets, so the last change per key among them is what the row must equal. PostgreSQL
 * judges equality itself, after casting the change's text to the column's type.
 */
public final class Follower {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Plan plan;
    private final Topics topics;
    private final String migration;
    private final Map<String, TablePlan> byTarget = new HashMap<>();
    private final List<ConsumerRecord<byte[], byte[]>> ahead = new ArrayList<>();
    private long checked;
    private long mismatches;

    public Follower(Plan plan, Topics topics, String migration) {
        this.plan = plan;
        this.topics = topics;
        this.migration = migration;
        plan.tables().forEach(t -> byTarget.put(t.target(), t));
    }

    /**
     * A target row that does not match the change the sink committed.
     *
     * @param table  source table name
     * @param key    {@link RowKey} JSON
     * @param column the source column that differs, or null when the row itself is missing or should be gone
     * @param change the value the change carries (PostgreSQL text), or a description for a whole row
     * @param target the target's value as text
     */
    public record Mismatch(String table, String key, String column, String change, String target) {
    }

    public long checked() {
        return checked;
    }

    public long mismatches() {
        return mismatches;
    }

    /** Follows from the sink's current position until {@code stop} says so. */
    public void follow(String bootstrapServers, ConnectionFactory target, BooleanSupplier stop,
                       Consumer<Mismatch> report) throws SQLException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers);
             Connection postgres = target.open()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.rows(), Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(topics.rows(), p.partition())).toList();
            consumer.assign(partitions);
            Map<Integer, Long> start = committed(postgres);
            postgres.commit();
            partitions.forEach(p -> consumer.seek(p, start.getOrDefault(p.partition(), 0L)));
            while (!stop.getAsBoolean()) {
                round(consumer, postgres, report);
            }
        }
    }

    /** One round: changes the sink committed since the last round, checked in one snapshot. */
    void round(KafkaConsumer<byte[], byte[]> consumer, Connection postgres, Consumer<Mismatch> report)
            throws SQLException {
        try {
            Map<Integer, Long> committed = committed(postgres);
            Map<String, RowChange> latest = new LinkedHashMap<>();
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(ahead);
            ahead.clear();
            consumer.poll(POLL).forEach(records::add);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (record.offset() >= committed.getOrDefault(record.partition(), 0L)) {
                    ahead.add(record);
                } else if (record.value() != null) {
                    for (RowChange row : RowChangeCodec.decodeAll(record.value())) {
                        latest.put(row.getTable() + "\u0000" + row.getSourceKey(), row);
                    }
                }
            }
            for (RowChange row : latest.values()) {
                check(row, postgres).forEach(mismatch -> {
                    mismatches++;
                    report.accept(mismatch);
                });
                checked++;
            }
        } finally {
            postgres.commit();
        }
        if (ahead.size() > 100_000) {
            consumer.pause(consumer.assignment());
        } else {
            consumer.resume(consumer.paused());
        }
    }

    private List<Mismatch> check(RowChange row, Connection postgres) throws SQLException {
        TablePlan table = byTarget.get(row.getTable());
        if (table == null) {
            return List.of();
        }
        String key = RowKey.normalize(row.getSourceKey(), table.key().sourceColumns());
        TableSql sql = new TableSql(plan.targetSchema(), table);
        List<String> tests = new ArrayList<>();
        List<ColumnPlan> columns = new ArrayList<>();
        for (String column : row.getColumns()) {
            ColumnPlan plan = column(table, column).orElse(null);
            if (plan != null) {
                columns.add(plan);
                String quoted = quote(plan.target());
                tests.add(quoted + " IS NOT DISTINCT FROM CAST(? AS " + plan.targetType() + "), " + quoted + "::text");
            }
        }
        String select = "SELECT 1" + (tests.isEmpty() ? "" : ", " + String.join(", ", tests)) + " FROM "
                + sql.targetTable() + " WHERE " + sql.targetKeyIn(1);
        try (PreparedStatement statement = postgres.prepareStatement(select)) {
            int index = 1;
            for (ColumnPlan column : columns) {
                bindValue(statement, index++, row.getValues().get(row.getColumns().indexOf(column.target())));
            }
            Object[] keyValues = new Object[row.getKey().size()];
            for (int i = 0; i < keyValues.length; i++) {
                keyValues[i] = plain(row.getKey().get(i));
            }
            TableSql.bind(statement, index, keyValues);
            try (ResultSet rs = statement.executeQuery()) {
                boolean present = rs.next();
                if (row.getOp() == RowOperation.DELETE) {
                    return present ? List.of(new Mismatch(table.source(), key, null, "deleted", "present")) : List.of();
                }
                if (!present) {
                    return List.of(new Mismatch(table.source(), key, null, "present", "missing"));
                }
                List<Mismatch> found = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    if (!rs.getBoolean(2 + 2 * i)) {
                        Object value = row.getValues().get(row.getColumns().indexOf(columns.get(i).target()));
                        found.add(new Mismatch(table.source(), key, columns.get(i).source(),
                                String.valueOf(plain(value) instanceof byte[] ? "(bytes)" : plain(value)),
                                rs.getString(3 + 2 * i)));
                    }
                }
                return found;
            }
        }
    }

    private static Optional<ColumnPlan> column(TablePlan table, String target) {
        return table.columns().stream().filter(c -> c.target().equals(target) && c.written()).findFirst();
    }

    private static void bindValue(PreparedStatement statement, int index, Object value) throws SQLException {
        Object plain = plain(value);
        if (plain instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else {
            statement.setString(index, plain == null ? null : plain.toString());
        }
    }

    private static Object plain(Object value) {
        if (value instanceof ByteBuffer buffer) {
            return ValueEquality.bytes(buffer);
        }
        return value instanceof CharSequence text ? text.toString() : value;
    }

    /** The sink's committed offsets, read inside the round's snapshot (which this first statement starts). */
    private Map<Integer, Long> committed(Connection postgres) throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        postgres.setAutoCommit(false);
        postgres.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (PreparedStatement statement = postgres.prepareStatement(
                "SELECT partition, next_offset FROM cutover.sink_offsets WHERE migration = ? AND topic = ?")) {
            statement.setString(1, migration);
            statement.setString(2, topics.rows());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return offsets;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "cutover-validator-follow");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

}
