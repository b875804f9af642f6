package dev.cutover.capture.jsondir;

import dev.cutover.schemas.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The settings of the JSON-directory source connector, each declared once with its type, default and description. */
public final class JsonDirConnectorConfig extends AbstractConfig {
    public static final String PATH = "jsondir.path";
    public static final String PLAN_PATH = "plan.path";
    public static final String INDEX_PATH = "index.path";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String BATCH_ROWS = "snapshot.batch.rows";
    public static final String RAW_PARTITIONS = "snapshot.batch.partitions";
    public static final String BATCH_MAX_BYTES = "snapshot.batch.max.bytes";
    public static final String SCAN_INTERVAL_MS = "scan.interval.ms";
    public static final String SETTLE_MS = "settle.ms";
    public static final String DOCUMENT_MAX_BYTES = "document.max.bytes";
    public static final String MTIME_MARGIN_MS = "mtime.margin.ms";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Path of the directory of JSON files to capture.")
            .define(PLAN_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Path of the plan.json naming the collections to capture and their keys.")
            .define(INDEX_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Path of the capture index (a SQLite file in the work directory): what was read of each file and "
                            + "each document's key and hash, versioned in step with the offsets Kafka commits.")
            .define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Prefix of the migration's topics; change events go to <prefix>.raw, progress to <prefix>.control, "
                            + "documents that cannot be read to <prefix>.dlq.")
            .define(BATCH_ROWS, Type.INT, 2048, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                    "Documents read per poll; offsets are committed at poll boundaries.")
            .define(RAW_PARTITIONS, Type.INT, 0, ConfigDef.Range.between(0, 100_000), Importance.MEDIUM,
                    "Partitions of the raw topic. When set, the snapshot sends its documents in batches "
                            + "(ChangeEventBatch), each holding documents whose keys hash to the same partition; must "
                            + "equal the raw topic's partition count. 0: one record per document.")
            .define(BATCH_MAX_BYTES, Type.INT, 1 << 20, ConfigDef.Range.between(1024, Integer.MAX_VALUE), Importance.LOW,
                    "Size at which a snapshot batch is sent; documents bigger than a quarter of it travel alone.")
            .define(SCAN_INTERVAL_MS, Type.LONG, 200L, ConfigDef.Range.between(1, 600_000), Importance.LOW,
                    "How often the directory is scanned for changed files while streaming (a scan that took longer "
                            + "than this waits as long again): about the latency a change adds.")
            .define(SETTLE_MS, Type.LONG, 500L, ConfigDef.Range.between(0, 600_000), Importance.MEDIUM,
                    "How long a file must have stayed unchanged before it is read whole (a folder's document, a "
                            + "rewritten collection file): a writer that has not finished it is not read half-way. "
                            + "Lines appended to a collection file are read as soon as they are complete.")
            .define(MTIME_MARGIN_MS, Type.LONG, 2000L, ConfigDef.Range.between(0, 60_000), Importance.LOW,
                    "How far a file's modification time may lag behind the moment it was written: the file system's "
                            + "time resolution (2 s covers FAT's, 1 s HFS+'s and ext3's; ext4, XFS, APFS and tmpfs keep "
                            + "nanoseconds). A file this much older than a walk is settled at first sight, and the "
                            + "position capture reports stays this far behind the walk that found it.")
            .define(DOCUMENT_MAX_BYTES, Type.INT, 64 << 20, ConfigDef.Range.between(1024, Integer.MAX_VALUE - 16),
                    Importance.LOW, "Longest JSON text of one document that is read; a longer one goes to the error "
                            + "log.");

    public JsonDirConnectorConfig(Map<String, String> properties) {
        super(DEFINITION, properties);
    }

    public Path path() {
        return Path.of(getString(PATH));
    }

    public Path planPath() {
        return Path.of(getString(PLAN_PATH));
    }

    public Path indexPath() {
        return Path.of(getString(INDEX_PATH));
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

    public long scanIntervalMs() {
        return getLong(SCAN_INTERVAL_MS);
    }

    public long settleMs() {
        return getLong(SETTLE_MS);
    }

    public long mtimeMarginMs() {
        return getLong(MTIME_MARGIN_MS);
    }

    public int documentMaxBytes() {
        return getInt(DOCUMENT_MAX_BYTES);
    }
}
