package dev.cutover.capture.sqlite;

import java.util.HashMap;
import java.util.Map;

/**
 * Where capture stands in a source, stored as a Kafka Connect source offset (in the capture-offsets topic) and read
 * back when the task starts.
 *
 * @param phase               SNAPSHOT while tables are being read, then STREAMING
 * @param table               SNAPSHOT: the table being read (tables before it in the plan are done)
 * @param after               SNAPSHOT: the last key read from {@code table} (see {@link KeyCodec}), or null to start it
 * @param snapshotTimeMs      when the snapshot began
 * @param originalJournalMode the source's journal mode before capture switched it to WAL (restored on removal)
 */
record SqliteOffsetContext(Phase phase, String table, String after, long snapshotTimeMs, String originalJournalMode) {

    enum Phase { SNAPSHOT, STREAMING }

    static Map<String, String> partition(String sourceId) {
        return Map.of("source", sourceId);
    }

    static SqliteOffsetContext initial(long snapshotTimeMs, String originalJournalMode) {
        return new SqliteOffsetContext(Phase.SNAPSHOT, null, null, snapshotTimeMs, originalJournalMode);
    }

    SqliteOffsetContext reading(String table, String after) {
        return new SqliteOffsetContext(Phase.SNAPSHOT, table, after, snapshotTimeMs, originalJournalMode);
    }

    SqliteOffsetContext snapshotCompleted() {
        return new SqliteOffsetContext(Phase.STREAMING, null, null, snapshotTimeMs, originalJournalMode);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put("phase", phase.name());
        if (table != null) {
            map.put("table", table);
        }
        if (after != null) {
            map.put("after", after);
        }
        map.put("snapshotTimeMs", snapshotTimeMs);
        if (originalJournalMode != null) {
            map.put("originalJournalMode", originalJournalMode);
        }
        return map;
    }

    /** Reads a stored offset; null when capture never committed one for this source. */
    static SqliteOffsetContext fromMap(Map<String, Object> map) {
        if (map == null) {
            return null;
        }
        return new SqliteOffsetContext(
                Phase.valueOf((String) map.get("phase")),
                (String) map.get("table"),
                (String) map.get("after"),
                ((Number) map.get("snapshotTimeMs")).longValue(),
                (String) map.get("originalJournalMode"));
    }
}
