package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The free-space check with the probe given by the test, so it runs on any machine; {@link TinyFileSystemTest} checks
 * the commands against a real small file system where one can be mounted.
 */
class DiskSpaceTest {
    private static final long MIB = 1L << 20;
    private static final Path WORK = Path.of("/data/work");
    private static final Path ELSEWHERE = Path.of("/big/kafka");

    /** /data has 10 MiB free, every other path is on /big with 1 GiB. */
    private final DiskSpace disk = new DiskSpace(dir -> dir.startsWith("/data")
            ? new DiskSpace.Volume("/data (tmpfs)", 10 * MIB) : new DiskSpace.Volume("/big (ext4)", 1024 * MIB));

    @Test
    void shouldRefuseWithTheNumbersWhenTheNeedsOnOneFileSystemAddUpToMoreThanItsFreeSpace() {
        List<DiskSpace.Need> needs = List.of(DiskSpace.backup(WORK.resolve("backups"), 6 * MIB),
                new DiskSpace.Need("the restored file", WORK, 5 * MIB));

        assertThatThrownBy(() -> disk.check(needs, "choose a --work DIR on a larger file system"))
                .isInstanceOfSatisfying(CutoverException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION))
                .hasMessageContaining("not enough free space on /data (tmpfs)")
                .hasMessageContaining("11.0 MiB (11,534,336 bytes) needed")
                .hasMessageContaining("the backup in /data/work/backups: about 6.0 MiB (6,291,456 bytes)")
                .hasMessageContaining("10.0 MiB (10,485,760 bytes) free")
                .hasMessageEndingWith("; free some space there, or choose a --work DIR on a larger file system");
    }

    @Test
    void shouldCountEachFileSystemOnlyForWhatIsWrittenToIt() {
        List<DiskSpace.Need> needs = List.of(DiskSpace.backup(WORK.resolve("backups"), 9 * MIB),
                DiskSpace.embeddedKafka(ELSEWHERE, 9 * MIB));

        assertThatNoException().isThrownBy(() -> disk.check(needs, "choose a --work DIR on a larger file system"));
    }

    @Test
    void shouldEstimateTheEmbeddedServicesFromTheSourcesSize() {
        assertThat(DiskSpace.embeddedKafka(WORK, 100 * MIB).bytes())
                .isEqualTo(DiskSpace.KAFKA_FACTOR * 100 * MIB + DiskSpace.KAFKA_BASE);
        assertThat(DiskSpace.embeddedPostgres(WORK, 0).bytes()).isEqualTo(DiskSpace.POSTGRES_BASE);
        assertThat(DiskSpace.embeddedPostgres(WORK, 100 * MIB).bytes())
                .isEqualTo((DiskSpace.POSTGRES_FACTOR + DiskSpace.WAL_FACTOR) * 100 * MIB + DiskSpace.POSTGRES_BASE);
        assertThat(DiskSpace.embeddedPostgres(WORK, 10_000 * MIB).bytes())
                .as("the write-ahead log is bounded")
                .isEqualTo(DiskSpace.POSTGRES_FACTOR * 10_000 * MIB + DiskSpace.WAL_CAP + DiskSpace.POSTGRES_BASE);
        assertThatThrownBy(() -> disk.check(List.of(DiskSpace.embeddedPostgres(WORK, 0)), "fix"))
                .hasMessageContaining("the embedded PostgreSQL's data in /data/work");
    }

    @Test
    void shouldSayWhenTheFreeSpaceCannotBeRead() {
        DiskSpace unreadable = new DiskSpace(dir -> {
            throw new IOException("no such device");
        });

        assertThatThrownBy(() -> unreadable.check(List.of(DiskSpace.backup(WORK, 1)), "fix"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("cannot read the free space of /data/work (no such device)");
    }

    @Test
    void shouldReadTheFreeSpaceOfTheNearestExistingDirectory() {
        assertThatNoException().isThrownBy(() -> DiskSpace.require(List.of(
                DiskSpace.backup(Path.of(System.getProperty("java.io.tmpdir"), "not", "yet", "made"), 1)), "fix"));
    }
}
