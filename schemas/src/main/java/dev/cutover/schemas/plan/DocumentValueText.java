package dev.cutover.schemas.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Values of a document table's rows as the documents hold them, for the reports that name a row to its owner: a UUID
 * the id rule made from an ObjectId is shown as that ObjectId ({@code {"$oid": "…"}}, relaxed Extended JSON), so a
 * dangling reference reads {@code {"_id": {"$oid": "…"}, "owner": {"$oid": "…"}}} and can be looked up in MongoDB or
 * the JSON files as it is.
 */
public final class DocumentValueText {
    private DocumentValueText() {
    }

    /** A JSON object of {@code names} to {@code values}, ObjectId-made UUIDs as {@code {"$oid": …}}. */
    public static String json(List<String> names, List<Object> values) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < names.size(); i++) {
            Object value = values.get(i);
            Optional<String> objectId = objectId(value);
            if (objectId.isPresent()) {
                object.putObject(names.get(i)).put("$oid", objectId.get());
            } else if (value instanceof Long || value instanceof Integer) {
                object.put(names.get(i), ((Number) value).longValue());
            } else if (value instanceof BigDecimal decimal) {
                object.put(names.get(i), decimal);
            } else if (value == null) {
                object.putNull(names.get(i));
            } else {
                object.put(names.get(i), value.toString());
            }
        }
        return object.toString();
    }

    /**
     * What a report calls a document table's column: the field it holds ({@code _id}, {@code owner}), or its own name
     * where it holds no field of the documents (a junction's or child table's owner, position and element columns).
     */
    public static String fieldName(TablePlan table, String target) {
        return table.columns().stream().filter(c -> c.target().equals(target)).findFirst()
                .map(ColumnPlan::source).filter(source -> !source.startsWith("$")).orElse(target);
    }

    private static Optional<String> objectId(Object value) {
        if (value instanceof UUID uuid) {
            return ObjectIdUuids.toObjectIdHex(uuid);
        }
        return Optional.empty();
    }
}
