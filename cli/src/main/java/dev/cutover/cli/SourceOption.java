package dev.cutover.cli;

import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.Sources;
import picocli.CommandLine.Option;

/** {@code --source}, declared once for every command that reads a source. */
final class SourceOption {
    @Option(names = "--source", required = true, paramLabel = "URI", description = "The source, e.g. sqlite:./app.db")
    String uri;

    @Option(names = "--database", paramLabel = "NAME",
            description = "The MongoDB database, when the connection string's path names none.")
    String database;

    /**
     * The source, parsed once: commands hand this on, never the URI.
     *
     * @throws dev.cutover.schemas.CutoverException BAD_USAGE naming {@code --source} when the URI is of no known type
     */
    Source parse() {
        return Sources.parse(uri, database);
    }
}
