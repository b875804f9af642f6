package dev.cutover.capture.jsondir;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a JSON directory can be read at all, before anything starts: each refusal names the path and the fix. */
final class DirectoryCheck {
    private DirectoryCheck() {
    }

    /**
     * @throws CutoverException SOURCE_UNREACHABLE when the directory is missing or unreadable, BAD_CONFIGURATION when
     *                          it is a file, or when two of its files or folders would be one collection
     */
    static void check(Path root) {
        if (!Files.exists(root)) {
            throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "source directory " + root
                    + " does not exist; check the path given to --source jsondir:PATH");
        }
        if (!Files.isDirectory(root)) {
            throw CutoverException.config("source " + root + " is a file, not a directory; for a SQLite file use "
                    + "--source sqlite:PATH, for JSON files give the directory that holds them (--source jsondir:DIR)");
        }
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            throw new CutoverException(ErrorCode.SOURCE_UNREACHABLE, "cannot read source directory " + root
                    + "; check its permissions");
        }
        JsonDirectory.Listing listing = new JsonDirectory(root).list();
        if (!listing.clashes().isEmpty()) {
            throw CutoverException.config("source directory " + root + ": " + String.join("; ", listing.clashes())
                    + "; rename one of them so that each collection has one source");
        }
    }
}
