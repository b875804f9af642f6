package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.capture.mongodb.TestMongoServer;
import dev.cutover.sink.PgTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MongoDB source's command-line options through the real commands against the in-process test server: the
 * database given apart from a connection string without one ({@code --database}), {@code run --resnapshot} reading
 * one collection again and no other, its refusals, and a password that appears in no output or log.
 */
@ExtendWith(PipelineServices.class)
class MongoDbCommandsIT {
    private static final String PASSWORD = "pw-Zq81-never-shown";

    @TempDir
    Path dir;
    private TestMongoServer mongo;

    @BeforeEach
    void startServer() {
        mongo = TestMongoServer.start(dir.resolve("mongo.mv"));
        mongo.collection("app", "users").insertMany(List.of(BsonDocument.parse("{\"_id\": 1, \"name\": \"Ann\"}"),
                BsonDocument.parse("{\"_id\": 2, \"name\": \"Bob\"}"), BsonDocument.parse("{\"_id\": 3, \"name\": \"Cy\"}")));
        mongo.collection("app", "orders").insertMany(List.of(BsonDocument.parse("{\"_id\": \"o1\", \"item\": \"pen\"}"),
                BsonDocument.parse("{\"_id\": \"o2\", \"item\": \"ink\"}")));
    }

    @AfterEach
    void stopServer() {
        mongo.close();
    }

    /** {@code mongodb://127.0.0.1:PORT/?serverSelectionTimeoutMS=5000}: no database in the path. */
    private String withoutDatabase() {
        return "mongodb://127.0.0.1:" + mongo.port() + "/?serverSelectionTimeoutMS=5000";
    }

    private CommandOutput runOnce(PipelineServices.Services services, PgTarget target, Path work, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--once", "--source", withoutDatabase(),
                "--database", "app", "--target", target.toString(), "--kafka", services.kafka(), "--work",
                work.toString()));
        args.addAll(List.of(more));
        return CommandOutput.run(args.toArray(String[]::new));
    }

    @Test
    void shouldReadOnlyTheNamedCollectionAgainWithResnapshot(PipelineServices.Services services) throws Exception {
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        CommandOutput first = runOnce(services, target, work);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("source: mongodb://127.0.0.1:" + mongo.port() + "/app");
        assertThat(rows(target, "SELECT name FROM users")).containsExactly("Ann", "Bob", "Cy");
        execute(target, "UPDATE users SET name = 'changed in PostgreSQL'");
        execute(target, "UPDATE orders SET item = 'changed in PostgreSQL'");

        CommandOutput again = runOnce(services, target, work, "--resnapshot", "users");

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(rows(target, "SELECT name FROM users")).as("users read again").containsExactly("Ann", "Bob", "Cy");
        assertThat(rows(target, "SELECT item FROM orders")).as("orders not read again")
                .containsExactly("changed in PostgreSQL", "changed in PostgreSQL");
    }

    @Test
    void shouldRefuseToReadAgainACollectionThePlanDoesNotHave(PipelineServices.Services services) {
        PgTarget target = services.newDatabase();
        Path work = dir.resolve("work");
        assertThat(runOnce(services, target, work).exitCode()).isZero();

        CommandOutput refused = runOnce(services, target, work, "--resnapshot", "user");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--resnapshot user is not a collection of plan.json")
                .contains("orders").contains("users");
    }

    @Test
    void shouldRefuseResnapshotAndDatabaseForASourceWithoutCollections(PipelineServices.Services services)
            throws Exception {
        Path sqlite = dir.resolve("app.db");
        AppWriter.createDatabase(sqlite, 10);
        String[] common = {"--source", "sqlite:" + sqlite, "--target", services.newDatabase().toString(), "--kafka",
            services.kafka(), "--work", dir.resolve("work").toString()};

        CommandOutput resnapshot = CommandOutput.run(concat(new String[] {"run", "--once", "--resnapshot", "customer"},
                common));
        CommandOutput database = CommandOutput.run(concat(new String[] {"run", "--once", "--database", "app"}, common));

        assertThat(resnapshot.exitCode()).isEqualTo(2);
        assertThat(resnapshot.err()).contains("--resnapshot customer").contains("leave out --resnapshot");
        assertThat(database.exitCode()).isEqualTo(2);
        assertThat(database.err()).contains("--database app").contains("leave out --database");
    }

    /** The test server knows no users: signing in fails, and every command says so without the password. */
    @Test
    void shouldShowThePasswordNowhere(PipelineServices.Services services) throws Exception {
        Path work = dir.resolve("work");
        String source = "mongodb://cutover:" + PASSWORD + "@127.0.0.1:" + mongo.port() + "/?authSource=admin";
        String target = services.newDatabase().toString();
        List<CommandOutput> outputs = List.of(
                CommandOutput.run("plan", "--source", source, "--database", "app", "--work", work.toString()),
                CommandOutput.run("run", "--once", "--source", source, "--database", "app", "--target", target,
                        "--kafka", services.kafka(), "--work", work.toString()),
                CommandOutput.run("validate", "--source", source, "--database", "app", "--target", target,
                        "--work", work.toString()),
                CommandOutput.run("run", "--source", source, "--target", target, "--work", work.toString()));

        for (CommandOutput output : outputs) {
            assertThat(output.exitCode()).as(output.err()).isIn(2, 3);
            assertThat(output.out() + output.err()).contains("cutover").doesNotContain(PASSWORD);
        }
        assertThat(outputs.get(3).err()).contains("names no database").contains("--database");
        try (Stream<Path> files = Files.exists(work) ? Files.walk(work) : Stream.empty()) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(PASSWORD);
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void execute(PgTarget target, String sql) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(PgTarget target, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet result = s.executeQuery(sql + " ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
