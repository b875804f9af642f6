package dev.cutover.capture.jsondir;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Directories of JSON files: {@code jsondir:PATH} (also {@code jsondir://PATH}), a relative PATH from the working
 * directory, {@code ~/} for the home directory.
 */
public final class JsonDirSourceType implements SourceType {
    static final String SCHEME = "jsondir";
    private static final String PREFIX = SCHEME + ":";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public String example() {
        return "jsondir:PATH";
    }

    @Override
    public boolean accepts(String uri) {
        return uri.startsWith(PREFIX);
    }

    @Override
    public Source parse(String uri) {
        String path = uri.substring(PREFIX.length()).replaceFirst("^//", "");
        if (path.isEmpty()) {
            throw CutoverException.usage("--source '" + uri + "' names no directory; e.g. --source jsondir:./data");
        }
        if (path.equals("~") || path.startsWith("~/")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        try {
            return new JsonDirSource(Path.of(path));
        } catch (InvalidPathException e) {
            throw CutoverException.usage("--source '" + uri + "' is not a directory name (" + e.getReason()
                    + "); e.g. --source jsondir:./data");
        }
    }
}
