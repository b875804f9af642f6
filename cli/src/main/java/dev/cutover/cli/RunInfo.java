package dev.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.schemas.CutoverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code run.json} in the work directory: how other commands ({@code status}, {@code finalize}, {@code stop}) reach the
 * running {@code cutover run}. The token keeps other local users from driving it; the file is readable by its owner
 * only and removed when the run ends.
 *
 * @param pid       the run's process id
 * @param port      its HTTP server's port
 * @param token     the secret its HTTP requests must carry
 * @param startedAt when it started
 * @param kafka     the Kafka bootstrap servers the run uses (so {@code validate} can read its topics)
 * @param embeddedPostgres true when the run's target is the work directory's embedded PostgreSQL
 * @param host      the address a local client reaches the server at (null in files of earlier versions: 127.0.0.1)
 */
record RunInfo(long pid, int port, String token, String startedAt, String kafka, boolean embeddedPostgres,
               String host) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The host to connect to. */
    String localHost() {
        return host == null ? "127.0.0.1" : host;
    }

    static Path file(WorkDir work) {
        return work.root().resolve("run.json");
    }

    void write(WorkDir work) {
        try {
            Path file = file(work);
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort outside POSIX file systems
            }
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw CutoverException.config("cannot write " + file(work) + " (" + e.getMessage() + ")");
        }
    }

    static void remove(WorkDir work) {
        try {
            Files.deleteIfExists(file(work));
        } catch (IOException ignored) {
            // a stale run.json is recognised by its dead pid
        }
    }

    /** The running run of this work directory, if one is alive. */
    static Optional<RunInfo> active(WorkDir work) {
        Path file = file(work);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            RunInfo info = JSON.readValue(file.toFile(), RunInfo.class);
            return ProcessHandle.of(info.pid()).filter(ProcessHandle::isAlive).map(p -> info);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
