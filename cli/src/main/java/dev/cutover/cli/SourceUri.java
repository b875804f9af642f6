package dev.cutover.cli;

import dev.cutover.capture.sqlite.SqliteSource;
import dev.cutover.schemas.CutoverException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses {@code --source}: {@code sqlite:PATH}; MongoDB and JSON-directory sources are named but not built yet. */
final class SourceUri {
    private SourceUri() {
    }

    static SqliteSource sqlite(String uri) {
        if (uri == null || uri.isBlank()) {
            throw CutoverException.usage("--source is required; e.g. --source sqlite:./app.db");
        }
        if (uri.startsWith("sqlite:")) {
            String path = uri.substring("sqlite:".length()).replaceFirst("^//", "");
            if (path.isEmpty()) {
                throw CutoverException.usage("--source '" + uri + "' names no file; e.g. --source sqlite:./app.db");
            }
            return new SqliteSource(Path.of(path));
        }
        if (uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://") || uri.startsWith("jsondir:")) {
            throw CutoverException.usage("--source '" + dev.cutover.sink.PgTarget.mask(uri) + "': MongoDB and JSON "
                    + "directory sources are not available in this version; use a sqlite:PATH source");
        }
        String hint = Files.exists(Path.of(uri)) ? "; for a SQLite file write --source sqlite:" + uri : "";
        throw CutoverException.usage("--source '" + dev.cutover.sink.PgTarget.mask(uri)
                + "' is not a source URI (sqlite:PATH, mongodb://..., jsondir:PATH)" + hint);
    }
}
