package dev.cutover.capture.document.plan;

import java.util.List;

/**
 * What the plan suggests but does not do by itself, for a column's note: an enum type for a field of a few distinct
 * strings, a child table for an array of documents of a stable shape. Both take a declaration in plan.json.
 */
final class Proposals {
    /** A field needs at least this many values per distinct value before an enum is proposed. */
    static final int VALUES_PER_LABEL = 4;

    private Proposals() {
    }

    /** The suggestions for a field typed {@code typed}, each as a sentence; empty when there are none. */
    static String of(FieldProfile field, DocumentColumnTyper.Typed typed) {
        StringBuilder text = new StringBuilder();
        FieldProfile strings = typed.type().equals("text") && field.kinds().only(ValueKind.STRING) ? field
                : typed.type().equals("text[]") ? field.array().elements() : null;
        if (strings != null) {
            List<String> values = strings.strings().values();
            if (strings.strings().complete() && values.size() >= 2
                    && strings.nonNull() >= (long) VALUES_PER_LABEL * values.size()) {
                text.append(" ").append(values.size()).append(" distinct values (").append(String.join(", ", values))
                        .append("): declare them under declarations.enums for an enum type.");
            }
        }
        if (typed.type().equals("jsonb") && stableDocuments(field)) {
            text.append(" Arrays of documents of a stable shape: declare the field under declarations.children for a "
                    + "child table.");
        }
        return text.toString();
    }

    /**
     * True for a field of only arrays whose elements are only documents with at most a few field names, each of one
     * kind (or numbers only).
     */
    static boolean stableDocuments(FieldProfile field) {
        if (!field.kinds().only(ValueKind.ARRAY) || field.array() == null) {
            return false;
        }
        FieldProfile elements = field.array().elements();
        if (!elements.kinds().only(ValueKind.DOCUMENT) || elements.objects().namesVary() || elements.fields() == null
                || elements.fields().unprofiledValues() > 0) {
            return false;
        }
        return elements.fields().fields().stream().map(f -> f.kinds().kinds())
                .allMatch(kinds -> kinds.size() <= 1 || kinds.stream().allMatch(ValueKind::numeric));
    }
}
