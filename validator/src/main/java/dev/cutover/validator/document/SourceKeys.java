package dev.cutover.validator.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.schemas.plan.ObjectIdUuids;
import dev.cutover.schemas.plan.TablePlan;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Target keys mapped back to the source keys they can stand for: a {@code uuid} made by the id rule to its ObjectId (or
 * to a binary UUID), a number to each BSON number type that holds it, text to a string (or the ObjectId it spells). A
 * target row exists in the source when any of its candidates does.
 */
final class SourceKeys {
    private final TablePlan table;
    private final List<List<Object>> keys = new ArrayList<>();

    private SourceKeys(TablePlan table) {
        this.table = table;
    }

    static SourceKeys of(TablePlan table, List<JsonNode> targetKeys) {
        SourceKeys candidates = new SourceKeys(table);
        for (JsonNode key : targetKeys) {
            for (BsonDocument document : candidates.keyDocuments(key)) {
                candidates.keys.add(List.of(ByteBuffer.wrap(bytes(document))));
            }
        }
        return candidates;
    }

    List<List<Object>> keys() {
        return keys;
    }

    /** How a report names a target row's key: its first candidate source key, as relaxed Extended JSON. */
    String reportKey(JsonNode targetKey) {
        List<BsonDocument> documents = keyDocuments(targetKey);
        return documents.isEmpty() ? targetKey.toString() : documents.get(0).toJson(DocumentValues.RELAXED);
    }

    private List<BsonDocument> keyDocuments(JsonNode targetKey) {
        List<String> sources = table.key().sourceColumns();
        List<String> targets = table.key().targetColumns();
        if (sources.size() == 1) {
            List<BsonDocument> documents = new ArrayList<>();
            for (BsonValue value : candidates(targetKey.get(targets.get(0)), type(targets.get(0)))) {
                documents.add(keyDocument(List.of(sources.get(0)), List.of(value)));
            }
            return documents;
        }
        List<BsonValue> values = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            List<BsonValue> each = candidates(targetKey.get(targets.get(i)), type(targets.get(i)));
            if (each.isEmpty()) {
                return List.of();
            }
            values.add(each.get(0));
        }
        return List.of(keyDocument(sources, values));
    }

    private String type(String targetColumn) {
        return SourceDocument.columnType(table, targetColumn);
    }

    /** The key document a source key's fields make: {@code _id.<f>} fields gather into one compound {@code _id}. */
    private static BsonDocument keyDocument(List<String> sources, List<BsonValue> values) {
        BsonDocument key = new BsonDocument();
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            if (source.startsWith("_id.")) {
                if (!key.containsKey("_id")) {
                    key.put("_id", new BsonDocument());
                }
                key.getDocument("_id").put(source.substring(4), values.get(i));
            } else {
                key.put(source, values.get(i));
            }
        }
        return key;
    }

    private static List<BsonValue> candidates(JsonNode value, String targetType) {
        List<BsonValue> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        String type = DocumentValues.baseType(targetType);
        if (value.isContainerNode()) {
            out.add(BsonDocument.parse("{\"v\": " + value + "}").get("v"));
        } else if (value.isNumber()) {
            numbers(value.decimalValue(), out);
        } else if (value.isBoolean()) {
            out.add(BsonBoolean.valueOf(value.booleanValue()));
        } else if (type.equals("uuid")) {
            UUID uuid = UUID.fromString(value.asText());
            ObjectIdUuids.toObjectIdHex(uuid).ifPresent(hex -> out.add(new BsonObjectId(new ObjectId(hex))));
            out.add(new BsonBinary(uuid));
        } else if (type.startsWith("timestamp")) {
            DocumentValues.millis(value.asText()).ifPresent(ms -> out.add(new BsonDateTime(ms)));
        } else if (type.equals("bytea") && value.asText().startsWith("\\x")) {
            out.add(new BsonBinary(HexFormat.of().parseHex(value.asText().substring(2))));
        } else {
            out.add(new BsonString(value.asText()));
            if (ObjectIdUuids.isObjectIdHex(value.asText())) {
                out.add(new BsonObjectId(new ObjectId(value.asText())));
            }
        }
        return out;
    }

    private static void numbers(BigDecimal n, List<BsonValue> out) {
        Optional<Long> integral = integral(n);
        if (integral.isPresent()) {
            long l = integral.get();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                out.add(new BsonInt32((int) l));
            }
            out.add(new BsonInt64(l));
        }
        out.add(new BsonDouble(n.doubleValue()));
        out.add(new BsonDecimal128(new Decimal128(n)));
    }

    private static Optional<Long> integral(BigDecimal n) {
        try {
            return Optional.of(n.longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(BsonDocument document) {
        ByteBuffer buffer = new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
