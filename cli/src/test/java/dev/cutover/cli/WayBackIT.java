package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.Topics;
import dev.cutover.schemas.codec.ChangeEventCodec;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way back: after the switch the application writes to PostgreSQL while instances not yet switched still write
 * to SQLite; PostgreSQL's changes stream into the SQLite file in SQLite's own forms, neither direction echoes the
 * other's writes, and {@code rollback} proves SQLite equal to PostgreSQL.
 */
@ExtendWith(PipelineServices.class)
class WayBackIT {
    private static final String[] SCHEMA = {
        "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, active BOOLEAN NOT NULL, "
                + "created_at DATETIME, meta JSON)",
        "CREATE TABLE note (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES item(id), body TEXT)",
    };

    @TempDir
    Path dir;

    @Test
    void shouldStreamPostgresChangesBackWithoutEchoesAndRollBackEqual(PipelineServices.Services services)
            throws Exception {
        Live live = startWithWayBack(services, 40);
        Path source = live.source();
        PgTarget target = live.target();
        Path work = live.work();
        Topics topics = new WorkDir(work).existingMigration().orElseThrow().topics();
        long rawBefore = countChangeEvents(services.kafka(), topics.raw());

        Future<?> lateSqliteWrites = Executors.newSingleThreadExecutor().submit(() -> {
            for (int id = 501; id <= 520; id++) {
                SampleDatabases.execute(source, items(id, id));
            }
            return null;
        });
        int postgresChanges = applicationWritesToPostgres(target);
        lateSqliteWrites.get(60, TimeUnit.SECONDS);
        LiveMigrationSupport.awaitCaughtUp(work, 60);

        com.fasterxml.jackson.databind.JsonNode wayBack = LiveMigrationSupport.status(work).get("wayBack");
        assertThat(wayBack.get("streaming").asBoolean()).isTrue();
        assertThat(wayBack.get("warnings")).isEmpty();
        assertThat(wayBack.get("retainedWalBytes").isIntegralNumber()).as("the slot's WAL, read from PostgreSQL: "
                + wayBack).isTrue();
        assertThat(CommandOutput.run("status", "--work", work.toString()).out())
                .contains("way back  streaming, slot cutover_wb_");
        CommandOutput rollback = CommandOutput.run("rollback", "--work", work.toString());
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("READY TO SWITCH BACK");
        assertThat(live.running().get(60, TimeUnit.SECONDS)).isZero();

        assertThat(countChangeEvents(services.kafka(), topics.prefix() + ".reverse") - markers(services.kafka(), topics))
                .as("changes streamed back: the application's only, none of the forward sink's").isEqualTo(postgresChanges);
        assertThat(countChangeEvents(services.kafka(), topics.raw()) - rawBefore)
                .as("changes captured from SQLite: the late writes only, none of the way back's").isEqualTo(20);
        assertThat(SampleDatabases.text(source, "SELECT typeof(active) || ':' || active FROM item WHERE id = 3")).isEqualTo("integer:0");
        assertThat(SampleDatabases.text(source, "SELECT created_at FROM item WHERE id = 3")).isEqualTo("2024-02-29 23:59:58");
        assertThat(SampleDatabases.text(source, "SELECT meta FROM item WHERE id = 3")).isEqualTo("{\"n\":2,\"tags\":[\"b\"]}");
        assertThat(SampleDatabases.text(source, "SELECT meta FROM item WHERE id = 4")).as("JSON PostgreSQL did not change keeps its text")
                .isEqualTo("{\"tags\": [\"a\"], \"n\": 4}");
        assertThat(SampleDatabases.text(source, "SELECT count(*) FROM item WHERE id = 7")).isEqualTo("0");
        assertThat(SampleDatabases.text(source, "SELECT name FROM item WHERE id = 100007")).isEqualTo("item 7");
        assertThat(SampleDatabases.text(source, "SELECT count(*) FROM item")).isEqualTo(query(target, "SELECT count(*) FROM item"));
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rollback dropped the slot").isZero();
        }
    }

    @Test
    void shouldDropTheSlotAndLeaveTheSourceAsItWasOnStopRemoveCapture(PipelineServices.Services services)
            throws Exception {
        Live live = startWithWayBack(services, 5);
        Path source = live.source();
        PgTarget target = live.target();
        Path work = live.work();
        assertThat(query(target, "SELECT count(*) FROM pg_replication_slots")).isEqualTo("1");
        CommandOutput reverse = CommandOutput.run("reverse", "--work", work.toString());
        assertThat(reverse.exitCode()).as(reverse.out() + reverse.err()).isZero();
        assertThat(reverse.out()).contains("way back: already streaming PostgreSQL's changes into " + source);

        CommandOutput stop = CommandOutput.run("stop", "--remove-capture", "--work", work.toString());
        assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
        assertThat(stop.out()).contains("replication slot and publication cutover_wb_");
        assertThat(live.running().get(60, TimeUnit.SECONDS)).isZero();
        assertThat(query(target, "SELECT count(*) FROM pg_replication_slots")).isEqualTo("0");
        assertThat(query(target, "SELECT count(*) FROM pg_publication")).isEqualTo("0");
        assertThat(SampleDatabases.text(source, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '\\_cutover%' ESCAPE '\\'"))
                .isEqualTo("0");
    }

    @Test
    void shouldSendAValueSqliteCannotHoldToTheErrorLogAndNotSwitchBack(PipelineServices.Services services)
            throws Exception {
        Live live = startWithWayBack(services, 5);
        Path source = live.source();
        PgTarget target = live.target();
        Path work = live.work();
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE item SET price = 'NaN', name = 'not a number' WHERE id = 2");
            s.execute("UPDATE item SET name = 'fine' WHERE id = 3");
        }

        CommandOutput rollback = CommandOutput.run("rollback", "--work", work.toString());
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isEqualTo(1);
        assertThat(rollback.out()).contains("NOT READY TO SWITCH BACK").contains("1 changes are in the error log");
        live.running().get(60, TimeUnit.SECONDS);
        assertThat(SampleDatabases.text(source, "SELECT name FROM item WHERE id = 2")).as("the row stays as SQLite had it")
                .isEqualTo("item 2");
        assertThat(SampleDatabases.text(source, "SELECT name FROM item WHERE id = 3")).isEqualTo("fine");
        assertThat(java.nio.file.Files.readAllLines(work.resolve("errors.jsonl"))).anySatisfy(line -> assertThat(line)
                .contains("\"stage\":\"reverse\"").contains("\"table\":\"item\"").contains("NaN")
                .contains("{\"id\":2}"));
    }

    /**
     * A live run of a fresh SQLite file with {@code rows} items (plan first says the target can run the way back),
     * caught up and finalized with the way back.
     */
    private Live startWithWayBack(PipelineServices.Services services, int rows) throws Exception {
        Path source = dir.resolve("app.db");
        SampleDatabases.create(source, SCHEMA);
        SampleDatabases.execute(source, items(1, rows));
        PgTarget target = services.newDatabase();
        CommandOutput plan = CommandOutput.run("plan", "--source", "sqlite:" + source, "--target", target.toString(),
                "--work", dir.resolve("plan-work").toString());
        assertThat(plan.out()).as(plan.err()).contains("way back: this PostgreSQL can stream changes back");
        Path work = dir.resolve("work");
        RunOptions options = new RunOptions(Sources.parse("sqlite:" + source), target, services.kafka(),
                new WorkDir(work), false, 2, 2, 2, 2048, 64 << 20);
        Future<Integer> running = Executors.newSingleThreadExecutor()
                .submit(new MigrationRun(options, System.out)::execute);
        try {
            LiveMigrationSupport.awaitStreaming(work, 120);
        } catch (AssertionError e) {
            throw LiveMigrationSupport.withOutcome(e, running);
        }
        LiveMigrationSupport.awaitCaughtUp(work, 60);
        CommandOutput finalized = CommandOutput.run("finalize", "--with-way-back", "--work", work.toString());
        assertThat(finalized.exitCode()).as(finalized.out() + finalized.err()).isZero();
        assertThat(finalized.out()).contains("READY").contains("way back: slot cutover_wb_");
        return new Live(source, target, work, running);
    }

    private record Live(Path source, PgTarget target, Path work, Future<Integer> running) {
    }

    /** The application after the switch; returns how many row changes it made (a key change counts as two). */
    private static int applicationWritesToPostgres(PgTarget target) throws SQLException {
        int changes = 0;
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            for (int i = 0; i < 10; i++) {
                s.execute("INSERT INTO item (name, price, active, created_at, meta) VALUES ('pg " + i + "', " + i
                        + ".25, true, '2025-01-0" + (i % 9 + 1) + " 08:00:00', '{\"source\": \"pg\"}')");
                changes++;
            }
            s.execute("UPDATE item SET active = false, created_at = '2024-02-29 23:59:58', "
                    + "meta = '{\"tags\": [\"b\"], \"n\": 2}' WHERE id = 3");
            s.execute("UPDATE item SET price = 99.5 WHERE id = 4");
            s.execute("UPDATE item SET id = 100007 WHERE id = 7");
            s.execute("DELETE FROM item WHERE id = 9");
            s.execute("INSERT INTO note (item_id, body) VALUES (100007, 'after the switch')");
            changes += 1 + 1 + 2 + 1 + 1;
        }
        return changes;
    }

    private static String items(int from, int to) {
        StringBuilder sql = new StringBuilder("INSERT INTO item VALUES ");
        for (int id = from; id <= to; id++) {
            sql.append(id == from ? "" : ", ").append("(").append(id).append(", 'item ").append(id).append("', ")
                    .append(id).append(".5, ").append(id % 2).append(", '2024-01-0").append(id % 9 + 1)
                    .append(" 10:20:30', '{\"tags\": [\"a\"], \"n\": ").append(id).append("}')");
        }
        return sql.toString();
    }

    private static long markers(String kafka, Topics topics) {
        return records(kafka, topics.prefix() + ".reverse").stream()
                .filter(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains("way_back_marker"))
                .count();
    }

    /** Change events on a topic (a batch record counts its events). */
    private static long countChangeEvents(String kafka, String topic) {
        long events = 0;
        for (ConsumerRecord<byte[], byte[]> record : records(kafka, topic)) {
            events += topic.endsWith(".raw") && ChangeEventCodec.isBatch(record.value())
                    ? ChangeEventCodec.decodeAll(record.value()).size() : 1;
        }
        return events;
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(String kafka, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    private static String query(PgTarget target, String sql) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
