package dev.cutover.capture.document.plan;

import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonValue;

/**
 * The kind of a non-null BSON value as the planner tells them apart: its BSON type, with a binary of subtype 4 (a
 * UUID) apart from other binaries. Labels are MongoDB's {@code $type} aliases, so plans speak the operator's language.
 */
enum ValueKind {
    INT32("int"),
    INT64("long"),
    DOUBLE("double"),
    DECIMAL128("decimal"),
    BOOLEAN("bool"),
    DATE("date"),
    STRING("string"),
    BINARY("binData"),
    UUID("uuid"),
    OBJECT_ID("objectId"),
    DOCUMENT("object"),
    ARRAY("array"),
    TIMESTAMP("timestamp"),
    REGEX("regex"),
    JAVASCRIPT("javascript"),
    JAVASCRIPT_WITH_SCOPE("javascriptWithScope"),
    SYMBOL("symbol"),
    DB_POINTER("dbPointer"),
    MIN_KEY("minKey"),
    MAX_KEY("maxKey"),
    UNDEFINED("undefined");

    private final String label;

    ValueKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The kind of {@code value}, which is neither null nor BSON null. */
    static ValueKind of(BsonValue value) {
        switch (value.getBsonType()) {
            case INT32: return INT32;
            case INT64: return INT64;
            case DOUBLE: return DOUBLE;
            case DECIMAL128: return DECIMAL128;
            case BOOLEAN: return BOOLEAN;
            case DATE_TIME: return DATE;
            case STRING: return STRING;
            case BINARY: return isUuid(value.asBinary()) ? UUID : BINARY;
            case OBJECT_ID: return OBJECT_ID;
            case DOCUMENT: return DOCUMENT;
            case ARRAY: return ARRAY;
            case TIMESTAMP: return TIMESTAMP;
            case REGULAR_EXPRESSION: return REGEX;
            case JAVASCRIPT: return JAVASCRIPT;
            case JAVASCRIPT_WITH_SCOPE: return JAVASCRIPT_WITH_SCOPE;
            case SYMBOL: return SYMBOL;
            case DB_POINTER: return DB_POINTER;
            case MIN_KEY: return MIN_KEY;
            case MAX_KEY: return MAX_KEY;
            case UNDEFINED: return UNDEFINED;
            default: throw new IllegalArgumentException("no kind for BSON type " + value.getBsonType());
        }
    }

    static boolean isNull(BsonValue value) {
        return value == null || value.isNull();
    }

    /** True for kinds that compare as numbers (MongoDB matches 1, 1L and 1.0 alike). */
    boolean numeric() {
        return this == INT32 || this == INT64 || this == DOUBLE || this == DECIMAL128;
    }

    /** True for int and long. */
    boolean integer() {
        return this == INT32 || this == INT64;
    }

    /** True for values that are neither a document nor an array. */
    boolean scalar() {
        return this != DOCUMENT && this != ARRAY;
    }

    private static boolean isUuid(BsonBinary binary) {
        return binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue() && binary.getData().length == 16;
    }
}
