package dev.cutover.capture.jsondir;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where capture stands in a directory, stored as the Kafka Connect source offset of every record (in the
 * capture-offsets topic) and read back when the task starts. The map keys are {@code phase}, {@code captureId},
 * {@code version}, {@code seq}, {@code snapshotTimeMs}, and for a record read from a file {@code file},
 * {@code identity}, {@code size}, {@code offset} and {@code hash}; absent values are left out.
 *
 * <p>The directory is one source partition: the committed offset's {@code version} names the state of the capture
 * index ({@link JsonDirIndex}) that holds, per file, its identity, size, read offset and a hash of what was read (the
 * per-file offsets), and per document its key and content hash. One partition keeps the engine's offset store one
 * entry whatever the number of files, and makes a commit one atomic point for every file.
 *
 * @param phase          SNAPSHOT until every planned collection has been read once, then STREAMING
 * @param captureId      the identity of the index history {@code version} counts in
 * @param version        the index version every record up to this one is the result of
 * @param seq            the directory position (modification time, ms) up to which every change is in Kafka once this
 *                       record is; null before streaming has covered anything
 * @param snapshotTimeMs when the snapshot began
 * @param file           the file the record was read from (relative path), or null
 * @param identity       that file's identity
 * @param size           that file's size when read
 * @param offset         the byte offset in that file after what the record holds
 * @param hash           hex of {@link FileSample}'s hash of that file's bytes before {@code offset}, or null
 */
record JsonDirOffsetContext(Phase phase, String captureId, long version, Long seq, long snapshotTimeMs, String file,
                            String identity, Long size, Long offset, String hash) {

    enum Phase { SNAPSHOT, STREAMING }

    static final String SEQ = "seq";

    static Map<String, String> partition(String sourceId) {
        return Map.of("source", sourceId);
    }

    static JsonDirOffsetContext initial(String captureId, long snapshotTimeMs) {
        return new JsonDirOffsetContext(Phase.SNAPSHOT, captureId, 0, null, snapshotTimeMs, null, null, null, null, null);
    }

    /** This offset after the index reached {@code newVersion}. */
    JsonDirOffsetContext at(long newVersion) {
        return new JsonDirOffsetContext(phase, captureId, newVersion, seq, snapshotTimeMs, null, null, null, null, null);
    }

    /** This offset for a record read from {@code state}'s file. */
    JsonDirOffsetContext readFrom(JsonDirIndex.FileState state) {
        return new JsonDirOffsetContext(phase, captureId, version, seq, snapshotTimeMs, state.path(), state.identity(),
                state.size(), state.offset(), state.hash() == null ? null : HexFormat.of().formatHex(state.hash()));
    }

    JsonDirOffsetContext covering(long newSeq) {
        return new JsonDirOffsetContext(phase, captureId, version, newSeq, snapshotTimeMs, file, identity, size, offset,
                hash);
    }

    JsonDirOffsetContext streaming() {
        return new JsonDirOffsetContext(Phase.STREAMING, captureId, version, seq, snapshotTimeMs, null, null, null, null,
                null);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put("phase", phase.name());
        map.put("captureId", captureId);
        map.put("version", version);
        map.put("snapshotTimeMs", snapshotTimeMs);
        putIfPresent(map, SEQ, seq);
        putIfPresent(map, "file", file);
        putIfPresent(map, "identity", identity);
        putIfPresent(map, "size", size);
        putIfPresent(map, "offset", offset);
        putIfPresent(map, "hash", hash);
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Reads a stored offset; null when capture never committed one for this directory. */
    static JsonDirOffsetContext fromMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        return new JsonDirOffsetContext(
                Phase.valueOf((String) map.get("phase")),
                (String) map.get("captureId"),
                ((Number) map.get("version")).longValue(),
                longOrNull(map.get(SEQ)),
                ((Number) map.get("snapshotTimeMs")).longValue(),
                (String) map.get("file"),
                (String) map.get("identity"),
                longOrNull(map.get("size")),
                longOrNull(map.get("offset")),
                (String) map.get("hash"));
    }

    private static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
