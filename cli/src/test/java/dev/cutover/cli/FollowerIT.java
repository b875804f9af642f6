package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.capture.sqlite.plan.SqlitePlanner;
import dev.cutover.schemas.Topics;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.codec.RecordKeyCodec;
import dev.cutover.schemas.codec.RowChangeCodec;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.sink.OffsetStore;
import dev.cutover.sink.PgTarget;
import dev.cutover.validator.Follower;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --follow}'s checker against a real broker and a real PostgreSQL: each change the sink has committed
 * (its offset is below the sink's stored offset) is compared with the target row; a later change to the same key
 * wins; changes the sink has not committed yet are not judged.
 */
@ExtendWith(PipelineServices.class)
class FollowerIT {

    @Test
    void shouldReportTargetRowsThatDoNotMatchTheCommittedChanges(PipelineServices.Services services, @TempDir Path dir)
            throws Exception {
        Path source = SampleDatabases.create(dir.resolve("items.db"),
                "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL)");
        Plan plan = SqlitePlanner.plan(source, PlanOptions.defaults());
        PgTarget target = services.newDatabase();
        Topics topics = new Topics("cutover.follow-test");
        services.createTopics(topics, 1);
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id bigint PRIMARY KEY, name text, price double precision)");
            OffsetStore.ensureTable(c);
        }
        Follower follower = new Follower(plan, topics, "m1");
        List<Follower.Mismatch> mismatches = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread following = new Thread(() -> {
            try {
                follower.follow(services.kafka(), target::connect, stop::get, mismatches::add);
            } catch (Exception e) {
                failure.set(e);
            }
        });
        following.start();
        Thread.sleep(3000); // the follower starts at the sink's offsets as they are now: none yet, so from the start

        produce(services.kafka(), topics, List.of(
                upsert(1, "a", "1.5"), upsert(2, "b", "2.5"), delete(3), upsert(1, "a2", "1.5"), upsert(4, "d", "4")));
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO item VALUES (1, 'a2', 1.5), (2, 'WRONG', 2.5), (3, 'still here', 3)");
            new OffsetStore("m1", topics.rows()).save(c, Map.of(0, 4L));
            c.commit();
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (follower.checked() < 3 && System.currentTimeMillis() < deadline && failure.get() == null) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        stop.set(true);
        following.join(10_000);

        assertThat(failure.get()).isNull();
        assertThat(follower.checked()).isEqualTo(3);
        assertThat(mismatches).containsExactlyInAnyOrder(
                new Follower.Mismatch("item", "{\"id\":2}", "name", "b", "WRONG"),
                new Follower.Mismatch("item", "{\"id\":3}", null, "deleted", "present"));
    }

    private static void produce(String bootstrap, Topics topics, List<RowChange> rows) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (RowChange row : rows) {
                producer.send(new ProducerRecord<>(topics.rows(), 0, RecordKeyCodec.encode(row.getTable(), row.getKey()),
                        RowChangeCodec.encode(row))).get();
            }
        }
    }

    private static RowChange upsert(long id, String name, String price) {
        return row(id, RowOperation.UPSERT, List.of("id", "name", "price"), List.of(Long.toString(id), name, price));
    }

    private static RowChange delete(long id) {
        return row(id, RowOperation.DELETE, List.of(), List.of());
    }

    private static RowChange row(long id, RowOperation op, List<String> columns, List<Object> values) {
        return RowChange.newBuilder().setSource("sqlite:items.db").setSourceTable("item").setTable("item").setOp(op)
                .setKeyColumns(List.of("id")).setKey(List.of(Long.toString(id))).setSourceKey("{\"id\": " + id + "}")
                .setColumns(columns).setValues(values).setSourceTimeMs(0).setCaptureTimeMs(0).build();
    }
}
