package dev.cutover.cli.runtime;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.sink.PgTarget;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL used when no {@code --target} is given: a real PostgreSQL server (zonky's embedded binaries) with its
 * data directory in the work directory, so the migrated data outlives the process. It keeps its port across starts
 * when the port is free, so the printed URL stays valid. It runs with logical decoding on (and room for a few
 * replication slots and WAL senders), which the way back's reverse stream needs.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final PgTarget target;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, PgTarget target) {
        this.server = server;
        this.target = target;
    }

    public static EmbeddedPostgres start(Path dir) {
        try {
            Files.createDirectories(dir);
            stopOrphan(dir.resolve("data"));
            int port = port(dir.resolve("port"));
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setDataDirectory(dir.resolve("data"))
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .setServerConfig("max_connections", "50")
                            .setServerConfig("fsync", "on")
                            .setServerConfig("wal_level", "logical")
                            .setServerConfig("max_replication_slots", "10")
                            .setServerConfig("max_wal_senders", "10")
                            .start();
            LOG.info("embedded PostgreSQL started on port {} with data in {}", port, dir);
            return new EmbeddedPostgres(server, PgTarget.of("localhost", port, "postgres", "postgres", null));
        } catch (IOException | RuntimeException e) {
            throw new CutoverException(ErrorCode.TARGET_UNREACHABLE, "cannot start the embedded PostgreSQL in " + dir
                    + " (" + e.getMessage() + "); check that the directory is writable, or give --target URL", e);
        }
    }

    /**
     * After a kill -9 of the process that started it, the server keeps running on this data directory and would block
     * the next start: stop it (fast shutdown; forcibly after 15 s). Only a postgres process is ever signalled.
     */
    private static void stopOrphan(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
        if (!first.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(first))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .ifPresent(orphan -> {
                    LOG.warn("stopping the embedded PostgreSQL (pid {}) left running by a process that was killed", orphan.pid());
                    orphan.destroy();
                    try {
                        orphan.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        orphan.destroyForcibly();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        orphan.destroyForcibly();
                    }
                });
    }

    /** The port recorded for this data directory, when free; otherwise a new free port, recorded. */
    private static int port(Path file) throws IOException {
        if (Files.exists(file)) {
            int recorded = Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (free(recorded)) {
                return recorded;
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(file, Integer.toString(port), StandardCharsets.US_ASCII);
        return port;
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public PgTarget target() {
        return target;
    }

    @Override
    public void close() {
        try {
            server.close();
            LOG.info("embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("stopping the embedded PostgreSQL failed: {}", e.getMessage());
        }
    }
}
