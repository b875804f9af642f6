package dev.cutover.capture.document.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What a field's embedded documents looked like: their field names while there are few (a document keyed by data, such
 * as ids or dates, has ever new names and is only marked as varying), whether every document had the same names in the
 * same order, and how deep they nest.
 */
final class ObjectShape {
    static final int NAMES = 32;
    /** Nesting is measured up to this depth; deeper documents are reported as deeper than it. */
    static final int MAX_DEPTH = 256;

    private TreeSet<String> names = new TreeSet<>();
    private List<String> firstOrder;
    private boolean orderVaries;
    private int maxDepth;

    void add(BsonDocument document) {
        List<String> order = new ArrayList<>(document.keySet());
        if (firstOrder == null) {
            firstOrder = order;
        } else if (!orderVaries && !firstOrder.equals(order)) {
            orderVaries = true;
        }
        if (names != null) {
            names.addAll(order);
            if (names.size() > NAMES) {
                names = null;
            }
        }
        maxDepth = Math.max(maxDepth, depth(document, 1));
    }

    /** The field names seen, sorted; empty when there were more than {@value #NAMES}. */
    List<String> names() {
        return names == null ? List.of() : List.copyOf(names);
    }

    boolean namesVary() {
        return names == null;
    }

    /** The field names of every document, in order, when all had the same; else null. */
    List<String> sameOrder() {
        return orderVaries || firstOrder == null ? null : List.copyOf(firstOrder);
    }

    /** Nesting depth: 1 for a document of scalars; {@value #MAX_DEPTH} + 1 for deeper than measured. */
    int maxDepth() {
        return maxDepth;
    }

    private static int depth(BsonValue value, int level) {
        if (level > MAX_DEPTH) {
            return level;
        }
        int deepest = level;
        Iterable<BsonValue> children = value.isDocument() ? ((BsonDocument) value).values() : (BsonArray) value;
        for (BsonValue child : children) {
            if (child.isDocument() || child.isArray()) {
                deepest = Math.max(deepest, depth(child, level + 1));
                if (deepest > MAX_DEPTH) {
                    break;
                }
            }
        }
        return deepest;
    }
}
