package dev.cutover.schemas.source;

/**
 * A kind of source, found through {@link java.util.ServiceLoader}. Implementations are stateless and thread-safe.
 */
public interface SourceType {

    /** The URI scheme this type reads, e.g. {@code sqlite}, {@code jsondir}, {@code mongodb}. */
    String scheme();

    /** How a URI of this type is written, for help and messages, e.g. {@code sqlite:PATH}. */
    String example();

    /** True when {@code uri} is of this type (by its scheme alone; no I/O). */
    boolean accepts(String uri);

    /**
     * Parses the URI, without touching the source.
     *
     * @throws dev.cutover.schemas.CutoverException BAD_USAGE naming {@code --source}, the value (credentials masked)
     *                                              and how to write it
     */
    Source parse(String uri);
}
