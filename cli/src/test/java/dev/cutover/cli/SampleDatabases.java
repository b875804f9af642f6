package dev.cutover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writable copies of the sample databases shipped with the tests (capture ships them in its test jar). */
final class SampleDatabases {
    static final String CHINOOK = "/demo/Chinook_Sqlite.sqlite";

    private SampleDatabases() {
    }

    /** Copies a classpath resource to {@code dir}; the copy is writable, so capture can put it in WAL mode. */
    static Path copy(String resource, Path dir) {
        try (InputStream in = SampleDatabases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test database " + resource + " on the classpath");
            }
            Path file = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
            Files.createDirectories(dir);
            Files.copy(in, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
