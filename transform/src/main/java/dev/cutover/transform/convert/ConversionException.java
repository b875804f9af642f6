package dev.cutover.transform.convert;

/** A value that cannot become the target type without changing it. */
public final class ConversionException extends RuntimeException {
    public ConversionException(String message) {
        super(message);
    }
}
