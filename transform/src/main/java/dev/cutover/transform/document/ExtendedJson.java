package dev.cutover.transform.document;

import java.nio.ByteBuffer;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Values as MongoDB's relaxed Extended JSON v2 (the package documentation lists each type's form), written by the
 * BSON library's own writer so that any Extended JSON reader reads them back to the same BSON values. Stateless and
 * thread-safe.
 */
final class ExtendedJson {
    static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    /** A value other than a document is written as the only field of a document, then cut out of it. */
    private static final String WRAP_NAME = "v";
    private static final int WRAP_PREFIX = "{\"v\": ".length();

    private ExtendedJson() {
    }

    static String of(BsonValue value) {
        if (value.isDocument()) {
            return value.asDocument().toJson(RELAXED);
        }
        String wrapped = new BsonDocument(WRAP_NAME, value).toJson(RELAXED);
        return wrapped.substring(WRAP_PREFIX, wrapped.length() - 1);
    }

    /**
     * The BSON bytes of a document as written (a name that appears twice stays twice), or null when they are not a
     * readable document; for error reports.
     */
    static String ofBytes(ByteBuffer bson) {
        try {
            byte[] bytes = new byte[bson.remaining()];
            bson.duplicate().get(bytes);
            return new RawBsonDocument(bytes).toJson(RELAXED);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
