package dev.cutover.capture.document.plan;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What planning saw in one field (or in the elements of one array): how many documents had it, nulls, each kind's
 * count, integer extremes, string lengths, a few distinct strings, and, as deep as its {@link Depth} allows, its
 * arrays' elements and its documents' fields. Bounded in memory whatever the number of documents.
 */
final class FieldProfile {
    private final String name;
    private final Depth depth;
    private final KindCounts kinds = new KindCounts();
    private final DistinctStrings strings = new DistinctStrings();
    private long present;
    private long nulls;
    private long largestInteger;
    private long maxStringLength = -1;
    private ArrayProfile array;
    private ObjectShape objects;
    private ShapeProfile fields;

    FieldProfile(String name, Depth depth) {
        this.name = name;
        this.depth = depth;
    }

    void add(BsonValue value) {
        present++;
        if (ValueKind.isNull(value)) {
            nulls++;
            return;
        }
        ValueKind kind = ValueKind.of(value);
        kinds.add(kind);
        switch (kind) {
            case INT32:
            case INT64:
                largestInteger = Math.max(largestInteger, magnitude(value.asNumber().longValue()));
                break;
            case STRING:
                String text = value.asString().getValue();
                maxStringLength = Math.max(maxStringLength, text.codePointCount(0, text.length()));
                strings.add(text);
                break;
            case ARRAY:
                addArray(value);
                break;
            case DOCUMENT:
                addDocument(value.asDocument());
                break;
            default:
                break;
        }
    }

    String name() {
        return name;
    }

    /** Documents (or elements) that had the field, null included. */
    long present() {
        return present;
    }

    long nulls() {
        return nulls;
    }

    long nonNull() {
        return present - nulls;
    }

    KindCounts kinds() {
        return kinds;
    }

    /** The largest magnitude of the int and long values (0 when none). */
    long largestInteger() {
        return largestInteger;
    }

    /** The longest string in characters (code points), or -1 when there was none. */
    long maxStringLength() {
        return maxStringLength;
    }

    DistinctStrings strings() {
        return strings;
    }

    /** The arrays' profile, or null when the field held no arrays or its depth does not profile them. */
    ArrayProfile array() {
        return array;
    }

    /** The embedded documents' names and nesting, or null when there were none. */
    ObjectShape objects() {
        return objects;
    }

    /** The embedded documents' fields, or null when none or its depth does not profile them. */
    ShapeProfile fields() {
        return fields;
    }

    private void addArray(BsonValue value) {
        Depth elements = depth.elements();
        if (elements != null) {
            if (array == null) {
                array = new ArrayProfile(name, elements);
            }
            array.add(value.asArray());
        }
    }

    private void addDocument(BsonDocument document) {
        if (objects == null) {
            objects = new ObjectShape();
        }
        objects.add(document);
        Depth fieldDepth = depth.fields();
        if (fieldDepth != null) {
            if (fields == null) {
                fields = new ShapeProfile(fieldDepth, ShapeProfile.NESTED_FIELDS);
            }
            fields.add(document);
        }
    }

    private static long magnitude(long value) {
        return value == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(value);
    }
}
