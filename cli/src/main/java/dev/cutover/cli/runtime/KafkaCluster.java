package dev.cutover.cli.runtime;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Administration of the migration's topics: reachability, creation, end offsets and consumer positions (from which
 * lag and draining are computed).
 */
public final class KafkaCluster implements AutoCloseable {
    private static final long TIMEOUT_S = 15;
    private static final long RETRY_MS = 100;

    private final Admin admin;
    private final String bootstrapServers;

    private KafkaCluster(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /** Connects and checks that a broker answers; otherwise exits with a message naming the address. */
    public static KafkaCluster connect(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (RuntimeException e) {
            throw CutoverException.usage("--kafka '" + bootstrapServers + "' is not a valid bootstrap list ("
                    + e.getMessage() + "); expected host:port[,host:port]");
        }
        KafkaCluster cluster = new KafkaCluster(admin, bootstrapServers);
        try {
            admin.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            cluster.close();
            throw new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "cannot reach Kafka at " + bootstrapServers
                    + " within " + TIMEOUT_S + " s; check that the brokers run and --kafka lists the right host:port", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "interrupted while connecting to Kafka", e);
        }
        return cluster;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates the migration's topics that do not exist yet. Data topics keep records forever (retention -1): a stage
     * that is down for a week must still find everything it has not applied.
     */
    public void createTopics(Topics topics, int partitions, int maxMessageBytes) {
        Map<String, String> configs = Map.of(
                "retention.ms", "-1",
                "max.message.bytes", Integer.toString(maxMessageBytes + 1024),
                "compression.type", "producer");
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(new NewTopic(topics.raw(), Optional.of(partitions), Optional.empty()).configs(configs));
        wanted.add(new NewTopic(topics.rows(), Optional.of(partitions), Optional.empty()).configs(configs));
        wanted.add(new NewTopic(topics.deadLetters(), Optional.of(1), Optional.empty()).configs(configs));
        wanted.add(new NewTopic(topics.control(), Optional.of(1), Optional.empty()).configs(configs));
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw unreachable("create the migration's topics", e);
            }
        } catch (TimeoutException e) {
            throw unreachable("create the migration's topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("create the migration's topics", e);
        }
    }

    /**
     * The latest offset of every partition of a topic. A topic created a moment ago may not be known yet to the
     * broker that leads a partition ("does not host this topic-partition", a retriable error): that is asked again
     * until the timeout, as the Kafka clients do themselves.
     */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                return readEndOffsets(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw unreachable("read the end offsets of " + topic, e);
                }
            } catch (TimeoutException e) {
                throw unreachable("read the end offsets of " + topic, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable("read the end offsets of " + topic, e);
            }
            try {
                Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "interrupted while reading the end offsets of "
                        + topic, e);
            }
        }
    }

    private Map<TopicPartition, Long> readEndOffsets(String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** The offsets a consumer group has committed on a topic (partitions without a commit are absent). */
    public Map<TopicPartition, Long> committed(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            all.forEach((partition, offset) -> {
                if (offset != null && partition.topic().equals(topic)) {
                    offsets.put(partition, offset.offset());
                }
            });
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable("read the offsets of consumer group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("read the offsets of consumer group " + group, e);
        }
    }

    /** The cluster's id and how many brokers it has, as its controller reports them now. */
    public Description describe() {
        try {
            DescribeClusterResult cluster = admin.describeCluster();
            String id = cluster.clusterId().get(TIMEOUT_S, TimeUnit.SECONDS);
            return new Description(id, cluster.nodes().get(TIMEOUT_S, TimeUnit.SECONDS).size());
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable("describe the cluster", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("describe the cluster", e);
        }
    }

    /** A Kafka cluster's identity and size. */
    public record Description(String clusterId, int brokers) {
    }

    /** Micrometer's binder of this cluster's admin client (connections, requests, I/O); the caller binds and closes it. */
    public KafkaClientMetrics clientMetrics() {
        return new KafkaClientMetrics((AdminClient) admin);
    }

    /** Events not yet consumed: the sum over partitions of end offset minus position (absent position counts as 0). */
    public static long lag(Map<TopicPartition, Long> end, Map<TopicPartition, Long> positions) {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            lag += Math.max(0, e.getValue() - positions.getOrDefault(e.getKey(), 0L));
        }
        return lag;
    }

    private CutoverException unreachable(String action, Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new CutoverException(ErrorCode.KAFKA_UNREACHABLE, "cannot " + action + " on Kafka at " + bootstrapServers
                + " (" + cause.getMessage() + "); check that the brokers run", e);
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
