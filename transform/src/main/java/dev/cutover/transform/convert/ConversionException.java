package dev.cutover.transform.convert;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;

/**
 * A source value that cannot land in its target column unchanged. The row goes to the error log with this message,
 * which names the column and its target type, the value, why it does not fit and what to do.
 *
 * <p>Thrown once per bad value, so it carries no stack trace: the trace would always point into this package and
 * would only cost time on a path that may be taken for every row of a badly planned column.
 */
public final class ConversionException extends CutoverException {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final String targetType;
    private final transient Object value;
    private final String problem;

    ConversionException(String column, String targetType, Object value, String problem) {
        super(ErrorCode.DATA_ERRORS,
                "column \"" + column + "\" (" + targetType + "): " + ValueText.describe(value) + " " + problem);
        this.column = column;
        this.targetType = targetType;
        this.value = value;
        this.problem = problem;
    }

    /** The target column's name. */
    public String column() {
        return column;
    }

    /** The column's target type as the plan writes it. */
    public String targetType() {
        return targetType;
    }

    /** The raw source value that did not fit; render it with {@link ValueText#toJson}. */
    public Object value() {
        return value;
    }

    /** Why the value does not fit and what to do, without the column and value prefix of the message. */
    public String problem() {
        return problem;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
