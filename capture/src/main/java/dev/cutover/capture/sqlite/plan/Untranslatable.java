package dev.cutover.capture.sqlite.plan;

/** An SQLite expression with no faithful PostgreSQL equivalent here; the message says which part and why. */
final class Untranslatable extends RuntimeException {
    Untranslatable(String message) {
        super(message, null, false, false);
    }
}
