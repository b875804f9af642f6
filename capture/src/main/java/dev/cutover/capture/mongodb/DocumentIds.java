package dev.cutover.capture.mongodb;

import java.nio.ByteBuffer;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * A MongoDB document's raw key: the BSON bytes of {@code {"_id": value}} (the whole {@code _id}, of any type), so equal
 * ids have equal bytes and go to the same partition. Thread-safe.
 */
final class DocumentIds {
    static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private DocumentIds() {
    }

    static byte[] key(BsonValue id) {
        return encode(new BsonDocument(IdRange.ID, id));
    }

    /** The {@code _id} a raw key holds. */
    static BsonValue id(ByteBuffer key) {
        byte[] bytes = new byte[key.remaining()];
        key.duplicate().get(bytes);
        return new RawBsonDocument(bytes).get(IdRange.ID);
    }

    /** The key as reports show it: relaxed Extended JSON of the key document. */
    static String text(BsonValue id) {
        return new BsonDocument(IdRange.ID, id).toJson(RELAXED);
    }

    static byte[] encode(BsonDocument document) {
        if (document instanceof RawBsonDocument raw) {
            ByteBuffer buffer = raw.getByteBuffer().asNIO();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        BasicOutputBuffer out = new BasicOutputBuffer(64);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        return out.toByteArray();
    }
}
