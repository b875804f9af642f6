package dev.cutover.validator.document;

import dev.cutover.schemas.avro.Document;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.SourceRow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * A document read back from the source: its key document (the key's source fields, as the raw events carry it), the
 * document, and what its row's key is in the target.
 *
 * @param keyDocument the key's source fields ({@code {"_id": ...}}, declared fields, {@code $file}, {@code $hash})
 * @param document    the whole document
 * @param reportKey   the key as reports name it: the key document as relaxed Extended JSON
 * @param targetKey   the target key columns' values as PostgreSQL input text, or empty when a key value is missing
 * @param matchKey    the target key in canonical form, as {@link TargetTable#canonicalKey} writes a target row's; empty
 *                    when a key value is missing
 */
record SourceDocument(BsonDocument keyDocument, BsonDocument document, String reportKey,
                      Optional<List<String>> targetKey, Optional<String> matchKey) {

    static SourceDocument of(SourceRow row, TablePlan table) {
        BsonDocument key = decode((ByteBuffer) row.key().get(0));
        BsonDocument document = decode(((Document) row.values().get(0)).getBson());
        Optional<List<String>> targetKey = targetKey(key, document, table);
        return new SourceDocument(key, document, key.toJson(DocumentValues.RELAXED), targetKey,
                targetKey.map(texts -> matchKey(texts, table)));
    }

    private static String matchKey(List<String> texts, TablePlan table) {
        List<String> parts = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            parts.add(DocumentValues.canonicalKey(texts.get(i), columnType(table, table.key().targetColumns().get(i))));
        }
        return TargetTable.joinKey(parts);
    }

    private static Optional<List<String>> targetKey(BsonDocument key, BsonDocument document, TablePlan table) {
        List<String> texts = new ArrayList<>();
        List<String> sources = table.key().sourceColumns();
        for (int i = 0; i < sources.size(); i++) {
            String type = columnType(table, table.key().targetColumns().get(i));
            Optional<String> text = DocumentValues.keyText(field(document, key, sources.get(i)), type);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            texts.add(text.get());
        }
        return Optional.of(texts);
    }

    static String columnType(TablePlan table, String targetColumn) {
        return table.columns().stream().filter(c -> c.target().equals(targetColumn)).map(c -> c.targetType())
                .findFirst().orElse("text");
    }

    /**
     * The value a column takes from the document: a pseudo-field ({@code $file}, {@code $hash}) from the key document,
     * {@code _id.<field>} from a compound {@code _id}, any other name from the document's top level; null when absent.
     */
    static BsonValue field(BsonDocument document, BsonDocument key, String source) {
        if (source.startsWith("$")) {
            return key.get(source);
        }
        if (source.startsWith("_id.") && !document.containsKey(source) && document.get("_id") instanceof BsonDocument id) {
            return id.get(source.substring(4));
        }
        BsonValue value = document.get(source);
        return value != null ? value : key.get(source);
    }

    /** The top-level document field a column's source name stands for, or null for a pseudo-field. */
    static String topLevelField(String source) {
        if (source.startsWith("$")) {
            return null;
        }
        return source.startsWith("_id.") ? "_id" : source;
    }

    private static BsonDocument decode(ByteBuffer bson) {
        byte[] bytes = new byte[bson.remaining()];
        bson.duplicate().get(bytes);
        return new RawBsonDocument(bytes).decode(new org.bson.codecs.BsonDocumentCodec());
    }
}
