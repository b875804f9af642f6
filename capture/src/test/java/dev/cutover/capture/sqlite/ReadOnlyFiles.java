package dev.cutover.capture.sqlite;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Makes a file and its directory read-only for this process. Permissions do not stop root, so as root the immutable
 * attribute is used instead; where neither works the calling test is skipped.
 */
final class ReadOnlyFiles implements AutoCloseable {
    private final Path file;
    private boolean immutable;

    private ReadOnlyFiles(Path file) {
        this.file = file;
    }

    static ReadOnlyFiles of(Path file) {
        ReadOnlyFiles readOnly = new ReadOnlyFiles(file);
        readOnly.apply();
        return readOnly;
    }

    private void apply() {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
            if (Files.isWritable(file)) {
                immutable = chattr("+i", file) && chattr("+i", file.getParent());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assumeFalse(Files.isWritable(file), "cannot make a file read-only for this user here");
    }

    private static boolean chattr(String flag, Path path) {
        try {
            Process process = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (immutable) {
            chattr("-i", file.getParent());
            chattr("-i", file);
        }
        try {
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
