package dev.cutover.transform.document;

/**
 * Why a document cannot become rows: its dead letter's reason, naming the field at fault (a path such as
 * {@code messages[2].sentAt} inside an array) and what to do. Thrown once per bad document, so it carries no stack
 * trace.
 */
final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /** @param field the field at fault, or null when none is */
    Rejection(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The field at fault (a path inside arrays), or null. */
    String field() {
        return field;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
