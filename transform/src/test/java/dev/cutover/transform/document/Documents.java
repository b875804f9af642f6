package dev.cutover.transform.document;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Document;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.plan.KeyPlan;
import java.nio.ByteBuffer;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.json.JsonReader;

/** Test support: documents and document events from Extended JSON, as a document source's capture makes them. */
public final class Documents {
    private Documents() {
    }

    /** The BSON bytes of an Extended JSON document, exactly as written (a name twice stays twice). */
    public static ByteBuffer bson(String extendedJson) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer); JsonReader reader = new JsonReader(extendedJson)) {
            writer.pipe(reader);
        }
        return ByteBuffer.wrap(buffer.toByteArray());
    }

    public static ByteBuffer bson(BsonDocument document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            new BsonDocumentCodec().encode(writer, document, EncoderContext.builder().build());
        }
        return ByteBuffer.wrap(buffer.toByteArray());
    }

    /** The key document capture sends for a document under this key plan: {@code {"_id": ...}} or the key fields. */
    public static ByteBuffer keyOf(ByteBuffer document, KeyPlan key) {
        BsonDocument fields = new RawBsonDocument(bytes(document));
        BsonDocument keyDocument = new BsonDocument();
        for (String source : key.sourceColumns()) {
            String field = source.startsWith("_id.") ? "_id" : source;
            BsonValue value = fields.get(field);
            if (value != null) {
                keyDocument.put(field, value);
            }
        }
        return bson(keyDocument);
    }

    public static ChangeEvent event(String collection, Operation op, ByteBuffer key, ByteBuffer document) {
        return ChangeEvent.newBuilder().setSource("jsondir:/golden").setTable(collection).setOp(op)
                .setKeyColumns(List.of(DocumentEvents.KEY_COLUMN)).setKey(List.of(key))
                .setColumns(document == null ? List.of() : List.of(DocumentEvents.DOCUMENT_COLUMN))
                .setValues(document == null ? List.of() : List.of(new Document(document)))
                .setSequence(0).setSourceTimeMs(10).setCaptureTimeMs(20).build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
