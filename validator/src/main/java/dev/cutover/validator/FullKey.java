package dev.cutover.validator;

import dev.cutover.validator.CanonicalValue.Marker;
import java.util.List;

/**
 * A row's key as one side read it. Arrays are owned by the key and never changed; equality is by {@link #canonical}.
 *
 * @param values    the values as read: SQLite's (Long, Double, String, byte[]) or {@link TargetValues#read}'s; for
 *                  {@link RowKey} JSON and for binding to SQLite
 * @param normal    their normal forms ({@link CanonicalValue}), for ordering and for binding to PostgreSQL
 * @param canonical one text for the whole key, the same on both sides for equal keys; a key with a value that has no
 *                  normal form gets its own text, so it never matches a key of the other side
 */
record FullKey(Object[] values, Object[] normal, String canonical) {

    /** @param columns the source key columns, to name a key that has no canonical text in {@link RowKey} JSON */
    static FullKey of(Object[] values, Object[] normal, List<String> columns) {
        StringBuilder text = new StringBuilder();
        boolean marked = false;
        for (Object part : normal) {
            String canonical = CanonicalValue.text(part);
            text.append(canonical.length()).append(':').append(canonical);
            marked |= part instanceof Marker;
        }
        if (marked) {
            text.append('|').append(RowKey.json(columns, values));
        }
        return new FullKey(values, normal, text.toString());
    }

    /** True when a key column is NULL (SQLite allows it outside INTEGER PRIMARY KEY; PostgreSQL keys never are). */
    boolean hasNull() {
        for (Object value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }

    /** True when every key value has a normal form, so the key has a place in {@link FullKeyOrder}. */
    boolean orderable() {
        for (Object part : normal) {
            if (part instanceof Marker) {
                return false;
            }
        }
        return true;
    }
}
