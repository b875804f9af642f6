package dev.cutover.schemas.source;

import java.util.List;

/**
 * A range of keys in the source's key order.
 *
 * @param after the key just before the range (exclusive), or null for the first key on
 * @param upTo  the last key in the range (inclusive), or null for up to the last key
 */
public record KeyRange(List<Object> after, List<Object> upTo) {
    public static final KeyRange ALL = new KeyRange(null, null);
}
