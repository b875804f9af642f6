package dev.cutover.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.cutover.cli.runtime.EmbeddedPostgres;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.Sources;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * {@code cutover demo --source mongodb}: an in-process MongoDB test server (mongo-java-server on an H2 file in the
 * work directory, oplog on) on a local port, loaded with bundled documents (groups, users with an array of group ids,
 * posts referring to their author), migrated live into an embedded PostgreSQL while this class makes inserts,
 * {@code $set}s, array changes, a replacement and deletes; then what moved, collection by collection and table by
 * table. The server's address is printed, so the user can write to it while the demo streams.
 */
final class MongoDemo {
    static final String DATABASE = "demo";
    private static final List<String> COLLECTIONS = List.of("groups", "users", "posts");
    private static final long STEP_MS = 400;

    private final WorkDir work;
    private final int liveSeconds;
    private final PrintStream out;

    MongoDemo(WorkDir work, int liveSeconds, PrintStream out) {
        this.work = work;
        this.liveSeconds = liveSeconds;
        this.out = out;
    }

    int run() throws InterruptedException {
        try {
            Files.createDirectories(work.root());
        } catch (IOException e) {
            throw CutoverException.config("cannot create the demo work directory " + work.root() + " ("
                    + e.getMessage() + ")");
        }
        MongoServer server = new MongoServer(new H2Backend(work.root().resolve("mongo.mv").toString()));
        server.enableOplog();
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort() + "/" + DATABASE;
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (MongoClient client = MongoClients.create(uri);
             EmbeddedPostgres postgres = EmbeddedPostgres.start(work.postgres())) {
            MongoDatabase database = client.getDatabase(DATABASE);
            load(database);
            out.println("Cutover demo: a MongoDB test server (in this process) at " + uri + " holds the bundled "
                    + "documents; they move live through an embedded Kafka into an embedded PostgreSQL at "
                    + postgres.target() + ", all in " + work.root());
            RunOptions options = new RunOptions(Sources.parse(uri), postgres.target(), null, work, false, 4, 2, 2,
                    2048, 64 << 20);
            MigrationRun run = new MigrationRun(options, out);
            Future<Integer> running = thread.submit(run::execute);
            awaitPhase(run, running, phase -> !phase.equals("snapshot"));
            change(database);
            awaitPhase(run, running, "caught up"::equals);
            if (liveSeconds > 0) {
                out.println("live for " + liveSeconds + " s: write to " + uri + " (e.g. mongosh " + uri + ") and the "
                        + "rows follow; Ctrl+C ends the demo");
                Thread.sleep(liveSeconds * 1000L);
                awaitPhase(run, running, "caught up"::equals);
            }
            run.requestStop();
            int code = exitCode(running);
            summarize(database, postgres.target());
            return code;
        } finally {
            thread.shutdownNow();
            server.shutdownNow();
        }
    }

    private static void load(MongoDatabase database) {
        for (String collection : COLLECTIONS) {
            List<BsonDocument> documents = new ArrayList<>();
            for (String line : sample(collection).split("\n")) {
                if (!line.isBlank()) {
                    documents.add(BsonDocument.parse(line));
                }
            }
            database.getCollection(collection, BsonDocument.class).insertMany(documents);
        }
    }

    private static String sample(String collection) {
        String resource = "/demo/mongodb/" + collection + ".json";
        try (InputStream in = MongoDemo.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the sample documents " + resource + " are missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CutoverException.config("cannot read the sample documents " + resource + " (" + e.getMessage() + ")");
        }
    }

    /** What an application would do, one change at a time, each printed. */
    private void change(MongoDatabase database) throws InterruptedException {
        MongoCollection<BsonDocument> users = database.getCollection("users", BsonDocument.class);
        MongoCollection<BsonDocument> posts = database.getCollection("posts", BsonDocument.class);
        MongoCollection<BsonDocument> groups = database.getCollection("groups", BsonDocument.class);
        ObjectId admins = id(groups, "admins");
        ObjectId editors = id(groups, "editors");
        ObjectId dana = new ObjectId();
        ObjectId post = new ObjectId();
        step("insert  users   Dana, in admins and editors", () -> users.insertOne(new BsonDocument("_id",
                new BsonObjectId(dana)).append("name", new BsonString("Dana")).append("email",
                new BsonString("dana@example.org")).append("groups", new BsonArray(List.of(new BsonObjectId(admins),
                new BsonObjectId(editors)))).append("tags", new BsonArray()).append("joined", new BsonDateTime(System.currentTimeMillis()))));
        step("$set    users   Ann's email", () -> users.updateOne(Filters.eq("name", "Ann"),
                Updates.set("email", "ann@example.com")));
        step("$push   users   Bob joins editors", () -> users.updateOne(Filters.eq("name", "Bob"),
                Updates.push("groups", editors)));
        step("$pull   users   Bob leaves admins", () -> users.updateOne(Filters.eq("name", "Bob"),
                Updates.pull("groups", admins)));
        step("insert  posts   Dana's first post", () -> posts.insertOne(new BsonDocument("_id", new BsonObjectId(post))
                .append("author", new BsonObjectId(dana)).append("title", new BsonString("Hello from Dana"))
                .append("likes", new BsonInt32(0)).append("published", BsonBoolean.TRUE)
                .append("comments", new BsonArray())));
        step("$inc    posts   a like", () -> posts.updateOne(Filters.eq("_id", post), Updates.inc("likes", 1)));
        step("$push   posts   a comment", () -> posts.updateOne(Filters.eq("_id", post), Updates.push("comments",
                new BsonDocument("by", new BsonString("Ann")).append("text", new BsonString("welcome!")))));
        step("replace groups  readers becomes subscribers", () -> groups.replaceOne(Filters.eq("name", "readers"),
                new BsonDocument("name", new BsonString("subscribers")).append("created",
                        new BsonDateTime(System.currentTimeMillis()))));
        step("delete  posts   Dana's post", () -> posts.deleteOne(Filters.eq("_id", post)));
        step("delete  users   Dana", () -> users.deleteOne(Filters.eq("_id", dana)));
    }

    private void step(String what, Runnable change) throws InterruptedException {
        change.run();
        out.println("  mongodb: " + what);
        Thread.sleep(STEP_MS);
    }

    private static ObjectId id(MongoCollection<BsonDocument> collection, String name) {
        return collection.find(Filters.eq("name", name)).first().getObjectId("_id").getValue();
    }

    private static void awaitPhase(MigrationRun run, Future<Integer> running,
                                   Predicate<String> reached) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (running.isDone()) {
                throw CutoverException.config("the demo's run ended early with exit code " + exitCode(running)
                        + "; see the output above");
            }
            Optional<RunStatus> status = run.status();
            if (status.isPresent() && reached.test(status.get().phase())) {
                return;
            }
            Thread.sleep(200);
        }
        throw CutoverException.config("the demo's run did not get there within 3 minutes; see the output above");
    }

    private static int exitCode(Future<Integer> running) throws InterruptedException {
        try {
            return running.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw CutoverException.config("the demo's run did not stop within 2 minutes");
        }
    }

    /** Each collection's documents and each array feed's distinct elements, beside the rows PostgreSQL holds. */
    private void summarize(MongoDatabase database, PgTarget target) {
        Plan plan = PlanJson.read(work.plan());
        out.println();
        out.printf("  %-24s %10s %12s%n", "table", "MongoDB", "PostgreSQL");
        try (Connection connection = target.connect()) {
            for (TablePlan table : plan.tables()) {
                if (!table.fromDocuments() || table.document().owned()) {
                    continue;
                }
                MongoCollection<BsonDocument> collection = database.getCollection(table.document().collection(),
                        BsonDocument.class);
                row(table.target(), collection.countDocuments(), count(connection, plan, table.target()));
                for (ArrayFeed feed : table.document().arrays()) {
                    row(feed.table(), elements(collection, feed.field()), count(connection, plan, feed.table()));
                }
            }
        } catch (SQLException e) {
            throw target.failure("count the demo's rows", e);
        }
    }

    private void row(String table, long documents, long rows) {
        out.printf("  %-24s %,10d %,12d%n", table, documents, rows);
    }

    private static long elements(MongoCollection<BsonDocument> collection, String field) {
        long count = 0;
        for (BsonDocument document : collection.find()) {
            Set<BsonValue> distinct = new HashSet<>(document.getArray(field, new BsonArray()));
            count += distinct.size();
        }
        return count;
    }

    private static long count(Connection connection, Plan plan, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + Identifiers.quote(plan.targetSchema())
                     + "." + Identifiers.quote(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
