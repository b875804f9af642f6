package dev.cutover.transform.document;

import dev.cutover.schemas.plan.ObjectIdUuids;
import dev.cutover.transform.convert.Converters.InputKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * Adapts a BSON value to the raw input the column converters take
 * ({@link dev.cutover.transform.convert.ColumnConverter}), for one column's kind of target type; the package
 * documentation lists each type's form. What has no faithful path to the column (an embedded document into a number,
 * say) is refused here with a message that names the BSON type.
 * Immutable and thread-safe.
 */
final class BsonInput {
    /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the dates a timestamp column holds here. */
    private static final long MIN_DATE_MS = -62_135_596_800_000L;
    private static final long END_DATE_MS = 253_402_300_800_000L;

    private final InputKind kind;
    private final boolean array;
    private final String targetType;

    BsonInput(InputKind kind, boolean array, String targetType) {
        this.kind = kind;
        this.array = array;
        this.targetType = targetType;
    }

    /**
     * @param value the field's value, null when the field is missing
     * @param field the field's name (or path), for messages
     * @return the converter input; null for a missing, null or undefined value
     */
    Object adapt(BsonValue value, String field) {
        if (value == null || value.isNull() || value.getBsonType() == BsonType.UNDEFINED) {
            return null;
        }
        if (kind == InputKind.JSON && !array) {
            return ExtendedJsonWriter.of(value);
        }
        if (value.isArray()) {
            if (array) {
                return elements(value.asArray(), field);
            }
            return asText(value, field);
        }
        return scalar(value, field, kind);
    }

    private List<Object> elements(BsonArray values, String field) {
        List<Object> elements = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            BsonValue element = values.get(i);
            String path = field + "[" + i + "]";
            if (element.isNull() || element.getBsonType() == BsonType.UNDEFINED) {
                elements.add(null);
            } else if (kind == InputKind.JSON) {
                elements.add(ExtendedJsonWriter.of(element));
            } else if (element.isArray() || element.isDocument()) {
                throw refused(path, element, "; set the column's targetType to jsonb");
            } else {
                elements.add(scalar(element, path, kind));
            }
        }
        return elements;
    }

    private Object scalar(BsonValue value, String field, InputKind kind) {
        return switch (value.getBsonType()) {
            case STRING -> value.asString().getValue();
            case INT32 -> (long) value.asInt32().getValue();
            case INT64 -> value.asInt64().getValue();
            case DOUBLE -> value.asDouble().getValue();
            case BOOLEAN -> value.asBoolean().getValue() ? "true" : "false";
            case DECIMAL128 -> value.asDecimal128().getValue().toString();
            case DATE_TIME -> date(value.asDateTime().getValue(), field, kind);
            case OBJECT_ID -> objectId(value.asObjectId().getValue(), kind);
            case BINARY -> binary(value.asBinary(), kind);
            case SYMBOL -> value.asSymbol().getSymbol();
            default -> asText(value, field);
        };
    }

    private Object date(long epochMillis, String field, InputKind kind) {
        StringBuilder iso = new StringBuilder(24);
        ExtendedJsonWriter.isoDate(iso, epochMillis, true);
        String text = iso.toString();
        if (kind == InputKind.OTHER && (epochMillis < MIN_DATE_MS || epochMillis >= END_DATE_MS)) {
            throw new Rejection(field, "field \"" + field + "\" holds the date " + text + ", outside the years"
                    + " 0001-9999 that " + targetType + " holds here; fix the document in the source, or set the"
                    + " column's targetType to jsonb in plan.json to keep it as {\"$date\": ...}");
        }
        return text;
    }

    private static Object objectId(ObjectId id, InputKind kind) {
        return switch (kind) {
            case UUID -> ObjectIdUuids.toUuid(id.toByteArray()).toString();
            case BYTEA -> ByteBuffer.wrap(id.toByteArray());
            default -> id.toHexString();
        };
    }

    private static Object binary(BsonBinary binary, InputKind kind) {
        byte[] data = binary.getData();
        if (kind != InputKind.BYTEA && binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()
                && data.length == 16) {
            ByteBuffer bytes = ByteBuffer.wrap(data);
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        }
        return ByteBuffer.wrap(data);
    }

    /** Documents, arrays and the rarer BSON types: as Extended JSON for a text column, refused for any other. */
    private Object asText(BsonValue value, String field) {
        if (kind == InputKind.TEXT && !array) {
            return ExtendedJsonWriter.of(value);
        }
        throw refused(field, value, "; set the column's targetType to jsonb (or text)");
    }

    private Rejection refused(String field, BsonValue value, String fix) {
        return new Rejection(field, "field \"" + field + "\" holds " + BsonTypes.describe(value) + ", which cannot"
                + " become " + targetType + fix + " in plan.json, or fix the document in the source");
    }
}
