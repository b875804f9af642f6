package dev.cutover.cli;

import dev.cutover.schemas.CutoverException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The free-space check before anything big is written (a backup, the embedded Kafka's log, the embedded PostgreSQL's
 * data): what each will take is estimated from the source's size, the estimates are added up per file system, and a
 * file system without room for its sum is refused with the numbers, before the first byte, instead of leaving a
 * half-written file. The estimates are meant to be above what a load takes, not exact; a resumed run is checked only
 * for what it creates anew, and the growth of a long live run is not foreseen.
 */
final class DiskSpace {
    /** The embedded broker keeps every row twice (raw and row topics) in Avro, plus its own files. */
    static final long KAFKA_FACTOR = 3;
    static final long KAFKA_BASE = 32L << 20;
    /** PostgreSQL's rows and indexes take more room than SQLite's. */
    static final long POSTGRES_FACTOR = 3;
    static final long POSTGRES_BASE = 96L << 20;
    /**
     * The write-ahead log holds what the load writes until checkpoints recycle it: about as much again, but not past
     * a bound (max_wal_size, 1 GiB by default, is a soft limit, so twice that is allowed for).
     */
    static final long WAL_FACTOR = 3;
    static final long WAL_CAP = 2L << 30;

    /** Where free space is read; tests give their own. */
    interface Volumes {
        /** The file system {@code dir} is (or would be) on; {@code dir} may not exist yet. */
        Volume of(Path dir) throws IOException;
    }

    /**
     * A file system.
     *
     * @param name   how the operator knows it (its mount point and device)
     * @param usable bytes this process may still write to it
     */
    record Volume(String name, long usable) {
    }

    /**
     * Something to be written.
     *
     * @param what  what it is, for the message ("the backup")
     * @param dir   where it goes
     * @param bytes its estimated size
     */
    record Need(String what, Path dir, long bytes) {
    }

    private final Volumes volumes;

    DiskSpace(Volumes volumes) {
        this.volumes = volumes;
    }

    /**
     * Checks the file systems as the JVM sees them.
     *
     * @param fix what the operator can do when one is too small, as a clause ("choose a --work DIR on a larger file
     *            system")
     */
    static void require(List<Need> needs, String fix) {
        new DiskSpace(DiskSpace::fileStore).check(needs, fix);
    }

    static Need backup(Path dir, long sourceBytes) {
        return new Need("the backup", dir, sourceBytes);
    }

    static Need embeddedKafka(Path dir, long sourceBytes) {
        return new Need("the embedded Kafka's log", dir, KAFKA_FACTOR * sourceBytes + KAFKA_BASE);
    }

    static Need embeddedPostgres(Path dir, long sourceBytes) {
        long wal = Math.min(WAL_FACTOR * sourceBytes, WAL_CAP);
        return new Need("the embedded PostgreSQL's data", dir, POSTGRES_FACTOR * sourceBytes + wal + POSTGRES_BASE);
    }

    /**
     * Fails when a file system has less room than the needs on it add up to.
     *
     * @throws CutoverException BAD_CONFIGURATION naming each need, the sum, the free space, where, and {@code fix}
     */
    void check(List<Need> needs, String fix) {
        Map<Volume, List<Need>> byVolume = new LinkedHashMap<>();
        for (Need need : needs) {
            byVolume.computeIfAbsent(volume(need.dir()), v -> new ArrayList<>()).add(need);
        }
        byVolume.forEach((volume, on) -> {
            long needed = on.stream().mapToLong(Need::bytes).sum();
            if (needed > volume.usable()) {
                throw CutoverException.config(shortage(volume, on, needed) + "; free some space there, or " + fix);
            }
        });
    }

    private static String shortage(Volume volume, List<Need> needs, long needed) {
        String each = needs.stream().map(n -> n.what() + " in " + n.dir() + ": about " + format(n.bytes()))
                .collect(Collectors.joining(", "));
        return "not enough free space on " + volume.name() + ": " + format(needed) + " needed (" + each + "), "
                + format(volume.usable()) + " free";
    }

    private Volume volume(Path dir) {
        try {
            return volumes.of(dir);
        } catch (IOException e) {
            throw CutoverException.config("cannot read the free space of " + dir + " (" + e.getMessage()
                    + "); check the --work DIR");
        }
    }

    private static Volume fileStore(Path dir) throws IOException {
        FileStore store = Files.getFileStore(existingAncestor(dir.toAbsolutePath()));
        return new Volume(store.toString(), store.getUsableSpace());
    }

    private static Path existingAncestor(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? dir.getRoot() : existing;
    }

    /** Bytes for people: {@code 1.5 MiB (1,572,864 bytes)}. */
    static String format(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? String.format("%,d bytes", bytes) : String.format("%.1f %s (%,d bytes)", value, units[unit],
                bytes);
    }
}
