package dev.cutover.capture.jsondir;

import dev.cutover.schemas.plan.KeyPlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * How a collection's documents are identified, from its plan's key: the raw key of every event is the BSON document
 * of the key's source fields (see {@code ChangeEvent.avsc}), one of
 * <ul>
 *   <li>{@code {"_id": value}}: the whole {@code _id}, of any BSON type, a compound one too (key columns {@code _id} or
 *       {@code _id.<field>});</li>
 *   <li>{@code {"f1": v1, "f2": v2}}: the named fields, in key order ({@code id}, or fields the operator declared);</li>
 *   <li>{@code {"$file": name}}: the document's file name without {@code .json} (the folder layout, no id);</li>
 *   <li>{@code {"$hash": hex}}: the hex SHA-256 of the document's canonical Extended JSON (UTF-8), so a changed
 *       document is a delete of its old key and an insert of its new one.</li>
 * </ul>
 * Equal keys have equal bytes. Thread-safe.
 */
final class DocumentKeyEncoder {
    static final String ID = "_id";
    static final String FILE = "$file";
    static final String HASH = "$hash";
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private enum Kind { ID, FIELDS, FILE, HASH }

    private final Kind kind;
    private final List<String> fields;

    private DocumentKeyEncoder(Kind kind, List<String> fields) {
        this.kind = kind;
        this.fields = fields;
    }

    static DocumentKeyEncoder of(KeyPlan key) {
        List<String> columns = key.sourceColumns();
        String first = columns.get(0);
        if (first.equals(ID) || first.startsWith(ID + ".")) {
            return new DocumentKeyEncoder(Kind.ID, List.of(ID));
        }
        if (columns.equals(List.of(FILE))) {
            return new DocumentKeyEncoder(Kind.FILE, columns);
        }
        if (columns.equals(List.of(HASH))) {
            return new DocumentKeyEncoder(Kind.HASH, columns);
        }
        return new DocumentKeyEncoder(Kind.FIELDS, columns);
    }

    /** True when the key is the file name, which only a document of the folder layout has. */
    boolean byFile() {
        return kind == Kind.FILE;
    }

    /**
     * The key of one document.
     *
     * @param bson     the document
     * @param fileStem the document's file name without extension (the folder layout), or null
     * @return the key's BSON bytes, or null when the document lacks a key field (see {@link #missing})
     */
    byte[] of(byte[] bson, String fileStem) {
        BsonDocument key = new BsonDocument();
        switch (kind) {
            case FILE -> {
                if (fileStem == null) {
                    return null;
                }
                key.put(FILE, new BsonString(fileStem));
            }
            case HASH -> key.put(HASH, new BsonString(HexFormat.of().formatHex(sha256(canonicalJson(bson)))));
            default -> {
                RawBsonDocument document = new RawBsonDocument(bson);
                for (String field : fields) {
                    BsonValue value = document.get(field);
                    if (value == null) {
                        return null;
                    }
                    key.put(field, value);
                }
            }
        }
        return encode(key);
    }

    /** Why {@link #of} found no key, for the error log. */
    String missing(String collection) {
        return kind == Kind.FILE
                ? "collection " + collection + " is keyed by file name, but this document is not a file of a folder"
                : "the document has no " + String.join(", ", fields) + ", which identifies the documents of collection "
                        + collection + " in the plan; give it one, or declare the key in plan.json and plan again";
    }

    static byte[] encode(BsonDocument document) {
        BasicOutputBuffer out = new BasicOutputBuffer(64);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        return out.toByteArray();
    }

    private static byte[] canonicalJson(byte[] bson) {
        return new RawBsonDocument(bson).toJson(CANONICAL).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
