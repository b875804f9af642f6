package dev.cutover.schemas.wayback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One change PostgreSQL made, as the reverse topic carries it (JSON): the table, the operation, the key and the row
 * after the change (null for a delete), and its position in PostgreSQL's commit order ({@code commitLsn}: the commit
 * before its transaction's; {@code lsn}: the change's own), which only grows along the stream.
 *
 * @param table  PostgreSQL table as {@code schema.table}
 * @param delete true for a delete, false for an insert or update (a key change arrives as a delete and an insert)
 * @param key    key column (PostgreSQL name) to value
 * @param after  column (PostgreSQL name) to value after the change; null for a delete
 */
public record ReverseChange(String table, boolean delete, ObjectNode key, ObjectNode after, long commitLsn, long lsn) {
    /** Schema of the marker table. */
    public static final String MARKER_SCHEMA = "cutover";
    /**
     * The way back's marker table ({@code schema.table}): a row written there travels the stream after everything
     * committed before it (rollback's proof of arrival); its {@code token} column names the marker.
     */
    public static final String MARKER_TABLE = MARKER_SCHEMA + ".way_back_marker";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ReverseChange upsert(String table, ObjectNode key, ObjectNode after, long commitLsn, long lsn) {
        return new ReverseChange(table, false, key, after, commitLsn, lsn);
    }

    public static ReverseChange deletion(String table, ObjectNode key, long commitLsn, long lsn) {
        return new ReverseChange(table, true, key, null, commitLsn, lsn);
    }

    /**
     * Where this change stands along the stream: a key change is a delete and an insert at the same LSN, in that
     * order, so the step (0 for a delete, 1 otherwise) breaks the tie.
     */
    public int step() {
        return delete ? 0 : 1;
    }

    /**
     * True when this change comes after the position {@code (commitLsn, lsn, step)} along the stream, or cannot be
     * placed (no commit before it is known: the stream's very first transaction).
     */
    public boolean after(long otherCommitLsn, long otherLsn, int otherStep) {
        if (commitLsn == 0) {
            return true;
        }
        if (commitLsn != otherCommitLsn) {
            return commitLsn > otherCommitLsn;
        }
        return lsn != otherLsn ? lsn > otherLsn : step() > otherStep;
    }

    public byte[] toBytes() {
        ObjectNode node = JSON.createObjectNode();
        node.put("table", table).put("op", delete ? "d" : "u").put("commitLsn", commitLsn).put("lsn", lsn);
        node.set("key", key);
        node.set("after", after);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a reverse change", e);
        }
    }

    public static ReverseChange parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            JsonNode after = node.get("after");
            return new ReverseChange(node.get("table").asText(), node.get("op").asText().equals("d"),
                    (ObjectNode) node.get("key"), after == null || after.isNull() ? null : (ObjectNode) after,
                    node.get("commitLsn").asLong(), node.get("lsn").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable reverse change: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }
}
