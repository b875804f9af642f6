package dev.cutover.capture.sqlite;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of random writes across three related tables (foreign keys on, with cascades) while capture snapshots,
 * streams, commits and crashes at random moments: the replica ends equal to the source, whatever the interleaving.
 */
class RandomizedCaptureTest {
    private static final int OPERATIONS = 3000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldConvergeWhateverTheApplicationDoesAndWheneverCaptureRestarts(long seed) {
        Random random = new Random(seed);
        Path file = createDatabase();
        try (Sql app = new Sql(file).execute("PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL");
             CaptureDriver capture = CaptureDriver.start(file, dir, Map.of(
                     SqliteConnectorConfig.STREAMING_BATCH_ROWS, "7", SqliteConnectorConfig.BATCH_ROWS, "11"))) {
            for (int i = 0; i < OPERATIONS; i++) {
                write(app, random);
                int roll = random.nextInt(100);
                if (roll < 30) {
                    capture.poll();
                } else if (roll < 35) {
                    capture.commit();
                } else if (roll == 35) {
                    capture.restart();
                }
            }
            capture.assertConverged();
        }
    }

    private Path createDatabase() {
        Sql.create(dir.resolve("app.db"),
                "CREATE TABLE author (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT)",
                "CREATE TABLE book (isbn TEXT PRIMARY KEY, author_id INTEGER REFERENCES author(id) ON DELETE CASCADE "
                        + "ON UPDATE CASCADE, title TEXT, pages INTEGER)",
                "CREATE TABLE tag (isbn TEXT REFERENCES book(isbn) ON DELETE CASCADE ON UPDATE CASCADE, tag TEXT, "
                        + "weight REAL, PRIMARY KEY (isbn, tag)) WITHOUT ROWID",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
                        + "INSERT INTO author SELECT i, 'e' || i, 'author ' || i FROM n",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
                        + "INSERT INTO book SELECT 'b' || i, 1 + i % 50, 'title ' || i, i FROM n",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150) "
                        + "INSERT INTO tag SELECT 'b' || (1 + i % 100), 't' || (i % 7), i / 10.0 FROM n");
        return dir.resolve("app.db");
    }

    /** One random application write; constraint failures are the application's business, as in real life. */
    private static void write(Sql app, Random random) {
        if (random.nextInt(10) > 0) {
            attempt(app, statement(random));
            return;
        }
        app.execute("BEGIN");
        int statements = 1 + random.nextInt(5);
        for (int i = 0; i < statements; i++) {
            attempt(app, statement(random));
        }
        app.execute(random.nextInt(4) == 0 ? "ROLLBACK" : "COMMIT");
    }

    /** A statement that violates a constraint fails alone (SQLite's ABORT), as the application would see it. */
    private static void attempt(Sql app, String statement) {
        try {
            app.execute(statement);
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("constraint failed")) {
                throw e;
            }
        }
    }

    private static String statement(Random random) {
        int author = 1 + random.nextInt(80);
        String email = "'e" + (1 + random.nextInt(80)) + "'";
        String book = "'b" + (1 + random.nextInt(140)) + "'";
        String tag = "'t" + random.nextInt(9) + "'";
        return switch (random.nextInt(16)) {
            case 0 -> "INSERT OR IGNORE INTO author VALUES (" + author + ", " + email + ", 'new')";
            case 1 -> "INSERT OR REPLACE INTO author VALUES (" + author + ", " + email + ", 'replaced')";
            case 2 -> "UPDATE author SET name = 'renamed " + random.nextInt(1000) + "' WHERE id = " + author;
            case 3 -> "UPDATE OR REPLACE author SET email = " + email + " WHERE id = " + author;
            case 4 -> "UPDATE author SET id = " + (1 + random.nextInt(80)) + " WHERE id = " + author;
            case 5 -> "DELETE FROM author WHERE id = " + author;
            case 6 -> "INSERT INTO author VALUES (" + author + ", " + email + ", 'upsert') "
                    + "ON CONFLICT (id) DO UPDATE SET name = 'upserted ' || excluded.email";
            case 7 -> "INSERT OR REPLACE INTO book VALUES (" + book + ", " + author + ", 'book', " + random.nextInt(500) + ")";
            case 8 -> "UPDATE book SET pages = pages + 1, title = title || '+' WHERE isbn = " + book;
            case 9 -> "UPDATE book SET isbn = " + book + " WHERE isbn = 'b" + (1 + random.nextInt(140)) + "'";
            case 10 -> "DELETE FROM book WHERE isbn = " + book;
            case 11 -> "INSERT OR REPLACE INTO tag VALUES (" + book + ", " + tag + ", " + random.nextDouble() + ")";
            case 12 -> "UPDATE tag SET weight = weight * 2 WHERE isbn = " + book;
            case 13 -> "UPDATE OR IGNORE tag SET tag = " + tag + " WHERE isbn = " + book;
            case 14 -> "DELETE FROM tag WHERE isbn = " + book + " AND tag = " + tag;
            default -> "INSERT INTO tag VALUES (" + book + ", " + tag + ", 1) ON CONFLICT DO UPDATE SET weight = -weight";
        };
    }
}
