package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of write an application makes, captured live from a real SQLite file: the events, applied in order to a
 * key-to-row map as a sink would, end equal to the source tables.
 */
class LiveCaptureTest {
    @TempDir
    Path dir;
    private Path file;
    private Sql app;
    private CaptureDriver capture;

    @BeforeEach
    void createDatabase() {
        file = Sql.create(dir.resolve("app.db"),
                "CREATE TABLE author (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT)",
                "CREATE TABLE book (isbn TEXT PRIMARY KEY, author_id INTEGER REFERENCES author(id) ON DELETE CASCADE "
                        + "ON UPDATE CASCADE, title TEXT, pages INTEGER)",
                "CREATE TABLE tag (isbn TEXT REFERENCES book(isbn) ON DELETE CASCADE ON UPDATE CASCADE, tag TEXT, "
                        + "weight REAL, PRIMARY KEY (isbn, tag)) WITHOUT ROWID",
                "CREATE TABLE note (body TEXT, stars INTEGER)",
                "INSERT INTO author VALUES (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', 'Bob')",
                "INSERT INTO book VALUES ('111', 1, 'First', 100), ('222', 2, 'Second', 200)",
                "INSERT INTO tag VALUES ('111', 'sf', 0.5), ('111', 'classic', 1.5), ('222', 'sf', 2.0)",
                "INSERT INTO note VALUES ('hello', 1), ('world', 2)");
        app = new Sql(file).execute("PRAGMA foreign_keys = ON");
    }

    @AfterEach
    void close() {
        if (capture != null) {
            capture.close();
        }
        app.close();
    }

    private void startCapture() {
        capture = CaptureDriver.start(file, dir);
        capture.drain();
    }

    private void converges() {
        capture.assertConverged();
    }

    @Test
    void shouldCaptureInsertsUpdatesAndDeletes() {
        startCapture();

        app.execute("INSERT INTO author VALUES (3, 'cy@example.com', 'Cy')",
                "INSERT INTO book VALUES ('333', 3, 'Third', 300)",
                "UPDATE book SET pages = pages + 1 WHERE isbn = '111'",
                "UPDATE tag SET weight = 9.75 WHERE isbn = '222'",
                "DELETE FROM note WHERE body = 'hello'",
                "INSERT INTO note VALUES ('again', NULL)",
                "DELETE FROM tag WHERE tag = 'classic'");

        converges();
        List<ChangeEvent> live = capture.events().stream().filter(e -> e.getOp() != Operation.SNAPSHOT).toList();
        assertThat(live).extracting(ChangeEvent::getOp).containsOnly(Operation.UPDATE, Operation.DELETE);
        assertThat(live).allSatisfy(e -> assertThat(e.getSequence()).isPositive());
        assertThat(live).extracting(ChangeEvent::getSequence).isSorted();
    }

    @Test
    void shouldStampLiveEventsWithTheTimeOfTheChange() {
        startCapture();
        long before = System.currentTimeMillis();

        app.execute("UPDATE author SET name = 'Annie' WHERE id = 1");

        capture.drain();
        ChangeEvent update = capture.events().get(capture.events().size() - 1);
        assertThat(update.getOp()).isEqualTo(Operation.UPDATE);
        assertThat(update.getSourceTimeMs()).isBetween(before - 5, System.currentTimeMillis() + 5);
        assertThat(update.getKey()).containsExactly(1L);
        assertThat(update.getValues()).containsExactly(1L, "ann@example.com", "Annie");
    }

    @Test
    void shouldCaptureUpdatesThatChangeThePrimaryKey() {
        startCapture();

        app.execute("UPDATE author SET id = 10 WHERE id = 1",
                "UPDATE book SET isbn = '999' WHERE isbn = '222'",
                "UPDATE tag SET tag = 'scifi' WHERE isbn = '111' AND tag = 'sf'",
                "UPDATE note SET rowid = 50 WHERE body = 'world'");

        converges();
        assertThat(capture.replica().get("author")).containsOnlyKeys("[2]", "[10]");
        assertThat(capture.replica().get("book").get("[\"111\"]")).containsEntry("author_id", 10L);
        assertThat(capture.replica().get("tag")).containsKey("[\"999\",\"sf\"]");
    }

    @Test
    void shouldCaptureADeleteFollowedByAReinsertOfTheSameKey() {
        startCapture();

        app.transaction("DELETE FROM author WHERE id = 2", "INSERT INTO author VALUES (2, 'bob2@example.com', 'Bob II')");
        app.execute("DELETE FROM tag WHERE isbn = '111' AND tag = 'sf'");
        capture.poll();
        app.execute("INSERT INTO tag VALUES ('111', 'sf', 7.0)");

        converges();
        assertThat(capture.replica().get("book")).doesNotContainKey("[\"222\"]");
    }

    @Test
    void shouldReuseAFreedRowidCorrectly() {
        startCapture();

        app.execute("DELETE FROM note WHERE rowid = 2", "INSERT INTO note VALUES ('reused rowid 2', 5)");

        converges();
        assertThat(capture.replica().get("note").get("[2]")).containsEntry("body", "reused rowid 2");
    }

    @Test
    void shouldCaptureInsertOrReplaceOnTheKey() {
        startCapture();

        app.execute("INSERT OR REPLACE INTO author VALUES (1, 'ann@example.com', 'Ann Replaced')",
                "REPLACE INTO tag VALUES ('222', 'sf', 3.25)");

        converges();
    }

    @Test
    void shouldCaptureRowsThatInsertOrReplaceDeletesThroughAnotherUniqueColumn() {
        startCapture();

        app.execute("PRAGMA foreign_keys = OFF",
                "INSERT OR REPLACE INTO author VALUES (3, 'bob@example.com', 'Bob took the address')");

        converges();
        assertThat(capture.replica().get("author")).containsOnlyKeys("[1]", "[3]");
    }

    @Test
    void shouldCaptureRowsThatUpdateOrReplaceDeletes() {
        startCapture();

        app.execute("UPDATE OR REPLACE author SET email = 'ann@example.com' WHERE id = 2");

        converges();
        assertThat(capture.replica().get("author")).containsOnlyKeys("[2]");
    }

    @Test
    void shouldCaptureCascadesCausedByReplaceWithForeignKeysOn() {
        startCapture();

        app.execute("INSERT OR REPLACE INTO author VALUES (3, 'bob@example.com', 'Bob took the address')");

        converges();
        assertThat(capture.replica().get("book")).containsOnlyKeys("[\"111\"]");
    }

    @Test
    void shouldCaptureUpserts() {
        startCapture();

        app.execute("INSERT INTO author VALUES (1, 'x@example.com', 'Ann') ON CONFLICT (id) DO UPDATE SET name = 'Upserted'",
                "INSERT INTO author VALUES (7, 'bob@example.com', 'B') ON CONFLICT (email) DO UPDATE SET name = excluded.name",
                "INSERT INTO author VALUES (8, 'new@example.com', 'New') ON CONFLICT DO NOTHING");

        converges();
        assertThat(capture.replica().get("author").get("[2]")).containsEntry("name", "B");
    }

    @Test
    void shouldIgnoreWhatInsertOrIgnoreIgnored() {
        startCapture();

        app.execute("INSERT OR IGNORE INTO author VALUES (1, 'other@example.com', 'Ignored')",
                "INSERT OR IGNORE INTO author VALUES (5, 'bob@example.com', 'Ignored too')",
                "INSERT OR IGNORE INTO author VALUES (6, 'six@example.com', 'Kept')");

        converges();
        assertThat(capture.replica().get("author")).containsOnlyKeys("[1]", "[2]", "[6]");
    }

    @Test
    void shouldLogNothingForARolledBackTransaction() {
        startCapture();
        long before = SqliteChangeLog.maxSequence(capture.source());

        app.execute("BEGIN", "INSERT INTO author VALUES (3, 'c@example.com', 'C')", "DELETE FROM note",
                "UPDATE book SET isbn = isbn || 'x'", "ROLLBACK");

        assertThat(SqliteChangeLog.maxSequence(capture.source())).isEqualTo(before);
        converges();
    }

    @Test
    void shouldLogNothingForAStatementThatFailed() {
        startCapture();
        long before = SqliteChangeLog.maxSequence(capture.source());

        assertThatThrownBy(() -> app.execute("INSERT INTO author VALUES (3, 'bob@example.com', 'clashes with Bob')"))
                .hasMessageContaining("UNIQUE");

        assertThat(SqliteChangeLog.maxSequence(capture.source())).isEqualTo(before);
        converges();
    }

    @Test
    void shouldCaptureCascadedDeletesAndUpdates() {
        startCapture();

        app.execute("DELETE FROM author WHERE id = 1", "UPDATE book SET isbn = '2222' WHERE isbn = '222'");

        converges();
        assertThat(capture.replica().get("book")).containsOnlyKeys("[\"2222\"]");
        assertThat(capture.replica().get("tag")).containsOnlyKeys("[\"2222\",\"sf\"]");
    }

    @Test
    void shouldCaptureWhatTheApplicationsOwnTriggersChangeAndLetThemFireInOrder() {
        app.execute("CREATE TABLE audit (n INTEGER PRIMARY KEY, what TEXT)",
                "CREATE TRIGGER app_book_added AFTER INSERT ON book BEGIN "
                        + "UPDATE author SET name = name || '+' WHERE id = NEW.author_id; "
                        + "INSERT INTO audit(what) VALUES ('added ' || NEW.isbn); END",
                "CREATE TRIGGER app_book_added_second AFTER INSERT ON book BEGIN "
                        + "INSERT INTO audit(what) VALUES ('second ' || NEW.isbn); END");
        startCapture();

        app.execute("INSERT INTO book VALUES ('333', 2, 'Third', 3)");

        converges();
        assertThat(capture.replica().get("author").get("[2]")).containsEntry("name", "Bob+");
        assertThat(app.rows("SELECT what FROM audit ORDER BY n")).extracting(r -> r.get(0))
                .containsExactly("second 333", "added 333");
    }

    @Test
    void shouldCaptureTextCompositeAndNullKeys() {
        app.execute("CREATE TABLE legacy (code TEXT PRIMARY KEY, v)",
                "CREATE TABLE pair (a, b, v, PRIMARY KEY (a, b))",
                "INSERT INTO legacy VALUES ('x', 1)",
                "INSERT INTO pair VALUES ('1', 2.5, 'text one'), (x'00ff', 3, 'blob')");
        startCapture(); // planned while the keys hold no NULL (a key holding NULLs then would be planned as a rowid key)

        app.execute("INSERT INTO legacy VALUES (NULL, 'null key')", "INSERT INTO pair VALUES (1, NULL, 'half null')",
                "UPDATE legacy SET v = 'still null key' WHERE code IS NULL",
                "UPDATE pair SET v = 'changed' WHERE a = 1 AND b IS NULL",
                "UPDATE pair SET v = 'blob changed' WHERE a = x'00ff'",
                "INSERT INTO pair VALUES (1, 1, 'int one')");
        converges();
        app.execute("DELETE FROM legacy WHERE code IS NULL", "DELETE FROM pair WHERE b IS NULL",
                "UPDATE pair SET a = 2 WHERE a = '1'");

        converges();
        assertThat(capture.replica().get("legacy")).containsOnlyKeys("[\"x\"]");
    }

    @Test
    void shouldCaptureWithoutRowidTablesWithAUniqueColumn() {
        app.execute("CREATE TABLE sku (code TEXT PRIMARY KEY, barcode TEXT NOT NULL UNIQUE, qty INTEGER) WITHOUT ROWID",
                "INSERT INTO sku VALUES ('a', '100', 1), ('b', '200', 2), ('c', '300', 3)");
        startCapture();

        app.execute("INSERT OR REPLACE INTO sku VALUES ('d', '100', 4)",
                "UPDATE OR REPLACE sku SET barcode = '200' WHERE code = 'c'",
                "UPDATE sku SET qty = qty + 1");

        converges();
        assertThat(capture.replica().get("sku")).containsOnlyKeys("[\"c\"]", "[\"d\"]");
    }

    @Test
    void shouldCaptureRowidTablesWhoseColumnHidesTheNameRowidAndRealKeys() {
        app.execute("CREATE TABLE odd (rowid TEXT, v)", "INSERT INTO odd VALUES ('not the rowid', 1)",
                "CREATE TABLE measure (k REAL PRIMARY KEY, v)", "INSERT INTO measure VALUES (1.5, 'a'), (2.0, 'b')");
        startCapture();

        app.execute("UPDATE odd SET v = 2", "INSERT INTO odd VALUES ('second', 3)", "DELETE FROM odd WHERE v = 2",
                "UPDATE measure SET k = 2.5 WHERE k = 1.5", "INSERT INTO measure VALUES (0.1, 'c')");

        converges();
        assertThat(capture.replica().get("odd")).containsOnlyKeys("[2]");
        assertThat(capture.replica().get("measure")).containsOnlyKeys("[2.0]", "[2.5]", "[0.1]");
    }

    @Test
    void shouldCaptureTablesAndColumnsWithAwkwardNames() {
        app.execute("CREATE TABLE \"it's a \"\"table\"\" with a rather long name, truly\" "
                        + "(\"key \"\"column\"\"\" TEXT PRIMARY KEY, \"select\" TEXT UNIQUE, \"ünïcödé\" INTEGER)",
                "INSERT INTO \"it's a \"\"table\"\" with a rather long name, truly\" VALUES ('k''1', 's', 1)");
        startCapture();

        app.execute("UPDATE \"it's a \"\"table\"\" with a rather long name, truly\" SET \"ünïcödé\" = 2",
                "INSERT OR REPLACE INTO \"it's a \"\"table\"\" with a rather long name, truly\" VALUES ('k2', 's', 3)");

        converges();
        assertThat(capture.replica().get("it's a \"table\" with a rather long name, truly")).containsOnlyKeys("[\"k2\"]");
    }

    @Test
    void shouldDeleteTheOldSpellingOfAKeyWhoseCaseChangedUnderNocase() {
        app.execute("CREATE TABLE code (c TEXT COLLATE NOCASE PRIMARY KEY, v)",
                "CREATE TABLE word (w TEXT, v, PRIMARY KEY (w COLLATE NOCASE)) WITHOUT ROWID",
                "INSERT INTO code VALUES ('abc', 1)", "INSERT INTO word VALUES ('Hello', 1)");
        startCapture();

        app.execute("UPDATE code SET c = 'ABC'", "UPDATE word SET w = 'HELLO'");

        converges();
        assertThat(capture.replica().get("code")).containsOnlyKeys("[\"ABC\"]");
        assertThat(capture.replica().get("word")).containsOnlyKeys("[\"HELLO\"]");
    }

    @Test
    void shouldCaptureTextKeysThatAreNotValidUtf8() {
        app.execute("CREATE TABLE raw (k TEXT PRIMARY KEY, v)", "INSERT INTO raw VALUES (CAST(x'61ff62' AS TEXT), 1)");
        startCapture();

        app.execute("UPDATE raw SET v = 2", "INSERT INTO raw VALUES (CAST(x'63fe' AS TEXT), 3)");
        converges();
        app.execute("DELETE FROM raw WHERE v = 2");

        converges();
        assertThat(capture.replica().get("raw")).hasSize(1);
    }

    @Test
    void shouldCaptureTablesWithGeneratedColumnsAndConflictsOnThem() {
        app.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, first TEXT, last TEXT, "
                        + "full TEXT GENERATED ALWAYS AS (first || ' ' || last) VIRTUAL UNIQUE, "
                        + "initials TEXT GENERATED ALWAYS AS (substr(first, 1, 1) || substr(last, 1, 1)) STORED)",
                "INSERT INTO person(id, first, last) VALUES (1, 'Ada', 'Lovelace'), (2, 'Alan', 'Turing')");
        startCapture();

        app.execute("UPDATE person SET last = 'King' WHERE id = 1",
                "INSERT OR REPLACE INTO person(id, first, last) VALUES (3, 'Alan', 'Turing')");

        converges();
        assertThat(capture.replica().get("person")).containsOnlyKeys("[1]", "[3]");
    }

    @Test
    void shouldCaptureConflictsOnExpressionAndPartialUniqueIndexes() {
        app.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT, deleted INTEGER)",
                "CREATE UNIQUE INDEX account_email ON account (lower(email)) WHERE deleted IS NULL",
                "CREATE TABLE slot (id TEXT PRIMARY KEY, day INTEGER, room TEXT COLLATE NOCASE)",
                "CREATE UNIQUE INDEX slot_room ON slot (day, room)",
                "INSERT INTO account VALUES (1, 'Ann@Example.com', NULL), (2, 'bob@example.com', 1)",
                "INSERT INTO slot VALUES ('a', 1, 'Red'), ('b', 2, 'Red')");
        startCapture();

        app.execute("INSERT OR REPLACE INTO account VALUES (3, 'ANN@example.com', NULL)",
                "INSERT OR REPLACE INTO account VALUES (4, 'bob@example.com', NULL)",
                "INSERT OR REPLACE INTO slot VALUES ('c', 1, 'RED')",
                "UPDATE OR REPLACE slot SET day = 2 WHERE id = 'c'");

        converges();
        assertThat(capture.replica().get("account")).containsOnlyKeys("[2]", "[3]", "[4]");
        assertThat(capture.replica().get("slot")).containsOnlyKeys("[\"c\"]");
    }

    @Test
    void shouldCaptureReplaceDeletesWithRecursiveTriggersOnAndOff() {
        startCapture();

        app.execute("PRAGMA recursive_triggers = ON", "PRAGMA foreign_keys = OFF",
                "INSERT OR REPLACE INTO author VALUES (5, 'ann@example.com', 'took Ann''s address')");
        converges();
        app.execute("PRAGMA recursive_triggers = OFF",
                "INSERT OR REPLACE INTO author VALUES (6, 'ann@example.com', 'took it again')");

        converges();
        assertThat(capture.replica().get("author")).containsOnlyKeys("[2]", "[6]");
    }

    @Test
    void shouldStreamChangesMadeDuringTheSnapshotAndRightAfterIt() {
        capture = CaptureDriver.start(file, dir);
        capture.poll();
        capture.poll();

        app.execute("DELETE FROM author WHERE id = 1", "INSERT INTO author VALUES (3, 'c@example.com', 'C')",
                "UPDATE tag SET weight = 0 WHERE isbn = '222'", "INSERT INTO note VALUES ('during', 0)");
        capture.poll();
        app.execute("UPDATE note SET stars = 10");
        while (capture.poll().stream().noneMatch(r -> r.topic().equals(CaptureDriver.TOPICS.control())
                && "STREAMING".equals(r.sourceOffset().get("phase")))) {
            // until SNAPSHOT_COMPLETED
        }
        app.execute("INSERT INTO book VALUES ('444', 3, 'right after', 1)");

        converges();
    }
}
