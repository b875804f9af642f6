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

    /**
     * Parses the URI with a database named apart ({@code --database}), for a type whose URIs may leave it out.
     *
     * @param database the database, or null to take the URI as it is
     * @throws dev.cutover.schemas.CutoverException BAD_USAGE when this type has no databases, or as {@link #parse}
     */
    default Source parse(String uri, String database) {
        if (database != null) {
            throw dev.cutover.schemas.CutoverException.usage("--database " + database + " names a MongoDB database; "
                    + Sources.mask(uri) + " has none, leave out --database");
        }
        return parse(uri);
    }
}
