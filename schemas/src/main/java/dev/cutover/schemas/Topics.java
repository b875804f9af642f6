package dev.cutover.schemas;

import java.util.List;
import org.apache.kafka.common.utils.Utils;
import java.util.regex.Pattern;

/**
 * The Kafka topics of one migration. Every topic name starts with the migration's prefix, so several migrations
 * can share a Kafka cluster.
 *
 * @param prefix e.g. {@code cutover.chinook.3f9a1c2e}; legal Kafka topic characters only
 */
public record Topics(String prefix) {
    /** The compression types a producer of these topics may use (Kafka's names). */
    public static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    public Topics {
        if (!LEGAL.matcher(prefix).matches()) {
            throw CutoverException.usage("topic prefix '" + prefix
                    + "' is not a legal Kafka topic name; use letters, digits, '.', '_' and '-' (at most 200)");
        }
    }

    /**
     * The partition a record with this key goes to among {@code partitions}: the one Kafka's default partitioner
     * chooses. Batches of rows are sent to the partition of each row's own key by this rule, so a row's later single
     * changes (sent with its key, partitioned by Kafka) follow it in the same partition and per-key order holds.
     */
    public static int partitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /** Change events from capture, keyed by source table and key. */
    public String raw() {
        return prefix + ".raw";
    }

    /** Row changes from the transformer, keyed by target table and key. */
    public String rows() {
        return prefix + ".rows";
    }

    /** Rows that could not be written, from any stage. */
    public String deadLetters() {
        return prefix + ".dlq";
    }

    /** Capture's progress announcements. */
    public String control() {
        return prefix + ".control";
    }

    /** Kafka Connect source offsets: where capture resumes. */
    public String captureOffsets() {
        return prefix + ".capture-offsets";
    }

    /** The topics that carry data, in pipeline order. */
    public List<String> dataTopics() {
        return List.of(raw(), rows(), deadLetters(), control());
    }

    /** Makes a legal prefix part from any text (e.g. a file name): illegal characters become '_'. */
    public static String sanitize(String text) {
        String cleaned = text.replaceAll("[^a-zA-Z0-9._-]", "_");
        return cleaned.isEmpty() ? "source" : cleaned.substring(0, Math.min(cleaned.length(), 60));
    }
}
