package dev.cutover.transform.document;

import dev.cutover.transform.convert.ValueText;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Values as MongoDB's relaxed Extended JSON v2 (the package documentation lists each type's form), the same text the
 * BSON library's own writer gives for the types documents usually hold (written here, several times faster), and the
 * library's writer for the rarer ones, so any Extended JSON reader reads them back to the same BSON values. Strings
 * are escaped as JSON requires; a NUL or unpaired surrogate is written as an escape that jsonb then refuses.
 * Stateless and thread-safe.
 */
final class ExtendedJsonWriter {
    static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    /** The dates relaxed mode writes as ISO-8601 text: 1970-01-01 to 9999-12-31, UTC. */
    private static final long LAST_ISO_DATE_MS = 253_402_300_799_999L;
    /** A value the library writes is written as the only field of a document, then cut out of it. */
    private static final int WRAP_PREFIX = "{\"v\": ".length();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ExtendedJsonWriter() {
    }

    static String of(BsonValue value) {
        StringBuilder out = new StringBuilder(64);
        write(out, value);
        return out.toString();
    }

    /**
     * The BSON bytes of a document as written (a name that appears twice stays twice), or null when they are not a
     * readable document; for error reports.
     */
    static String ofBytes(ByteBuffer bson) {
        try {
            byte[] bytes = new byte[bson.remaining()];
            bson.duplicate().get(bytes);
            return new RawBsonDocument(bytes).toJson(RELAXED);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void write(StringBuilder out, BsonValue value) {
        switch (value.getBsonType()) {
            case DOCUMENT -> document(out, value.asDocument());
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (BsonValue element : value.asArray()) {
                    out.append(first ? "" : ", ");
                    write(out, element);
                    first = false;
                }
                out.append(']');
            }
            case STRING -> string(out, value.asString().getValue());
            case INT32 -> out.append(value.asInt32().getValue());
            case INT64 -> out.append(value.asInt64().getValue());
            case DOUBLE -> real(out, value.asDouble().getValue());
            case BOOLEAN -> out.append(value.asBoolean().getValue());
            case NULL -> out.append("null");
            case OBJECT_ID -> out.append("{\"$oid\": \"").append(value.asObjectId().getValue().toHexString())
                    .append("\"}");
            case DATE_TIME -> date(out, value.asDateTime().getValue());
            case DECIMAL128 -> out.append("{\"$numberDecimal\": \"").append(value.asDecimal128().getValue())
                    .append("\"}");
            case BINARY -> binary(out, value.asBinary());
            default -> out.append(byLibrary(value));
        }
    }

    private static void document(StringBuilder out, BsonDocument document) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            out.append(first ? "" : ", ");
            string(out, field.getKey());
            out.append(": ");
            write(out, field.getValue());
            first = false;
        }
        out.append('}');
    }

    /** A finite double keeps a fraction or an exponent ({@code 3.0}), so it reads back as a double. */
    private static void real(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            out.append(value);
        } else {
            out.append("{\"$numberDouble\": \"").append(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity"
                    : "-Infinity").append("\"}");
        }
    }

    private static void date(StringBuilder out, long epochMillis) {
        if (epochMillis < 0 || epochMillis > LAST_ISO_DATE_MS) {
            out.append("{\"$date\": {\"$numberLong\": \"").append(epochMillis).append("\"}}");
            return;
        }
        out.append("{\"$date\": \"");
        isoDate(out, epochMillis, false);
        out.append("\"}");
    }

    /**
     * A date as ISO-8601 UTC text, {@code 2024-01-02T03:04:05.678Z}; with {@code alwaysMillis} false the fraction is
     * left out when it is zero, as relaxed Extended JSON writes it. Years beyond 0001-9999 get a sign and more digits.
     */
    static void isoDate(StringBuilder out, long epochMillis, boolean alwaysMillis) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            out.append(year < 0 ? '-' : '+');
            out.append(Math.abs(year));
        } else {
            digits(out, year, 4);
        }
        digits(out.append('-'), time.getMonthValue(), 2);
        digits(out.append('-'), time.getDayOfMonth(), 2);
        digits(out.append('T'), time.getHour(), 2);
        digits(out.append(':'), time.getMinute(), 2);
        digits(out.append(':'), time.getSecond(), 2);
        if (alwaysMillis || millis != 0) {
            digits(out.append('.'), millis, 3);
        }
        out.append('Z');
    }

    private static void digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        out.append(text);
    }

    private static void binary(StringBuilder out, BsonBinary binary) {
        int subtype = binary.getType() & 0xff;
        out.append("{\"$binary\": {\"base64\": \"").append(Base64.getEncoder().encodeToString(binary.getData()))
                .append("\", \"subType\": \"").append(HEX[subtype >> 4]).append(HEX[subtype & 0xf]).append("\"}}");
    }

    private static void string(StringBuilder out, String text) {
        ValueText.appendString(out, text);
    }

    /** The rarer types (timestamp, regular expression, JavaScript, symbol, undefined, MinKey, MaxKey, DBPointer). */
    private static String byLibrary(BsonValue value) {
        String wrapped = new BsonDocument("v", value).toJson(RELAXED);
        return wrapped.substring(WRAP_PREFIX, wrapped.length() - 1);
    }
}
