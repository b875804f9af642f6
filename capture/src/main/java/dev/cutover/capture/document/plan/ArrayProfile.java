package dev.cutover.capture.document.plan;

import org.bson.BsonArray;
import org.bson.BsonValue;

/** What a field's arrays held: how many, how long, and their elements profiled together as one field. */
final class ArrayProfile {
    private final FieldProfile elements;
    private long arrays;
    private long empty;
    private long minLength = Long.MAX_VALUE;
    private long maxLength;

    ArrayProfile(String field, Depth depth) {
        this.elements = new FieldProfile(field + "[]", depth);
    }

    void add(BsonArray array) {
        arrays++;
        if (array.isEmpty()) {
            empty++;
        }
        minLength = Math.min(minLength, array.size());
        maxLength = Math.max(maxLength, array.size());
        for (BsonValue element : array) {
            elements.add(element);
        }
    }

    /** Every element of every array, profiled as the values of one field. */
    FieldProfile elements() {
        return elements;
    }

    long arrays() {
        return arrays;
    }

    long empty() {
        return empty;
    }

    long minLength() {
        return arrays == 0 ? 0 : minLength;
    }

    long maxLength() {
        return maxLength;
    }
}
