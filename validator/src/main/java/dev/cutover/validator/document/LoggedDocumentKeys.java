package dev.cutover.validator.document;

import dev.cutover.schemas.plan.TablePlan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.json.JsonParseException;

/**
 * The documents the error log names, as keys the read-back looks up: each logged key (relaxed Extended JSON) cut to
 * the collection's key fields (a connector's entry also names the file and line it read). A logged key without those
 * fields (a document that could not be read at all) names no document to compare.
 */
final class LoggedDocumentKeys {
    private LoggedDocumentKeys() {
    }

    static List<List<Object>> keys(TablePlan table, Set<String> logged) {
        Set<String> fields = new LinkedHashSet<>();
        for (String source : table.key().sourceColumns()) {
            fields.add(source.startsWith("_id.") ? "_id" : source);
        }
        List<List<Object>> keys = new ArrayList<>();
        for (String json : logged) {
            BsonDocument key = keyDocument(json, fields);
            if (key != null) {
                keys.add(List.of(bytes(key)));
            }
        }
        return keys;
    }

    private static BsonDocument keyDocument(String json, Set<String> fields) {
        BsonDocument logged;
        try {
            logged = BsonDocument.parse(json);
        } catch (JsonParseException | IllegalArgumentException e) {
            return null;
        }
        BsonDocument key = new BsonDocument();
        for (String field : fields) {
            if (!logged.containsKey(field)) {
                return null;
            }
            key.put(field, logged.get(field));
        }
        return key;
    }

    private static ByteBuffer bytes(BsonDocument document) {
        return new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().asNIO();
    }
}
