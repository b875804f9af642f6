package dev.cutover.capture.document.plan;

import java.util.List;
import java.util.TreeSet;

/**
 * The distinct short strings of a field while there are few of them: enough to propose an enum type, never more
 * than {@value #LIMIT} values of at most {@value #MAX_LENGTH} characters. Once a field has more (or a longer one), the
 * set is dropped and only that fact is kept, so memory stays bounded whatever the data.
 */
final class DistinctStrings {
    static final int LIMIT = 12;
    static final int MAX_LENGTH = 64;

    private TreeSet<String> values = new TreeSet<>();

    void add(String value) {
        if (values == null) {
            return;
        }
        if (value.length() > MAX_LENGTH || (values.size() == LIMIT && !values.contains(value))) {
            values = null;
        } else {
            values.add(value);
        }
    }

    /** True when every string seen is in {@link #values()}. */
    boolean complete() {
        return values != null;
    }

    /** The values, sorted; empty when not {@link #complete()}. */
    List<String> values() {
        return values == null ? List.of() : List.copyOf(values);
    }
}
