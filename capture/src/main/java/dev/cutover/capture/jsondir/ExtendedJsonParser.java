package dev.cutover.capture.jsondir;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.bson.BsonBinaryWriter;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.io.BasicOutputBuffer;
import org.bson.json.JsonReader;

/**
 * Reads one document's text, MongoDB Extended JSON v2 (canonical or relaxed, as {@code mongoexport} writes it) or
 * plain JSON, into BSON bytes: every Extended JSON type keeps its BSON type ({@code $oid}, {@code $date},
 * {@code $numberInt}, {@code $numberLong}, {@code $numberDouble}, {@code $numberDecimal}, {@code $binary}, {@code $uuid}
 * (binary subtype 4), {@code $timestamp}, {@code $regularExpression}, {@code $minKey}, {@code $maxKey}); plain JSON
 * numbers become int32, int64 or double by their form, as {@code mongoimport} reads them. Keys are kept as written,
 * {@code $}-prefixed and dotted ones too.
 *
 * <p>Refuses, with the reason: text that is not UTF-8, invalid JSON or Extended JSON (e.g. {@code {"$oid": "xyz"}}),
 * a key twice in one object (JSON parsers disagree on which one wins, so neither is taken), a key holding a NUL
 * character (BSON cannot), and nesting deeper than {@link #MAX_DEPTH}. Thread-safe.
 */
final class ExtendedJsonParser {
    /** The deepest nesting of objects and arrays read (the document itself is level 1). */
    static final int MAX_DEPTH = 1000;

    private ExtendedJsonParser() {
    }

    /**
     * A document read from its text: its BSON bytes, or why there are none.
     *
     * @param bson    the document in BSON, or null
     * @param problem what is wrong with the text, or null
     */
    record Parsed(byte[] bson, String problem) {
        boolean ok() {
            return bson != null;
        }
    }

    static Parsed parse(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            return new Parsed(null, "the text is not valid UTF-8");
        }
        try {
            JsonReader reader = new JsonReader(text);
            BasicOutputBuffer out = new BasicOutputBuffer(Math.max(64, utf8.length / 2));
            try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
                if (reader.readBsonType() != BsonType.DOCUMENT) {
                    return new Parsed(null, "the text is an Extended JSON " + reader.getCurrentBsonType()
                            + " value, not a document");
                }
                copyDocument(reader, writer, 1);
            }
            return new Parsed(out.toByteArray(), null);
        } catch (InvalidDocument e) {
            return new Parsed(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Parsed(null, "invalid JSON or Extended JSON: " + e.getMessage());
        }
    }

    private static void copyDocument(BsonReader reader, BsonWriter writer, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidDocument("the document nests objects and arrays deeper than " + MAX_DEPTH + " levels");
        }
        reader.readStartDocument();
        writer.writeStartDocument();
        Set<String> names = new HashSet<>();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            if (!names.add(name)) {
                throw new InvalidDocument("key \"" + name + "\" appears twice in one object");
            }
            writer.writeName(name);
            copyValue(reader, writer, depth);
        }
        reader.readEndDocument();
        writer.writeEndDocument();
    }

    private static void copyArray(BsonReader reader, BsonWriter writer, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidDocument("the document nests objects and arrays deeper than " + MAX_DEPTH + " levels");
        }
        reader.readStartArray();
        writer.writeStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            copyValue(reader, writer, depth);
        }
        reader.readEndArray();
        writer.writeEndArray();
    }

    /** Copies the value the reader is at, whose type it has just read. */
    private static void copyValue(BsonReader reader, BsonWriter writer, int depth) {
        switch (reader.getCurrentBsonType()) {
            case DOCUMENT -> copyDocument(reader, writer, depth + 1);
            case ARRAY -> copyArray(reader, writer, depth + 1);
            case DOUBLE -> writer.writeDouble(reader.readDouble());
            case STRING -> writer.writeString(reader.readString());
            case BINARY -> writer.writeBinaryData(reader.readBinaryData());
            case OBJECT_ID -> writer.writeObjectId(reader.readObjectId());
            case BOOLEAN -> writer.writeBoolean(reader.readBoolean());
            case DATE_TIME -> writer.writeDateTime(reader.readDateTime());
            case INT32 -> writer.writeInt32(reader.readInt32());
            case INT64 -> writer.writeInt64(reader.readInt64());
            case DECIMAL128 -> writer.writeDecimal128(reader.readDecimal128());
            case TIMESTAMP -> writer.writeTimestamp(reader.readTimestamp());
            case REGULAR_EXPRESSION -> writer.writeRegularExpression(reader.readRegularExpression());
            case DB_POINTER -> writer.writeDBPointer(reader.readDBPointer());
            case JAVASCRIPT -> writer.writeJavaScript(reader.readJavaScript());
            case SYMBOL -> writer.writeSymbol(reader.readSymbol());
            case NULL -> {
                reader.readNull();
                writer.writeNull();
            }
            case UNDEFINED -> {
                reader.readUndefined();
                writer.writeUndefined();
            }
            case MIN_KEY -> {
                reader.readMinKey();
                writer.writeMinKey();
            }
            case MAX_KEY -> {
                reader.readMaxKey();
                writer.writeMaxKey();
            }
            case JAVASCRIPT_WITH_SCOPE -> {
                writer.writeJavaScriptWithScope(reader.readJavaScriptWithScope());
                copyDocument(reader, writer, depth + 1);
            }
            default -> throw new InvalidDocument("unexpected value of type " + reader.getCurrentBsonType());
        }
    }

    /** Why a text is not a document this reader accepts. */
    private static final class InvalidDocument extends RuntimeException {
        InvalidDocument(String message) {
            super(message, null, false, false);
        }
    }
}
