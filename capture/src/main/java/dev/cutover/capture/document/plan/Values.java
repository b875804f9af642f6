package dev.cutover.capture.document.plan;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** Short texts of values for plan notes and warnings. */
final class Values {
    private static final int MAX = 40;
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private Values() {
    }

    /** An ObjectId as its hex digits, a string quoted, a number as written, anything else as relaxed Extended JSON. */
    static String text(BsonValue value) {
        String text;
        if (value.isObjectId()) {
            text = value.asObjectId().getValue().toHexString();
        } else if (value.isString()) {
            text = "'" + value.asString().getValue() + "'";
        } else {
            String json = new BsonDocument("v", value).toJson(RELAXED);
            text = json.substring(json.indexOf(':') + 1, json.length() - 1).trim();
        }
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }
}
