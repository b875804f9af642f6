package dev.cutover.capture.jsondir;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * MongoDB's order of BSON values, which orders a document source's keys (see {@link dev.cutover.schemas.source.ReadBack}):
 * by type first (MinKey, null, numbers, strings, documents, arrays, binary, ObjectId, boolean, date, timestamp, regular
 * expression, MaxKey), then by value: numbers by value whatever their BSON type, strings by their UTF-8 bytes, documents
 * field by field (type, name, value), arrays element by element, binary by length, subtype and bytes. Thread-safe.
 */
final class BsonOrder {
    /** Orders key documents (BSON bytes) by their values in field order. */
    static final Comparator<byte[]> KEYS = (a, b) -> compare(new RawBsonDocument(a), new RawBsonDocument(b));

    private BsonOrder() {
    }

    static int compare(BsonValue a, BsonValue b) {
        int byType = Integer.compare(rank(a.getBsonType()), rank(b.getBsonType()));
        return byType != 0 ? byType : compareSameRank(a, b);
    }

    private static int rank(BsonType type) {
        return switch (type) {
            case MIN_KEY -> 1;
            case NULL, UNDEFINED -> 2;
            case INT32, INT64, DOUBLE, DECIMAL128 -> 3;
            case STRING, SYMBOL -> 4;
            case DOCUMENT -> 5;
            case ARRAY -> 6;
            case BINARY -> 7;
            case OBJECT_ID -> 8;
            case BOOLEAN -> 9;
            case DATE_TIME -> 10;
            case TIMESTAMP -> 11;
            case REGULAR_EXPRESSION -> 12;
            case DB_POINTER -> 13;
            case JAVASCRIPT -> 14;
            case JAVASCRIPT_WITH_SCOPE -> 15;
            case MAX_KEY -> 16;
            default -> 17;
        };
    }

    private static int compareSameRank(BsonValue a, BsonValue b) {
        return switch (a.getBsonType()) {
            case INT32, INT64, DOUBLE, DECIMAL128 -> compareNumbers(a, b);
            case STRING, SYMBOL -> compareText(text(a), text(b));
            case DOCUMENT -> compareDocuments(a.asDocument(), b.asDocument());
            case ARRAY -> compareArrays(a.asArray(), b.asArray());
            case BINARY -> compareBinary(a.asBinary(), b.asBinary());
            case OBJECT_ID -> a.asObjectId().getValue().compareTo(b.asObjectId().getValue());
            case BOOLEAN -> Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
            case DATE_TIME -> Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
            case TIMESTAMP -> Long.compareUnsigned(a.asTimestamp().getValue(), b.asTimestamp().getValue());
            case REGULAR_EXPRESSION -> compareRegex(a.asRegularExpression(), b.asRegularExpression());
            case JAVASCRIPT -> compareText(a.asJavaScript().getCode(), b.asJavaScript().getCode());
            default -> 0;
        };
    }

    private static int compareNumbers(BsonValue a, BsonValue b) {
        boolean nanA = isNaN(a);
        boolean nanB = isNaN(b);
        if (nanA || nanB) {
            return Boolean.compare(!nanA, !nanB);
        }
        if (a.isDouble() && Double.isInfinite(a.asDouble().getValue())
                || b.isDouble() && Double.isInfinite(b.asDouble().getValue())) {
            return Double.compare(a.asNumber().doubleValue(), b.asNumber().doubleValue());
        }
        return decimal(a).compareTo(decimal(b));
    }

    private static boolean isNaN(BsonValue value) {
        return value.isDouble() && Double.isNaN(value.asDouble().getValue())
                || value.isDecimal128() && value.asDecimal128().getValue().isNaN();
    }

    private static BigDecimal decimal(BsonValue value) {
        return switch (value.getBsonType()) {
            case INT32 -> BigDecimal.valueOf(value.asInt32().getValue());
            case INT64 -> BigDecimal.valueOf(value.asInt64().getValue());
            case DOUBLE -> new BigDecimal(value.asDouble().getValue());
            default -> value.asDecimal128().getValue().isInfinite()
                    ? BigDecimal.valueOf(value.asDecimal128().getValue().isNegative() ? -Double.MAX_VALUE : Double.MAX_VALUE)
                    : value.asDecimal128().getValue().bigDecimalValue();
        };
    }

    private static String text(BsonValue value) {
        return value.isString() ? value.asString().getValue() : value.asSymbol().getSymbol();
    }

    /** Code point order, which is the order of the UTF-8 bytes. */
    private static int compareText(String a, String b) {
        return JsonDirectory.comparePaths(a, b);
    }

    private static int compareDocuments(BsonDocument a, BsonDocument b) {
        Iterator<Map.Entry<String, BsonValue>> left = a.entrySet().iterator();
        Iterator<Map.Entry<String, BsonValue>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, BsonValue> x = left.next();
            Map.Entry<String, BsonValue> y = right.next();
            int order = Integer.compare(rank(x.getValue().getBsonType()), rank(y.getValue().getBsonType()));
            if (order == 0) {
                order = compareText(x.getKey(), y.getKey());
            }
            if (order == 0) {
                order = compareSameRank(x.getValue(), y.getValue());
            }
            if (order != 0) {
                return order;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    private static int compareArrays(BsonArray a, BsonArray b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareBinary(BsonBinary a, BsonBinary b) {
        int order = Integer.compare(a.getData().length, b.getData().length);
        if (order == 0) {
            order = Integer.compare(a.getType() & 0xFF, b.getType() & 0xFF);
        }
        return order != 0 ? order : java.util.Arrays.compareUnsigned(a.getData(), b.getData());
    }

    private static int compareRegex(BsonRegularExpression a, BsonRegularExpression b) {
        int order = compareText(a.getPattern(), b.getPattern());
        return order != 0 ? order : compareText(a.getOptions(), b.getOptions());
    }
}
