package dev.cutover.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cutover.schemas.plan.Plan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink stage: writes the row topic into PostgreSQL through a HikariCP pool. The row topic's partitions are split
 * among the workers; offsets live in PostgreSQL next to the data (see {@link OffsetStore}).
 */
public final class SinkService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);

    private final SinkConfig config;
    private final Plan plan;
    private final SinkListener listener;
    private final HikariDataSource pool;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final List<SinkWorker> workers = new ArrayList<>();
    private ExecutorService threads;

    public SinkService(SinkConfig config, Plan plan, PgTarget target, SinkListener listener) {
        this.config = config;
        this.plan = plan;
        this.listener = listener;
        this.pool = pool(target, config.workers() + 1);
        this.deadLetters = new KafkaProducer<>(producerProperties(config));
    }

    static HikariDataSource pool(PgTarget target, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("cutover-sink");
        hikari.setJdbcUrl(target.jdbcUrl());
        hikari.setUsername(target.user());
        hikari.setPassword(target.password());
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(10_000);
        hikari.setInitializationFailTimeout(-1);
        hikari.setConnectionInitSql(OriginSessions.SETUP);
        Properties props = new Properties();
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "cutover-sink");
        hikari.setDataSourceProperties(props);
        return new HikariDataSource(hikari);
    }

    private static Properties producerProperties(SinkConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.topics().prefix() + ".sink-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxMessageBytes());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Creates the offsets table if needed and starts the workers. */
    public void start() {
        try (Connection connection = pool.getConnection()) {
            OffsetStore.ensureTable(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the cutover.sink_offsets table: " + e.getMessage(), e);
        }
        Map<String, TableStatements> tables = TableStatements.forPlan(plan);
        List<List<TopicPartition>> shares = shares(partitions());
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(shares.size(), r -> new Thread(r, "cutover-sink-" + n.getAndIncrement()));
        for (List<TopicPartition> share : shares) {
            SinkWorker worker = new SinkWorker(config, pool, share, new BatchWriter(tables), deadLetters, listener);
            workers.add(worker);
            threads.execute(worker);
        }
        LOG.info("sink: {} workers writing {} into PostgreSQL", shares.size(), config.topics().rows());
    }

    private List<TopicPartition> partitions() {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.bootstrapServers());
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(config.topics().rows())) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            return partitions;
        }
    }

    private List<List<TopicPartition>> shares(List<TopicPartition> partitions) {
        int count = Math.min(config.workers(), partitions.size());
        List<List<TopicPartition>> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shares.add(new ArrayList<>());
        }
        for (TopicPartition partition : partitions) {
            shares.get(partition.partition() % count).add(partition);
        }
        return shares;
    }

    /**
     * Has HikariCP report its pool's metrics (connections, acquire and usage times) to {@code meterRegistry}, a
     * Micrometer {@code MeterRegistry} (typed Object so the sink does not depend on Micrometer). Once per service.
     */
    public void bindMetrics(Object meterRegistry) {
        pool.setMetricRegistry(meterRegistry);
    }

    /**
     * Replaces every pooled connection (those in use once their batch is done): the new ones decide again whether they
     * must carry a replication origin, which they must once the way back exists (see {@link OriginSessions}).
     */
    public void renewConnections() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean != null) {
            bean.softEvictConnections();
        }
    }

    /** The pool's connections now; all zero while the pool is still starting. */
    public PoolStatistics poolStatistics() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolStatistics(0, 0, 0, 0);
        }
        return new PoolStatistics(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection());
    }

    /** Stops the workers after their current batch, then the pool. */
    @Override
    public void close() {
        workers.forEach(SinkWorker::stop);
        if (threads != null) {
            threads.shutdown();
            try {
                if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("sink workers did not stop within 10 s (PostgreSQL or Kafka unreachable?); interrupting them");
                    threads.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deadLetters.close();
        pool.close();
    }
}
