package dev.cutover.capture.document.plan;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PostgreSQL type of a field from what its profile saw, with the reason whenever the type is not simply its one
 * kind's. int → integer, long → bigint, double → double precision, decimal → numeric, bool → boolean,
 * date → timestamp(3) (UTC), string → text, binData → bytea (subtype 4: uuid), objectId → uuid (the id rule),
 * object → jsonb, array of one scalar kind → that type's array, anything else → jsonb. Several kinds in one field are
 * widened: int and long → bigint; with doubles → double precision while every integer is exact in one (magnitude up
 * to 2^53), else numeric; with decimals → numeric; uuid with other binaries → bytea; strings with other scalars → text
 * (the others in their text form); any other mix → jsonb, which keeps each value's own type.
 */
final class DocumentColumnTyper {
    /** Integers of larger magnitude lose digits in a double. */
    static final long EXACT_IN_DOUBLE = 1L << 53;
    /** Kinds of values a PostgreSQL array holds, and that have a text form: the scalars with a type of their own. */
    private static final Set<ValueKind> PLAIN = EnumSet.of(ValueKind.INT32, ValueKind.INT64, ValueKind.DOUBLE,
            ValueKind.DECIMAL128, ValueKind.BOOLEAN, ValueKind.DATE, ValueKind.STRING, ValueKind.OBJECT_ID,
            ValueKind.UUID);

    private DocumentColumnTyper() {
    }

    /** A type and why it was chosen (null when it is simply the one kind's type). */
    record Typed(String type, String reason) {
        boolean array() {
            return type.endsWith("[]");
        }
    }

    static Typed type(FieldProfile field) {
        Set<ValueKind> kinds = field.kinds().kinds();
        if (kinds.isEmpty()) {
            return new Typed("jsonb", "no value but null seen: jsonb takes whatever type later values have");
        }
        if (kinds.size() == 1) {
            return single(kinds.iterator().next(), field);
        }
        return mixed(kinds, field.largestInteger());
    }

    /** The type of a kind's values, or null when it has no PostgreSQL type of its own. */
    static String scalar(ValueKind kind) {
        switch (kind) {
            case INT32: return "integer";
            case INT64: return "bigint";
            case DOUBLE: return "double precision";
            case DECIMAL128: return "numeric";
            case BOOLEAN: return "boolean";
            case DATE: return "timestamp(3)";
            case STRING: return "text";
            case BINARY: return "bytea";
            case UUID: return "uuid";
            case OBJECT_ID: return "uuid";
            default: return null;
        }
    }

    private static Typed single(ValueKind kind, FieldProfile field) {
        if (kind == ValueKind.ARRAY) {
            return array(field);
        }
        if (kind == ValueKind.DOCUMENT) {
            return new Typed("jsonb", null);
        }
        if (kind == ValueKind.OBJECT_ID) {
            return new Typed("uuid", "ObjectIds as uuid by the id rule");
        }
        String type = scalar(kind);
        return type != null ? new Typed(type, null)
                : new Typed("jsonb", kind.label() + " has no PostgreSQL type: jsonb keeps its Extended JSON");
    }

    private static Typed mixed(Set<ValueKind> kinds, long largestInteger) {
        if (kinds.stream().allMatch(ValueKind::numeric)) {
            return numeric(kinds, largestInteger);
        }
        if (kinds.equals(EnumSet.of(ValueKind.BINARY, ValueKind.UUID))) {
            return new Typed("bytea", "uuid and other binData: bytea holds both");
        }
        if (kinds.contains(ValueKind.STRING) && PLAIN.containsAll(kinds)) {
            return new Typed("text", "string mixed with " + labels(kinds, ValueKind.STRING)
                    + ": text holds every value (the others in their text form)");
        }
        return new Typed("jsonb", "mixes " + labels(kinds, null) + ": jsonb keeps each value's own type");
    }

    /** The widest numeric type several numeric kinds need. */
    static Typed numeric(Set<ValueKind> kinds, long largestInteger) {
        if (kinds.size() == 1) {
            return new Typed(scalar(kinds.iterator().next()), null);
        }
        if (kinds.equals(EnumSet.of(ValueKind.INT32, ValueKind.INT64))) {
            return new Typed("bigint", "int and long: widened to bigint");
        }
        if (kinds.contains(ValueKind.DECIMAL128)) {
            return new Typed("numeric", "decimal mixed with " + labels(kinds, ValueKind.DECIMAL128)
                    + ": widened to numeric, exact for all of them");
        }
        if (largestInteger <= EXACT_IN_DOUBLE) {
            return new Typed("double precision", "double mixed with " + labels(kinds, ValueKind.DOUBLE)
                    + ": widened to double precision, exact for every integer seen (none beyond 2^53)");
        }
        return new Typed("numeric", "double mixed with integers beyond 2^53 (up to " + largestInteger
                + "), which a double would round: widened to numeric");
    }

    private static Typed array(FieldProfile field) {
        ArrayProfile array = field.array();
        if (array == null) {
            return new Typed("jsonb", "arrays nested this deep stay jsonb");
        }
        FieldProfile elements = array.elements();
        Set<ValueKind> kinds = elements.kinds().kinds();
        if (kinds.isEmpty()) {
            return new Typed("jsonb", "every array was empty or held only nulls: jsonb takes whatever elements come");
        }
        if (kinds.size() == 1 && PLAIN.containsAll(kinds)) {
            ValueKind kind = kinds.iterator().next();
            String reason = kind == ValueKind.OBJECT_ID ? "ObjectIds as uuid by the id rule" : null;
            return new Typed(scalar(kind) + "[]", reason);
        }
        if (kinds.stream().allMatch(ValueKind::numeric)) {
            Typed widened = numeric(kinds, elements.largestInteger());
            return new Typed(widened.type() + "[]", "elements: " + widened.reason());
        }
        if (kinds.equals(EnumSet.of(ValueKind.DOCUMENT))) {
            return new Typed("jsonb", null);
        }
        if (kinds.equals(EnumSet.of(ValueKind.ARRAY))) {
            return new Typed("jsonb", "arrays of arrays: jsonb keeps them (a PostgreSQL array must be rectangular)");
        }
        if (kinds.size() == 1) {
            return new Typed("jsonb", "arrays of " + labels(kinds, null) + ": jsonb keeps them");
        }
        return new Typed("jsonb", "array elements mix " + labels(kinds, null)
                + ": jsonb keeps each element's own type");
    }

    private static String labels(Set<ValueKind> kinds, ValueKind except) {
        return kinds.stream().filter(k -> k != except).map(ValueKind::label).collect(Collectors.joining(", "));
    }
}
