package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.transform.TransformConfig;
import dev.cutover.transform.RoundedCounts;
import dev.cutover.transform.TransformListener;
import dev.cutover.transform.TransformService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run stops its transform workers moments after they started, often while their consumer group is still
 * rebalancing because the second worker joined after the first had settled (the demo did, about every other run).
 * The workers must stop at once even then, not wait for a join the coordinator holds until every member rejoins,
 * be interrupted after the service's grace period, and report that as a failure. Here a member that stops polling
 * holds the rebalance open, as the settled first worker does until its next heartbeat.
 */
@ExtendWith(PipelineServices.class)
class TransformStopIT {

    @Test
    void shouldStopWorkersWhileTheirGroupRebalances(PipelineServices.Services services, @TempDir Path dir)
            throws Exception {
        Plan plan = SqlitePlanner.plan(SampleDatabases.create(dir.resolve("items.db"),
                "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)"), PlanOptions.defaults());
        Topics topics = new Topics("cutover.transform-stop-test");
        services.createTopics(topics, 2);
        String group = topics.prefix() + ".transform";
        KafkaConsumer<byte[], byte[]> settled = settledMember(services.kafka(), group, topics.raw());
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        TransformService transform = new TransformService(
                new TransformConfig(services.kafka(), topics, 2, 1 << 20, "none"), plan, new TransformListener() {
                    @Override
                    public void committed(int rows, int rejected, RoundedCounts rounded) {
                    }

                    @Override
                    public void failed(Throwable error) {
                        failures.add(error);
                    }
                });
        transform.start();
        GroupState state;
        try (Admin admin = admin(services.kafka())) {
            state = awaitJoins(admin, group, 3);
        } finally {
            transform.close();
            settled.close(CloseOptions.timeout(Duration.ZERO));
        }

        assertThat(state).as("the group was rebalancing, the workers' joins held, when they were stopped")
                .isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(failures).as("workers interrupted after the grace period report a failure").isEmpty();
    }

    /**
     * A member of the group that has its assignment and then stops polling: it only learns of a rebalance at its next
     * poll, so the joins of later members wait for it.
     */
    private static KafkaConsumer<byte[], byte[]> settledMember(String bootstrapServers, String group, String topic)
            throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 60_000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        assertThat(consumer.assignment()).as("the settled member's partitions").isNotEmpty();
        return consumer;
    }

    /** Waits until {@code members} members have joined the rebalancing group, or up to 20 s; returns its state. */
    private static GroupState awaitJoins(Admin admin, String group, int members) throws Exception {
        GroupState state = GroupState.UNKNOWN;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS);
            state = groups.get(group).groupState();
            if (state == GroupState.PREPARING_REBALANCE && groups.get(group).members().size() >= members) {
                return state;
            }
            Thread.sleep(20);
        }
        return state;
    }

    private static Admin admin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(p);
    }
}
