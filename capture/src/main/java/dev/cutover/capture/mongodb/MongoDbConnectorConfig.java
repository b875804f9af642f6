package dev.cutover.capture.mongodb;

import dev.cutover.schemas.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings of the MongoDB source connector, each declared once with its type, default and description. The
 * password travels apart from the connection string, in a property typed as a password, so the engine never logs it.
 */
public final class MongoDbConnectorConfig extends AbstractConfig {
    public static final String CONNECTION_STRING = "mongodb.connection.string";
    public static final String PASSWORD = "mongodb.password";
    public static final String DATABASE = "mongodb.database";
    public static final String PLAN_PATH = "plan.path";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String BATCH_ROWS = "snapshot.batch.rows";
    public static final String RAW_PARTITIONS = "snapshot.batch.partitions";
    public static final String BATCH_MAX_BYTES = "snapshot.batch.max.bytes";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String SERVER_SELECTION_TIMEOUT_MS = "server.selection.timeout.ms";
    public static final String RESNAPSHOT = "resnapshot.collections";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(CONNECTION_STRING, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "The MongoDB connection string (mongodb:// or mongodb+srv://) without its password; "
                            + "readPreference and the other options in it apply to every read.")
            .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                    "The password of the connection string's user; none when the connection string has no user.")
            .define(DATABASE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The database whose collections are captured.")
            .define(PLAN_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Path of the plan.json naming the collections to capture.")
            .define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Prefix of the migration's topics; change events go to <prefix>.raw, progress to <prefix>.control, "
                            + "collections capture had to stop to <prefix>.dlq.")
            .define(BATCH_ROWS, Type.INT, 2048, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                    "Documents read per poll (a snapshot chunk; live changes taken in one poll); offsets are "
                            + "committed at poll boundaries, so a restarted snapshot goes on after the last chunk Kafka "
                            + "acknowledged.")
            .define(RAW_PARTITIONS, Type.INT, 0, ConfigDef.Range.between(0, 100_000), Importance.MEDIUM,
                    "Partitions of the raw topic. When set, the snapshot sends its documents in batches "
                            + "(ChangeEventBatch), each holding documents whose keys hash to the same partition; must "
                            + "equal the raw topic's partition count. 0: one record per document.")
            .define(BATCH_MAX_BYTES, Type.INT, 1 << 20, ConfigDef.Range.between(1024, Integer.MAX_VALUE), Importance.LOW,
                    "Size at which a snapshot batch is sent; documents bigger than a quarter of it travel alone.")
            .define(POLL_INTERVAL_MS, Type.LONG, 50L, ConfigDef.Range.between(1, 60_000), Importance.LOW,
                    "How long capture waits after a round in which no collection's change stream had anything, "
                            + "before asking again (a server may answer an empty getMore at once): about the latency "
                            + "a change adds on a quiet source.")
            .define(SERVER_SELECTION_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.between(100, 600_000),
                    Importance.LOW, "How long one read waits for a usable server (a restarting replica set, an "
                            + "election) before capture reports the server gone and tries again.")
            .define(RESNAPSHOT, Type.LIST, List.of(), Importance.MEDIUM,
                    "Collections to read again from the start (run --resnapshot): each is snapshotted anew from a "
                            + "position taken before its first read, then streamed from there. A resnapshot already "
                            + "under way for a listed collection goes on where it was.");

    public MongoDbConnectorConfig(Map<String, String> properties) {
        super(DEFINITION, properties);
    }

    public String connectionString() {
        return getString(CONNECTION_STRING);
    }

    /** The password, or null. */
    public String password() {
        Password password = getPassword(PASSWORD);
        return password == null ? null : password.value();
    }

    public String database() {
        return getString(DATABASE);
    }

    public Path planPath() {
        return Path.of(getString(PLAN_PATH));
    }

    public Topics topics() {
        return new Topics(getString(TOPIC_PREFIX));
    }

    public int batchRows() {
        return getInt(BATCH_ROWS);
    }

    public int rawPartitions() {
        return getInt(RAW_PARTITIONS);
    }

    public int batchMaxBytes() {
        return getInt(BATCH_MAX_BYTES);
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_MS);
    }

    public long serverSelectionTimeoutMs() {
        return getLong(SERVER_SELECTION_TIMEOUT_MS);
    }

    public List<String> resnapshot() {
        return getList(RESNAPSHOT);
    }
}
