package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.KeyRange;
import dev.cutover.schemas.source.PlanOptions;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Source;
import dev.cutover.schemas.source.SourceRow;
import dev.cutover.schemas.source.Sources;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a SQLite source back as the validator and export do: counts, samples, rows by key, key-ordered ranges. */
class SqliteReadBackTest {
    @TempDir
    Path dir;
    private Path file;
    private Source source;
    private Plan plan;

    @BeforeEach
    void createDatabase() {
        file = Sql.create(dir.resolve("app.db"),
                "CREATE TABLE word (code TEXT PRIMARY KEY COLLATE NOCASE, n INTEGER, data BLOB)",
                "INSERT INTO word VALUES ('b', 2, x'0102'), ('a', 1, NULL), ('C', 3, NULL), ('é', 4, NULL), "
                        + "('Z', 5, NULL)",
                "CREATE TABLE line (region TEXT, seq INTEGER, sku TEXT, PRIMARY KEY (region, seq)) WITHOUT ROWID",
                "INSERT INTO line VALUES ('eu', 2, 'x'), ('eu', 1, 'y'), ('us', 1, 'z'), ('asia', 9, 'w')",
                "CREATE TABLE event (kind TEXT, at TEXT)",
                "INSERT INTO event VALUES ('a', '1'), ('b', '2'), ('c', '3')",
                "DELETE FROM event WHERE kind = 'b'");
        source = Sources.parse("sqlite:" + file);
        plan = source.plan(PlanOptions.defaults());
        try (Sql app = new Sql(file)) {
            app.execute("INSERT INTO word VALUES (NULL, 6, NULL)"); // after planning: a NULL key the plan did not see
        }
    }

    private TablePlan table(String name) {
        return plan.table(name).orElseThrow();
    }

    private static List<List<Object>> keys(List<SourceRow> rows) {
        return rows.stream().map(SourceRow::key).toList();
    }

    private static List<SourceRow> all(ReadBack.Cursor cursor) {
        try (cursor) {
            List<SourceRow> rows = new ArrayList<>();
            cursor.forEachRemaining(rows::add);
            return rows;
        }
    }

    @Test
    void shouldStreamEveryRowInKeyOrderByBytesNullKeysFirst() {
        try (ReadBack readBack = source.readBack(false)) {
            List<SourceRow> words = all(readBack.stream(table("word"), KeyRange.ALL));

            assertThat(keys(words)).containsExactly(Arrays.asList((Object) null), List.of("C"), List.of("Z"),
                    List.of("a"), List.of("b"), List.of("é"));
            SourceRow b = words.get(4);
            assertThat(b.values()).hasSize(3);
            assertThat(b.values().get(0)).isEqualTo("b");
            assertThat(b.values().get(1)).isEqualTo(2L);
            assertThat(b.values().get(2)).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
            assertThat(keys(all(readBack.stream(table("line"), KeyRange.ALL)))).containsExactly(
                    List.of("asia", 9L), List.of("eu", 1L), List.of("eu", 2L), List.of("us", 1L));
            assertThat(keys(all(readBack.stream(table("event"), KeyRange.ALL)))).containsExactly(List.of(1L), List.of(3L));
        }
    }

    @Test
    void shouldStreamARangeAfterItsLowerBoundUpToItsUpperBoundWithoutNullKeys() {
        try (ReadBack readBack = source.readBack(false)) {
            assertThat(keys(all(readBack.stream(table("word"), new KeyRange(null, List.of("a"))))))
                    .containsExactly(List.of("C"), List.of("Z"), List.of("a"));
            assertThat(keys(all(readBack.stream(table("word"), new KeyRange(List.of("a"), null)))))
                    .containsExactly(List.of("b"), List.of("é"));
            assertThat(keys(all(readBack.stream(table("line"), new KeyRange(List.of("asia", 9L), List.of("eu", 2L))))))
                    .containsExactly(List.of("eu", 1L), List.of("eu", 2L));
            assertThat(keys(all(readBack.stream(table("event"), new KeyRange(List.of(1L), null)))))
                    .containsExactly(List.of(3L));
        }
    }

    @Test
    void shouldCountSampleAndReadRowsByKey() {
        try (ReadBack readBack = source.readBack(false)) {
            assertThat(readBack.count(table("word"))).isEqualTo(6);
            assertThat(readBack.sample(table("line"), 3)).hasSize(3).allSatisfy(row -> {
                assertThat(row.key()).hasSize(2);
                assertThat(row.values()).hasSize(3);
            });
            assertThat(readBack.sample(table("line"), 100)).hasSize(4);

            assertThat(keys(readBack.read(table("line"), List.of(List.of("eu", 2L), List.of("eu", 3L),
                    List.of("us", 1L))))).containsExactlyInAnyOrder(List.of("eu", 2L), List.of("us", 1L));
            assertThat(readBack.read(table("word"), List.of(List.of("C")))).singleElement()
                    .satisfies(row -> assertThat(row.values().get(1)).isEqualTo(3L));
            assertThat(readBack.read(table("event"), List.of(List.of(3L), List.of(2L)))).singleElement()
                    .satisfies(row -> assertThat(row.values()).containsExactly("c", "3"));
            List<List<Object>> many = new ArrayList<>();
            for (long i = 0; i < 1200; i++) {
                many.add(List.of(i));
            }
            assertThat(keys(readBack.read(table("event"), many))).containsExactlyInAnyOrder(List.of(1L), List.of(3L));
        }
    }

    /** In WAL mode (which capture switches a source to), so that the application's write does not wait. */
    @Test
    void shouldReadOneStateWhenConsistentAndTheLatestOtherwise() {
        try (Sql app = new Sql(file)) {
            app.execute("PRAGMA journal_mode = WAL");
        }
        try (ReadBack consistent = source.readBack(true); ReadBack latest = source.readBack(false);
             Sql app = new Sql(file)) {
            assertThat(consistent.count(table("event"))).isEqualTo(2);
            assertThat(latest.count(table("event"))).isEqualTo(2);

            app.execute("INSERT INTO event VALUES ('d', '4')");

            assertThat(all(consistent.stream(table("event"), KeyRange.ALL))).hasSize(2);
            assertThat(latest.count(table("event"))).isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseACopyOfATableWithAColumnThePlanDoesNotHave() {
        try (Sql app = new Sql(file)) {
            app.execute("ALTER TABLE event ADD COLUMN late TEXT");
        }
        try (ReadBack copy = source.readBack(true)) {
            assertThatThrownBy(() -> copy.stream(table("event"), KeyRange.ALL))
                    .isInstanceOfSatisfying(CutoverException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIGURATION);
                        assertThat(e.getMessage()).contains("event", "column late", "plan the source again");
                    });
        }
        try (ReadBack readBack = source.readBack(false)) {
            assertThat(all(readBack.stream(table("event"), KeyRange.ALL))).hasSize(2);
        }
    }

    @Test
    void shouldNameTheTableWhenItCannotBeRead() {
        try (Sql app = new Sql(file)) {
            app.execute("DROP TABLE line");
        }
        try (ReadBack readBack = source.readBack(false)) {
            assertThatThrownBy(() -> readBack.count(table("line"))).isInstanceOfSatisfying(CutoverException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
                assertThat(e.getMessage()).contains("table line", file.toAbsolutePath().toString());
            });
        }
    }

    /**
     * A reader whose cursor another thread closes (the validator abandoning a comparison) ends with an error naming
     * the table, at once or after its current step, and the read-back stays usable.
     */
    @Test
    void shouldEndAReadWhoseCursorIsClosedFromAnotherThread() throws Exception {
        try (Sql app = new Sql(file)) {
            app.execute("CREATE TABLE big (k TEXT PRIMARY KEY COLLATE NOCASE, v TEXT)",
                    "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 200000) "
                            + "INSERT INTO big SELECT printf('%08d', (i * 7919) % 200000), hex(randomblob(32)) FROM g");
        }
        TablePlan big = source.plan(PlanOptions.defaults()).table("big").orElseThrow();
        try (ReadBack readBack = source.readBack(false)) {
            CompletableFuture<ReadBack.Cursor> opened = new CompletableFuture<>();
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                ReadBack.Cursor cursor = readBack.stream(big, KeyRange.ALL);
                opened.complete(cursor);
                long rows = 0;
                while (cursor.hasNext()) {
                    cursor.next();
                    rows++;
                }
                return rows;
            });

            opened.get(10, TimeUnit.SECONDS).close();

            assertThatThrownBy(() -> reader.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CutoverException.class)
                    .hasMessageContaining("table big");
            assertThat(readBack.count(big)).as("the read-back is still usable").isEqualTo(200_000);
            assertThat(all(readBack.stream(big, new KeyRange(List.of("00199990"), null)))).hasSize(9);
        }
    }
}
