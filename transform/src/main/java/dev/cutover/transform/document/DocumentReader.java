package dev.cutover.transform.document;

import java.nio.ByteBuffer;
import org.bson.BSONException;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.DecoderContext;

/**
 * Reads a document's BSON bytes into a {@link BsonDocument}, refusing what a row cannot hold faithfully: a field name
 * twice in one (sub)document (BSON allows it; a map, a row and jsonb keep one value per name, so one would be lost),
 * nesting deeper than {@link #MAX_DEPTH}, and bytes that are not BSON. Stateless and thread-safe.
 */
final class DocumentReader {
    /** Deepest nesting read (documents and arrays); jsonb and Extended JSON writers stop near here too. */
    static final int MAX_DEPTH = 1000;
    private static final BsonValueCodec RARE_TYPES = new BsonValueCodec();
    private static final DecoderContext CONTEXT = DecoderContext.builder().build();

    private DocumentReader() {
    }

    /**
     * @param what what the bytes are, for messages ("the document", "the key")
     * @throws Rejection when the bytes cannot become a document faithfully
     */
    static BsonDocument read(ByteBuffer bson, String what) {
        try (BsonBinaryReader reader = new BsonBinaryReader(bson.duplicate())) {
            return document(reader, "", 1);
        } catch (BSONException | IllegalStateException | IndexOutOfBoundsException
                 | java.nio.BufferUnderflowException e) {
            throw new Rejection(null, what + " is not valid BSON (" + e.getMessage() + "); this is a bug in capture,"
                    + " please report it");
        }
    }

    private static BsonDocument document(BsonBinaryReader reader, String path, int depth) {
        checkDepth(path, depth);
        reader.readStartDocument();
        BsonDocument document = new BsonDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            String field = path.isEmpty() ? name : path + "." + name;
            if (document.put(name, value(reader, field, depth)) != null) {
                throw new Rejection(field, "field \"" + field + "\" appears twice in one document: BSON allows that,"
                        + " but a row (and jsonb) holds one value per name, so one would be lost; fix the document in"
                        + " the source");
            }
        }
        reader.readEndDocument();
        return document;
    }

    private static BsonArray array(BsonBinaryReader reader, String path, int depth) {
        checkDepth(path, depth);
        reader.readStartArray();
        BsonArray array = new BsonArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            array.add(value(reader, path + "[" + array.size() + "]", depth));
        }
        reader.readEndArray();
        return array;
    }

    private static BsonValue value(BsonBinaryReader reader, String field, int depth) {
        return switch (reader.getCurrentBsonType()) {
            case DOCUMENT -> document(reader, field, depth + 1);
            case ARRAY -> array(reader, field, depth + 1);
            case STRING -> new BsonString(reader.readString());
            case INT32 -> new BsonInt32(reader.readInt32());
            case INT64 -> new BsonInt64(reader.readInt64());
            case DOUBLE -> new BsonDouble(reader.readDouble());
            case BOOLEAN -> BsonBoolean.valueOf(reader.readBoolean());
            case OBJECT_ID -> new BsonObjectId(reader.readObjectId());
            case DATE_TIME -> new BsonDateTime(reader.readDateTime());
            case DECIMAL128 -> new BsonDecimal128(reader.readDecimal128());
            case NULL -> {
                reader.readNull();
                yield BsonNull.VALUE;
            }
            default -> RARE_TYPES.decode(reader, CONTEXT);
        };
    }

    private static void checkDepth(String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Rejection(path, "field \"" + path + "\" is nested " + depth + " levels deep, more than the "
                    + MAX_DEPTH + " levels Cutover reads (jsonb and Extended JSON stop near there too); flatten the"
                    + " document in the source");
        }
    }
}
