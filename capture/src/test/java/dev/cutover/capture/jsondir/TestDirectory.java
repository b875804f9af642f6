package dev.cutover.capture.jsondir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/** Writes the files of a test's JSON directory the ways applications do. */
final class TestDirectory {
    private final Path root;

    TestDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    /** Writes the file in place (truncate, then write), as {@code open(path, "w")} does. */
    TestDirectory write(String relative, String text) {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    TestDirectory write(String relative, byte[] bytes) {
        try {
            Path file = path(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes each text as one line of the file. */
    TestDirectory lines(String relative, String... lines) {
        return write(relative, String.join("\n", lines) + "\n");
    }

    TestDirectory append(String relative, String text) {
        try {
            Files.writeString(path(relative), text, StandardOpenOption.APPEND);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a hidden temporary file beside the target and renames it over the target, as atomic writers do. */
    TestDirectory replace(String relative, String text) {
        try {
            Path target = path(relative);
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestDirectory remove(String relative) {
        try {
            Files.delete(path(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until what was written has settled (is older than the driver's modification-time margin). */
    TestDirectory settle() {
        try {
            Thread.sleep(100);
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Changes the file's modification time only. */
    TestDirectory touch(String relative) {
        try {
            Files.setLastModifiedTime(path(relative), FileTime.fromMillis(System.currentTimeMillis()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
