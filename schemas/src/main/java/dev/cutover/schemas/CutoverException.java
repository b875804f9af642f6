package dev.cutover.schemas;

/**
 * The one unchecked exception every stage throws for a failure the operator must act on.
 * The message is a single line naming the problem and the fix; it never contains a password.
 */
public class CutoverException extends RuntimeException {
    private final ErrorCode code;

    public CutoverException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CutoverException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static CutoverException usage(String message) {
        return new CutoverException(ErrorCode.BAD_USAGE, message);
    }

    public static CutoverException config(String message) {
        return new CutoverException(ErrorCode.BAD_CONFIGURATION, message);
    }
}
