package dev.cutover.capture.document.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What a field's profile saw, as the first sentence of its column's note, e.g.
 * {@code string 480, null 5, missing 15; up to 24 characters} or
 * {@code array 500 of 1 to 6 elements: int 1746}.
 */
final class ProfileText {
    private ProfileText() {
    }

    /**
     * @param of the number of documents (or elements) the field could have been in
     */
    static String describe(FieldProfile field, long of) {
        List<String> parts = new ArrayList<>();
        String kinds = field.kinds().describe();
        if (!kinds.isEmpty()) {
            parts.add(kinds);
        }
        if (field.nulls() > 0) {
            parts.add("null " + field.nulls());
        }
        if (of > field.present()) {
            parts.add("missing " + (of - field.present()));
        }
        StringBuilder text = new StringBuilder(String.join(", ", parts));
        details(field).forEach(detail -> text.append("; ").append(detail));
        return text.toString();
    }

    private static List<String> details(FieldProfile field) {
        List<String> details = new ArrayList<>();
        if (field.maxStringLength() >= 0) {
            details.add("strings up to " + Texts.count(field.maxStringLength(), "character"));
        }
        if (field.array() != null) {
            details.add(arrays(field.array()));
        }
        if (field.objects() != null) {
            details.add(objects(field.objects()));
        }
        return details;
    }

    private static String arrays(ArrayProfile array) {
        FieldProfile elements = array.elements();
        String length = array.minLength() == array.maxLength() ? Texts.count(array.maxLength(), "element")
                : array.minLength() + " to " + array.maxLength() + " elements";
        String content = elements.kinds().describe();
        if (elements.nulls() > 0) {
            content += (content.isEmpty() ? "" : ", ") + "null " + elements.nulls();
        }
        String text = "arrays of " + length + (content.isEmpty() ? "" : ": " + content);
        return elements.objects() == null ? text : text + "; element " + objects(elements.objects());
    }

    private static String objects(ObjectShape objects) {
        String names = objects.namesVary() ? "objects whose field names vary (more than " + ObjectShape.NAMES + ")"
                : objects.names().isEmpty() ? "empty objects"
                : "objects with fields " + String.join(", ", objects.names());
        if (objects.maxDepth() > ObjectShape.MAX_DEPTH) {
            return names + ", nested deeper than " + ObjectShape.MAX_DEPTH;
        }
        return objects.maxDepth() > 1 ? names + ", nested " + objects.maxDepth() + " deep" : names;
    }
}
