package dev.cutover.capture.mongodb;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import dev.cutover.capture.document.plan.DocumentPlanner;
import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.PlanJson;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.Access;
import dev.cutover.schemas.source.CaptureSettings;
import dev.cutover.schemas.source.ChangeCapture;
import dev.cutover.schemas.source.ConnectorSpec;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * A MongoDB database ({@code --source mongodb://...}) behind the source seam: its check, plan (the shared document
 * planner over {@link MongoDbCollections}), connector ({@link MongoDbConnector}), change position and read-back. Every
 * read uses the connection string's options (readPreference too). Holds no open resources (each call opens a client
 * and closes it); thread-safe.
 */
public final class MongoDbSource implements Source {
    /** How long {@link #check} waits for a usable server: a wrong host fails quickly. */
    static final long CHECK_TIMEOUT_MS = 5_000;
    /** How long the planner and read-back wait for a usable server. */
    static final long READ_TIMEOUT_MS = 30_000;
    private static final BsonDocument PING = new BsonDocument("ping", new BsonInt32(1));

    private final MongoEndpoint endpoint;

    MongoDbSource(MongoEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** {@code mongodb://host:port/db}: the servers and the database, no user, password or options. */
    @Override
    public String id() {
        return endpoint.id();
    }

    /** The database's name. */
    @Override
    public String name() {
        return endpoint.database();
    }

    @Override
    public boolean documents() {
        return true;
    }

    /**
     * Reaches the server within {@link #CHECK_TIMEOUT_MS}, signs in, and finds the database; for live capture also opens a
     * change stream (a standalone server has none).
     */
    @Override
    public void check(Access access) {
        try (MongoClient client = endpoint.client(CHECK_TIMEOUT_MS)) {
            client.getDatabase("admin").runCommand(PING);
            requireDatabase(client);
            MongoDatabase database = client.getDatabase(endpoint.database());
            List<String> collections = database.listCollectionNames().into(new ArrayList<>());
            if (access == Access.LIVE && !collections.isEmpty()) {
                requireChangeStreams(database, collections.get(0));
            }
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "check the source", e);
        }
    }

    /** Looked up before anything touches the database: some servers create a database a command names. */
    private void requireDatabase(MongoClient client) {
        List<String> databases;
        try {
            databases = client.listDatabaseNames().into(new ArrayList<>());
        } catch (MongoException e) {
            return; // a user who may not list databases: an empty database it may read is taken as it is
        }
        if (!databases.contains(endpoint.database())) {
            databases.removeAll(List.of("admin", "config", "local"));
            throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "database " + endpoint.database() + " does not "
                    + "exist on MongoDB " + String.join(",", endpoint.hosts()) + (databases.isEmpty() ? ""
                    : " (it has " + String.join(", ", databases) + ")") + "; check the database name in the "
                    + "connection string's path (mongodb://host:27017/DATABASE)");
        }
    }

    private void requireChangeStreams(MongoDatabase database, String collection) {
        try (MongoCursor<?> stream = database.getCollection(collection).watch().cursor()) {
            stream.tryNext();
        } catch (MongoException e) {
            if (MongoDbErrorHandler.retriable(e) || e.getCode() == 13) {
                throw e;
            }
            throw CutoverException.config("MongoDB " + endpoint.id() + " gives no change streams (" + MongoEndpoint.mask(
                    e.getMessage()) + "): live capture needs a replica set or a sharded cluster; start mongod with "
                    + "--replSet rs0 and run rs.initiate() once (a one-member set is enough), then run again");
        }
    }

    @Override
    public Plan plan(PlanOptions options) {
        check(Access.READ);
        try (MongoDbCollections collections = new MongoDbCollections(endpoint, READ_TIMEOUT_MS)) {
            return DocumentPlanner.plan(id(), collections, options);
        }
    }

    /** The connection string travels without its password; the password goes in the connector's password property. */
    @Override
    public ConnectorSpec connector(CaptureSettings settings) {
        Map<String, String> properties = new HashMap<>(Map.of(
                MongoDbConnectorConfig.CONNECTION_STRING, endpoint.withoutPassword(),
                MongoDbConnectorConfig.DATABASE, endpoint.database(),
                MongoDbConnectorConfig.PLAN_PATH, settings.planPath().toString(),
                MongoDbConnectorConfig.TOPIC_PREFIX, settings.topicPrefix(),
                MongoDbConnectorConfig.BATCH_ROWS, Integer.toString(settings.batchRows()),
                MongoDbConnectorConfig.RAW_PARTITIONS, Integer.toString(settings.rawPartitions()),
                MongoDbConnectorConfig.BATCH_MAX_BYTES, Integer.toString(settings.batchMaxBytes())));
        if (endpoint.password() != null) {
            properties.put(MongoDbConnectorConfig.PASSWORD, endpoint.password());
        }
        if (!settings.resnapshot().isEmpty()) {
            requirePlanned(settings.resnapshot(), PlanJson.read(settings.planPath()));
            properties.put(MongoDbConnectorConfig.RESNAPSHOT, String.join(",", settings.resnapshot()));
        }
        return new ConnectorSpec(MongoDbConnector.class.getName(), properties);
    }

    /** Only a collection the plan captures can be read again. */
    private static void requirePlanned(List<String> resnapshot, Plan plan) {
        List<String> planned = collections(plan);
        for (String collection : resnapshot) {
            if (!planned.contains(collection)) {
                throw CutoverException.usage("--resnapshot " + collection + " is not a collection of plan.json; use one "
                        + "of " + String.join(", ", planned));
            }
        }
    }

    @Override
    public ChangeCapture capture() {
        return new MongoDbChangeCapture(endpoint);
    }

    /** Each collection's documents now, counted exactly (one after another: MongoDB has no multi-collection read). */
    @Override
    public Map<String, Long> rowCounts(List<String> tables) {
        try (MongoClient client = endpoint.client(READ_TIMEOUT_MS)) {
            MongoDatabase database = client.getDatabase(endpoint.database());
            Map<String, Long> counts = new LinkedHashMap<>();
            tables.forEach(table -> counts.put(table, database.getCollection(table).countDocuments()));
            return counts;
        } catch (MongoException e) {
            throw MongoDbErrorHandler.failure(endpoint, "count documents", e);
        }
    }

    /** Each call sees the database as it is then: MongoDB gives no read transaction across calls to every server. */
    @Override
    public ReadBack readBack(boolean consistent) {
        return new MongoDbReadBack(endpoint, READ_TIMEOUT_MS);
    }

    /**
     * The collections a plan captures (the main table of each), in plan order.
     *
     * @throws CutoverException BAD_CONFIGURATION when a collection is keyed by anything but {@code _id}: a change stream
     *                          names a deleted document by its {@code _id} only
     */
    static List<String> collections(Plan plan) {
        List<String> collections = new ArrayList<>();
        for (TablePlan table : plan.tables()) {
            if (table.fromDocuments() && !table.document().owned()) {
                String first = table.key().sourceColumns().get(0);
                if (!first.equals(IdRange.ID) && !first.startsWith(IdRange.ID + ".")) {
                    throw CutoverException.config("plan.json keys collection " + table.document().collection()
                            + " by " + table.key().sourceColumns() + ", but a MongoDB collection is captured by _id "
                            + "(a change stream names a deleted document by its _id only); remove the declared key "
                            + "and plan again");
                }
                collections.add(table.document().collection());
            }
        }
        return collections;
    }

    @Override
    public String toString() {
        return id();
    }
}
