package dev.cutover.capture.document.plan;

import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/** How many values of each {@link ValueKind} a field held. */
final class KindCounts {
    private final long[] counts = new long[ValueKind.values().length];

    void add(ValueKind kind) {
        counts[kind.ordinal()]++;
    }

    long get(ValueKind kind) {
        return counts[kind.ordinal()];
    }

    long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** The kinds seen at least once, in {@link ValueKind} order. */
    Set<ValueKind> kinds() {
        Set<ValueKind> kinds = EnumSet.noneOf(ValueKind.class);
        for (ValueKind kind : ValueKind.values()) {
            if (get(kind) > 0) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** True when every value seen is of {@code kind} (and at least one was). */
    boolean only(ValueKind kind) {
        return get(kind) > 0 && get(kind) == total();
    }

    /** E.g. {@code int 1740, long 6}, in {@link ValueKind} order; empty when nothing was seen. */
    String describe() {
        StringJoiner text = new StringJoiner(", ");
        for (ValueKind kind : kinds()) {
            text.add(kind.label() + " " + get(kind));
        }
        return text.toString();
    }
}
