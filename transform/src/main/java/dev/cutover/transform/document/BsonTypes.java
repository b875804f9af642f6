package dev.cutover.transform.document;

import org.bson.BsonValue;

/** BSON type names for messages. */
final class BsonTypes {
    private BsonTypes() {
    }

    /** The value's BSON type with its article: "an embedded document", "a string", ... */
    static String describe(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOCUMENT -> "an embedded document";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case INT32 -> "a 32-bit integer";
            case INT64 -> "a 64-bit integer";
            case DOUBLE -> "a double";
            case DECIMAL128 -> "a Decimal128";
            case BOOLEAN -> "a boolean";
            case DATE_TIME -> "a date";
            case OBJECT_ID -> "an ObjectId";
            case BINARY -> "binary data";
            case TIMESTAMP -> "a BSON timestamp";
            case REGULAR_EXPRESSION -> "a regular expression";
            case JAVASCRIPT, JAVASCRIPT_WITH_SCOPE -> "JavaScript code";
            case SYMBOL -> "a symbol";
            case DB_POINTER -> "a DBPointer";
            case MIN_KEY -> "MinKey";
            case MAX_KEY -> "MaxKey";
            case NULL -> "null";
            case UNDEFINED -> "undefined";
            default -> value.getBsonType().toString();
        };
    }
}
