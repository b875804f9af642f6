package dev.cutover.capture.document.plan;

/**
 * Where a profiled value sits, which decides how deep the profile looks: only as deep as a plan can use. A top-level
 * array's element documents are profiled field by field (a child table may be declared for them); an element's own
 * arrays are profiled one level further; anything deeper lands in {@code jsonb} and is only counted.
 */
enum Depth {
    /** A top-level field of a collection's documents. */
    TOP,
    /** A top-level field declared flattened: its embedded documents' fields are profiled as columns are. */
    FLATTENED,
    /** The {@code _id} (its fields, when compound, are profiled to make a composite key). */
    ID,
    /** An element of a top-level array. */
    ELEMENT,
    /** A field of an element document (a child table's column). */
    CHILD,
    /** An element of an element document's array, a field of a compound {@code _id}. */
    LEAF;

    /** The depth of this value's array elements, or null when they are not profiled. */
    Depth elements() {
        return this == TOP || this == FLATTENED ? ELEMENT : this == CHILD ? LEAF : null;
    }

    /** The depth of this value's document fields, or null when only their names are kept. */
    Depth fields() {
        return this == ELEMENT || this == FLATTENED ? CHILD : this == ID ? LEAF : null;
    }
}
