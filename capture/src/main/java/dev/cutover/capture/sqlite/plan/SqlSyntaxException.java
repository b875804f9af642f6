package dev.cutover.capture.sqlite.plan;

/** SQL text that this package cannot read; callers turn it into a plan warning, never into a failed plan. */
public final class SqlSyntaxException extends RuntimeException {
    SqlSyntaxException(String message) {
        super(message);
    }
}
