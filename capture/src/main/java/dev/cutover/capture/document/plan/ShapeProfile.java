package dev.cutover.capture.document.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The fields of a set of documents (a collection's documents, or the element documents of an array), each profiled, in
 * the order first seen. At most {@code limit} field names are profiled: documents keyed by data (a name per user or
 * per day) would otherwise make one profile per value; values of further names are only counted (they land in the
 * extra column), with a few of the names kept as examples.
 */
final class ShapeProfile {
    static final int TOP_FIELDS = 500;
    static final int NESTED_FIELDS = 100;
    private static final int EXAMPLES = 5;

    private final Depth depth;
    private final int limit;
    private final Set<String> flattened;
    private final Map<String, FieldProfile> fields = new LinkedHashMap<>();
    private final TreeSet<String> unprofiledExamples = new TreeSet<>();
    private long documents;
    private long unprofiledValues;

    ShapeProfile(Depth depth, int limit) {
        this(depth, limit, Set.of());
    }

    /** @param flattened top-level fields declared flattened ({@link Depth#FLATTENED}) */
    ShapeProfile(Depth depth, int limit, Set<String> flattened) {
        this.depth = depth;
        this.limit = limit;
        this.flattened = Set.copyOf(flattened);
    }

    void add(BsonDocument document) {
        documents++;
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            FieldProfile field = field(entry.getKey());
            if (field != null) {
                field.add(entry.getValue());
            }
        }
    }

    long documents() {
        return documents;
    }

    /** The profiled fields in the order first seen. */
    List<FieldProfile> fields() {
        return new ArrayList<>(fields.values());
    }

    FieldProfile field(String name, boolean create) {
        return create ? field(name) : fields.get(name);
    }

    /** Values of field names beyond the profiled ones. */
    long unprofiledValues() {
        return unprofiledValues;
    }

    /** A few of the names beyond the profiled ones, sorted. */
    List<String> unprofiledExamples() {
        return List.copyOf(unprofiledExamples);
    }

    private Depth depth(String name) {
        if (depth != Depth.TOP) {
            return depth;
        }
        return name.equals("_id") ? Depth.ID : flattened.contains(name) ? Depth.FLATTENED : Depth.TOP;
    }

    private FieldProfile field(String name) {
        FieldProfile field = fields.get(name);
        if (field == null && fields.size() < limit) {
            field = new FieldProfile(name, depth(name));
            fields.put(name, field);
        }
        if (field == null) {
            unprofiledValues++;
            if (unprofiledExamples.size() < EXAMPLES || name.compareTo(unprofiledExamples.last()) < 0) {
                unprofiledExamples.add(name);
                if (unprofiledExamples.size() > EXAMPLES) {
                    unprofiledExamples.pollLast();
                }
            }
        }
        return field;
    }
}
