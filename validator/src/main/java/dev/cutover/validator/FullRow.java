package dev.cutover.validator;

/**
 * One row as a side read it: the key, then every planned column's value in plan order (source values with Integer
 * widened to Long; target values as {@link TargetValues#read} returns them).
 */
record FullRow(FullKey key, Object[] values) {
}
