package dev.cutover.capture.document.plan;

/**
 * A field of a collection's documents: a top-level field ({@code array} null), or a field of the element documents of
 * the top-level array {@code array} (a child table's column).
 */
record FieldPath(String collection, String array, String field) {

    static FieldPath top(String collection, String field) {
        return new FieldPath(collection, null, field);
    }

    @Override
    public String toString() {
        return collection + "." + (array == null ? "" : array + "[].") + field;
    }
}
