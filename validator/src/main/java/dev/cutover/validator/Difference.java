package dev.cutover.validator;

/**
 * A column whose target value differs from the source.
 *
 * @param key    the row's key ({@link RowKey} JSON)
 * @param column the source column
 * @param source the source value
 * @param target the target value
 */
public record Difference(String key, String column, Object source, Object target) {
}
