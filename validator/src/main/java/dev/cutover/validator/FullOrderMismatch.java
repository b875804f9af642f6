package dev.cutover.validator;

/**
 * A reader found that its side does not stream keys in {@link FullKeyOrder} (SQLite's dynamic typing, a key type
 * PostgreSQL orders otherwise): chunks cannot be matched by key range, and the table is compared by key hash instead.
 * Never leaves the package.
 */
final class FullOrderMismatch extends RuntimeException {
    FullOrderMismatch(String message) {
        super(message, null, false, false);
    }
}
