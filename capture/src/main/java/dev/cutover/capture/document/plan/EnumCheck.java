package dev.cutover.capture.document.plan;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonValue;

/**
 * Checks a field declared as an enum against its declared values while profiling: counts the values outside the set
 * (an array's elements one by one), keeping a few of them as examples.
 */
final class EnumCheck {
    private static final int EXAMPLES = 3;

    private final Set<String> values;
    private final TreeSet<String> examples = new TreeSet<>();
    private long outside;

    EnumCheck(List<String> values) {
        this.values = Set.copyOf(values);
    }

    void add(BsonValue value) {
        if (ValueKind.isNull(value)) {
            return;
        }
        if (value.isArray()) {
            value.asArray().forEach(this::add);
        } else if (!value.isString() || !values.contains(value.asString().getValue())) {
            outside++;
            if (examples.size() < EXAMPLES) {
                examples.add(value.isString() ? "'" + value.asString().getValue() + "'" : ValueKind.of(value).label());
            }
        }
    }

    long outside() {
        return outside;
    }

    List<String> examples() {
        return List.copyOf(examples);
    }
}
