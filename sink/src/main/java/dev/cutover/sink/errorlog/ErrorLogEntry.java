package dev.cutover.sink.errorlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of errors.jsonl, without its row: a change that did not reach PostgreSQL.
 *
 * @param id        the dead letter's id (where the failing record was)
 * @param migration the migration that logged it, or null on lines written before entries named their migration
 * @param time      when it failed (ISO-8601)
 * @param stage     capture, transform or sink
 * @param table     source table ("" when the record could not be read at all)
 * @param key       the source key, column to value ({@code {"$base64": …}} for bytes, {@code {"$hex": …}} for text that
 *                  is not UTF-8)
 * @param column    the column at fault, or null
 * @param reason    what is wrong and what to do
 * @param accepted  when the operator accepted it ({@code finalize --accept-errors}), or null
 */
public record ErrorLogEntry(String id, String migration, String time, String stage, String table, JsonNode key, String column,
                     String reason, String accepted) {

    static ErrorLogEntry of(JsonNode line) {
        return new ErrorLogEntry(line.path("id").asText(), text(line, "migration"), line.path("time").asText(),
                line.path("stage").asText(), line.path("table").asText(),
                line.has("key") ? line.get("key") : JsonNodeFactory.instance.objectNode(), text(line, "column"),
                line.path("reason").asText(), text(line, "accepted"));
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Tells this line from a later one with the same id (a dead letter named by its key): the id and the time. */
    public String signature() {
        return signature(id, time);
    }

    static String signature(String id, String time) {
        return id + "\n" + time;
    }

    boolean of(String migrationId) {
        return migration == null || migration.equals(migrationId);
    }

    public boolean isAccepted() {
        return accepted != null;
    }

    /** The key as compact JSON: the same key gives the same text whichever stage logged it. */
    public String keyText() {
        return key.toString();
    }

    /** The entry as a finalize report lists it. */
    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id).put("time", time).put("stage", stage).put("table", table).set("key", key);
        node.put("column", column).put("reason", reason).put("accepted", accepted);
        return node;
    }
}
