package dev.cutover.capture.sqlite;

import java.util.HashMap;
import java.util.Map;

/**
 * Where capture stands in a source, stored as a Kafka Connect source offset (in the capture-offsets topic) and read
 * back when the task starts. The map keys are {@code phase}, {@code table}, {@code after}, {@code snapshotTimeMs},
 * {@code originalJournalMode}, {@code seq} and {@code captureId}; absent values are left out.
 *
 * @param phase               SNAPSHOT while tables are being read, then STREAMING
 * @param table               SNAPSHOT: the table being read (tables before it in the plan are done)
 * @param after               SNAPSHOT: the last key read from {@code table} (see {@link KeyCodec}), or null to start it
 * @param snapshotTimeMs      when the snapshot began
 * @param originalJournalMode the source's journal mode before capture switched it to WAL (restored on removal)
 * @param seq                 the change-log position: every logged change up to it is covered by what was emitted
 *                            before this offset, and streaming resumes after it. During the snapshot it is the
 *                            snapshot's high-water mark (fixed when the snapshot first starts, kept when it resumes).
 *                            Null when the source is captured without a change log (a read-only file), or before
 *                            the snapshot fixed it
 * @param captureId           the identity of the change log {@code seq} points into (see {@link SqliteChangeLog});
 *                            null without a change log
 */
record SqliteOffsetContext(Phase phase, String table, String after, long snapshotTimeMs, String originalJournalMode,
                           Long seq, String captureId) {

    enum Phase { SNAPSHOT, STREAMING }

    static final String SEQ = "seq";
    static final String CAPTURE_ID = "captureId";

    static Map<String, String> partition(String sourceId) {
        return Map.of("source", sourceId);
    }

    /** A snapshot without a change log (a read-only source). */
    static SqliteOffsetContext initial(long snapshotTimeMs, String originalJournalMode) {
        return initial(snapshotTimeMs, originalJournalMode, null, null);
    }

    /**
     * A snapshot with a change log.
     *
     * @param seqFloor where streaming starts at the latest (the snapshot lowers it to its own high-water mark), or
     *                 null to take the high-water mark the snapshot's read transaction sees
     */
    static SqliteOffsetContext initial(long snapshotTimeMs, String originalJournalMode, String captureId, Long seqFloor) {
        return new SqliteOffsetContext(Phase.SNAPSHOT, null, null, snapshotTimeMs, originalJournalMode, seqFloor,
                captureId);
    }

    boolean captured() {
        return captureId != null;
    }

    SqliteOffsetContext reading(String table, String after) {
        return new SqliteOffsetContext(Phase.SNAPSHOT, table, after, snapshotTimeMs, originalJournalMode, seq, captureId);
    }

    /** The snapshot's high-water mark: the first one a snapshot recorded is kept, so a resumed snapshot replays from it. */
    SqliteOffsetContext highWaterMark(long maxSeq) {
        long mark = seq == null ? maxSeq : Math.min(seq, maxSeq);
        return new SqliteOffsetContext(phase, table, after, snapshotTimeMs, originalJournalMode, mark, captureId);
    }

    SqliteOffsetContext snapshotCompleted() {
        return new SqliteOffsetContext(Phase.STREAMING, null, null, snapshotTimeMs, originalJournalMode, seq, captureId);
    }

    SqliteOffsetContext streamed(long seq) {
        return new SqliteOffsetContext(Phase.STREAMING, null, null, snapshotTimeMs, originalJournalMode, seq, captureId);
    }

    /** Streaming from the start of another change log (one installed after this offset's log was removed). */
    SqliteOffsetContext inNewLog(String newCaptureId) {
        return new SqliteOffsetContext(Phase.STREAMING, null, null, snapshotTimeMs, originalJournalMode, 0L, newCaptureId);
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
        if (seq != null) {
            map.put(SEQ, seq);
        }
        if (captureId != null) {
            map.put(CAPTURE_ID, captureId);
        }
        return map;
    }

    /** Reads a stored offset; null when capture never committed one for this source. */
    static SqliteOffsetContext fromMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        Object seq = map.get(SEQ);
        return new SqliteOffsetContext(
                Phase.valueOf((String) map.get("phase")),
                (String) map.get("table"),
                (String) map.get("after"),
                ((Number) map.get("snapshotTimeMs")).longValue(),
                (String) map.get("originalJournalMode"),
                seq == null ? null : ((Number) seq).longValue(),
                (String) map.get(CAPTURE_ID));
    }
}
