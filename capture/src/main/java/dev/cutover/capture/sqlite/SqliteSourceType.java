package dev.cutover.capture.sqlite;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** SQLite files: {@code sqlite:PATH} (also {@code sqlite://PATH}), a relative PATH from the working directory. */
public final class SqliteSourceType implements SourceType {
    static final String SCHEME = "sqlite";
    private static final String PREFIX = SCHEME + ":";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String example() {
        return "sqlite:PATH";
    }

    @Override
    public boolean accepts(String uri) {
        return uri.startsWith(PREFIX);
    }

    @Override
    public Source parse(String uri) {
        String path = uri.substring(PREFIX.length()).replaceFirst("^//", "");
        if (path.isEmpty()) {
            throw CutoverException.usage("--source '" + uri + "' names no file; e.g. --source sqlite:./app.db");
        }
        try {
            return new SqliteSource(Path.of(path));
        } catch (InvalidPathException e) {
            throw CutoverException.usage("--source '" + uri + "' is not a file name (" + e.getReason()
                    + "); e.g. --source sqlite:./app.db");
        }
    }
}
