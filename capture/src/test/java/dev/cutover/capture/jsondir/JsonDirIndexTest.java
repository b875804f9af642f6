package dev.cutover.capture.jsondir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.capture.jsondir.JsonDirIndex.FileState;
import dev.cutover.capture.jsondir.JsonDirIndex.State;
import dev.cutover.schemas.CutoverException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDirIndexTest {
    private static final byte[] K1 = {1};
    private static final byte[] K2 = {2};
    private static final byte[] K3 = {3};
    private static final byte[] H1 = {10};
    private static final byte[] H2 = {20};

    @TempDir
    Path dir;

    private static FileState file(String path, long offset) {
        return new FileState(path, "c", "(ino=1)", offset, 5, offset, 1, null, State.DONE);
    }

    private static long step(JsonDirIndex index, Runnable writes) {
        index.begin();
        writes.run();
        return index.commit();
    }

    @Test
    void shouldRollBackEveryVersionAfterTheCommittedOneMarkingWhatTheyTouched() {
        try (JsonDirIndex index = JsonDirIndex.open(dir.resolve("index.db"))) {
            index.reset();
            long v1 = step(index, () -> {
                index.putDocument("c", K1, "a.json", H1);
                index.putDocument("c", K3, "b.json", H1);
                index.putFile(file("a.json", 10));
                index.putFile(file("b.json", 10));
            });
            step(index, () -> {
                index.putDocument("c", K1, "a.json", H2);
                index.putDocument("c", K2, "a.json", H1);
                index.putFile(file("a.json", 20));
            });
            step(index, () -> index.endDocument("c", K1));

            index.rollBackTo(v1);

            assertThat(index.version()).isEqualTo(v1);
            assertThat(index.holder("c", K3).hash()).isEqualTo(H1);
            assertThat(index.holder("c", K1).hash()).isEmpty();
            assertThat(index.holder("c", K2).path()).isEqualTo("a.json");
            assertThat(index.holder("c", K2).hash()).isEmpty();
            assertThat(index.file("a.json").offset()).isEqualTo(10);
            assertThat(index.file("a.json").state()).isEqualTo(State.DIRTY);
            assertThat(index.file("b.json").state()).isEqualTo(State.DONE);
        }
    }

    @Test
    void shouldMarkAFileFirstReadAfterTheCommittedVersion() {
        try (JsonDirIndex index = JsonDirIndex.open(dir.resolve("index.db"))) {
            index.reset();
            step(index, () -> {
                index.putDocument("c", K1, "new.json", H1);
                index.putFile(file("new.json", 10));
            });

            index.rollBackTo(0);

            assertThat(index.file("new.json").state()).isEqualTo(State.DIRTY);
            assertThat(index.holder("c", K1).hash()).isEmpty();
        }
    }

    @Test
    void shouldKeepWhatTheCommittedVersionNeedsWhenPruning() {
        try (JsonDirIndex index = JsonDirIndex.open(dir.resolve("index.db"))) {
            index.reset();
            step(index, () -> index.putDocument("c", K1, "a.json", H1));
            long v2 = step(index, () -> index.putDocument("c", K1, "a.json", H2));
            step(index, () -> index.putDocument("c", K2, "a.json", H1));

            index.prune(v2);
            index.rollBackTo(v2);

            assertThat(index.holder("c", K1).hash()).isEqualTo(H2);
        }
    }

    @Test
    void shouldDropAnAbortedStep() {
        try (JsonDirIndex index = JsonDirIndex.open(dir.resolve("index.db"))) {
            index.reset();
            index.begin();
            index.putDocument("c", K1, "a.json", H1);
            index.abort();

            assertThat(index.holder("c", K1)).isNull();
            assertThat(index.version()).isZero();
        }
    }

    @Test
    void shouldSurviveReopeningWithItsIdentityAndVersion() {
        String id;
        try (JsonDirIndex index = JsonDirIndex.open(dir.resolve("index.db"))) {
            index.reset();
            id = index.captureId();
            step(index, () -> index.putDocument("c", K1, "a.json", H1));
        }
        try (JsonDirIndex index = JsonDirIndex.open(dir.resolve("index.db"))) {
            assertThat(index.captureId()).isEqualTo(id);
            assertThat(index.version()).isEqualTo(1);
            assertThat(index.holder("c", K1)).isNotNull();
        }
    }

    @Test
    void shouldRefuseToRollForwardPastWhatItHolds() {
        try (JsonDirIndex index = JsonDirIndex.open(dir.resolve("index.db"))) {
            index.reset();

            assertThatThrownBy(() -> index.rollBackTo(5)).isInstanceOf(CutoverException.class)
                    .hasMessageContaining("behind the 5 Kafka's capture offsets hold");
        }
    }

    @Test
    void shouldListTheKeysAReadOfAWholeFileHasNotSeen() {
        try (JsonDirIndex index = JsonDirIndex.open(dir.resolve("index.db"))) {
            index.reset();
            step(index, () -> {
                index.putDocument("c", K1, "a.json", H1);
                index.putDocument("c", K2, "a.json", H1);
            });
            index.clearSeen();

            assertThat(index.markSeen(K1)).isTrue();
            assertThat(index.markSeen(K1)).isFalse();
            assertThat(index.unseenKeys("a.json", 10)).containsExactly(K2);
            assertThat(index.keysOf("a.json", 10)).hasSize(2);
        }
    }
}
