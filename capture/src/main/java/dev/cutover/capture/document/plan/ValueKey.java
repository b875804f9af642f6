package dev.cutover.capture.document.plan;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * A value reduced to 128 bits for equality tests in bounded memory ({@link KeySet}). An ObjectId and an integral
 * number (int, long, or a double or decimal with an integral value, as MongoDB matches {@code 1}, {@code 1L} and
 * {@code 1.0} alike) are kept exactly; any other value by 120 bits of the SHA-256 of its kind and content, where two
 * different values collide with a probability far below one in 10^30 for a billion values. The top byte of {@link #lo}
 * tells the three forms apart, so they never collide with each other.
 */
record ValueKey(long hi, long lo) {
    private static final long OBJECT_ID = 1L << 56;
    private static final long NUMBER = 2L << 56;
    private static final long HASHED = 3L << 56;
    private static final long LOW_56 = (1L << 56) - 1;
    private static final JsonWriterSettings CANONICAL =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    /** True for the key of an ObjectId. */
    boolean objectId() {
        return (lo & ~LOW_56) == OBJECT_ID;
    }

    /**
     * Makes keys; holds a message digest, so one instance serves one thread.
     */
    static final class Maker {
        private final MessageDigest sha256;

        Maker() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        /** The key of a non-null value. */
        ValueKey of(BsonValue value) {
            switch (value.getBsonType()) {
                case OBJECT_ID:
                    ByteBuffer bytes = ByteBuffer.wrap(value.asObjectId().getValue().toByteArray());
                    return new ValueKey(bytes.getLong(), OBJECT_ID | (bytes.getInt() & 0xFFFFFFFFL));
                case INT32:
                    return number(value.asInt32().getValue());
                case INT64:
                    return number(value.asInt64().getValue());
                case DOUBLE:
                    return integral(new BigDecimal(Double.toString(value.asDouble().getValue())), value);
                case DECIMAL128:
                    return value.asDecimal128().getValue().isFinite()
                            ? integral(value.asDecimal128().getValue().bigDecimalValue(), value) : hashed(value);
                case STRING:
                    return hashed((byte) 's', value.asString().getValue().getBytes(StandardCharsets.UTF_8));
                default:
                    return hashed(value);
            }
        }

        /** The key of several values together (a key of several fields), in order. */
        ValueKey of(BsonArray values) {
            return hashed(values);
        }

        private static ValueKey number(long value) {
            return new ValueKey(value, NUMBER);
        }

        private ValueKey integral(BigDecimal number, BsonValue value) {
            try {
                return number(number.longValueExact());
            } catch (ArithmeticException notIntegral) {
                return hashed(value);
            }
        }

        private ValueKey hashed(BsonValue value) {
            String json = new BsonDocument("v", value).toJson(CANONICAL);
            return hashed((byte) value.getBsonType().getValue(), json.getBytes(StandardCharsets.UTF_8));
        }

        private ValueKey hashed(byte kind, byte[] content) {
            sha256.update(kind);
            ByteBuffer digest = ByteBuffer.wrap(sha256.digest(content));
            return new ValueKey(digest.getLong(), HASHED | (digest.getLong() & LOW_56));
        }
    }
}
