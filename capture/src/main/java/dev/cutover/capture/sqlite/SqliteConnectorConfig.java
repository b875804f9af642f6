package dev.cutover.capture.sqlite;

import dev.cutover.schemas.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The settings of the SQLite source connector, each declared once with its type, default and description. */
public final class SqliteConnectorConfig extends AbstractConfig {
    public static final String PATH = "sqlite.path";
    public static final String PLAN_PATH = "plan.path";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String BATCH_ROWS = "snapshot.batch.rows";
    public static final String STREAMING_BATCH_ROWS = "streaming.batch.rows";
    public static final String POLL_INTERVAL_MS = "streaming.poll.interval.ms";
    public static final String PRUNE_INTERVAL_MS = "changelog.prune.interval.ms";
    public static final String RAW_PARTITIONS = "snapshot.batch.partitions";
    public static final String BATCH_MAX_BYTES = "snapshot.batch.max.bytes";
    public static final String RESUME_AFTER_REMOVAL = "streaming.resume.after.removal";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Path of the SQLite database file to capture.")
            .define(PLAN_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Path of the plan.json naming the tables to capture and their keys.")
            .define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Prefix of the migration's topics; change events go to <prefix>.raw, progress to <prefix>.control.")
            .define(BATCH_ROWS, Type.INT, 2048, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                    "Rows read per poll during the snapshot; offsets are committed at poll boundaries.")
            .define(STREAMING_BATCH_ROWS, Type.INT, 2048, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                    "Change-log entries read per poll while streaming (entries for the same key within one batch "
                            + "become one event).")
            .define(POLL_INTERVAL_MS, Type.LONG, 50L, ConfigDef.Range.between(1, 60_000), Importance.LOW,
                    "How long the task waits before reading the change log again after finding nothing new: the "
                            + "most an idle pipeline adds to the latency of a change.")
            .define(PRUNE_INTERVAL_MS, Type.LONG, 1000L, ConfigDef.Range.between(0, 3_600_000), Importance.LOW,
                    "Least time between two prunes of the change log (each takes the source's write lock for a "
                            + "moment, and offsets are committed after every batch of live changes).")
            .define(RAW_PARTITIONS, Type.INT, 0, ConfigDef.Range.between(0, 100_000), Importance.MEDIUM,
                    "Partitions of the raw topic. When set, the snapshot sends its rows in batches (ChangeEventBatch), "
                            + "each holding rows whose keys hash to the same partition and sent to that partition, as "
                            + "single events would be; must equal the raw topic's partition count. 0: one record per row.")
            .define(BATCH_MAX_BYTES, Type.INT, 1 << 20, ConfigDef.Range.between(1024, Integer.MAX_VALUE), Importance.LOW,
                    "Size at which a snapshot batch is sent; rows bigger than a quarter of it travel alone. Keep it "
                            + "below half the largest message Kafka accepts.")
            .define(RESUME_AFTER_REMOVAL, Type.BOOLEAN, false, Importance.LOW,
                    "When the stored offsets point into a change log that is no longer in the file and the snapshot "
                            + "was complete (a one-shot run removes capture when it finishes), stream the change log "
                            + "installed now from its first entry instead of refusing. Changes made while no change log "
                            + "was installed are not captured: set it only to send logged keys again into a finished "
                            + "one-shot migration.");

    public SqliteConnectorConfig(Map<String, String> properties) {
        super(DEFINITION, properties);
    }

    public Path path() {
        return Path.of(getString(PATH));
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

    public int streamingBatchRows() {
        return getInt(STREAMING_BATCH_ROWS);
    }

    public int rawPartitions() {
        return getInt(RAW_PARTITIONS);
    }

    public int batchMaxBytes() {
        return getInt(BATCH_MAX_BYTES);
    }

    public boolean resumeAfterRemoval() {
        return getBoolean(RESUME_AFTER_REMOVAL);
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_MS);
    }

    public long pruneIntervalMs() {
        return getLong(PRUNE_INTERVAL_MS);
    }
}
