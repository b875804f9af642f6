package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.InvalidText;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-row read through the statement handle gives exactly what {@code ResultSet} reading gives. */
class SqliteValueReaderTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadEveryStorageClassAsResultSetReadingDoes() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("v.db"))) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a, b TEXT, c REAL, d BLOB)");
                s.execute("INSERT INTO t VALUES (1, NULL, NULL, NULL, NULL)");
                s.execute("INSERT INTO t VALUES (2, 7, 'plain', 2.5, x'00ff10')");
                s.execute("INSERT INTO t VALUES (3, 9223372036854775807, 'ünïcödé 😀', -0.5, x'')");
                s.execute("INSERT INTO t VALUES (4, -9223372036854775808, '', 1e308, zeroblob(3))");
                s.execute("INSERT INTO t VALUES (5, 2147483648, CAST(x'61ff62' AS TEXT), 9e999, 'text in a blob column')");
                s.execute("INSERT INTO t VALUES (6, 'real \uFFFD', x'41', 12, 3.25)");
                s.execute("INSERT INTO t VALUES (7, -2147483649, '42', 'not a number', -1)");
            }
            insertRandomRows(connection, 100);
            List<List<Object>> direct = new ArrayList<>();
            List<List<Object>> jdbc = new ArrayList<>();
            List<Long> rowids = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT rowid, * FROM t ORDER BY rowid");
                 ResultSet rs = statement.executeQuery()) {
                assertThat(SqliteValueReader.storesUtf8(connection)).isTrue();
                while (rs.next()) {
                    List<Object> values = new ArrayList<>();
                    Long rowid = SqliteValueReader.readRow(rs, true, 1, 2, 5, values);
                    direct.add(values);
                    rowids.add(rowid);
                    List<Object> asText = new ArrayList<>();
                    SqliteValueReader.readRow(rs, false, 1, 2, 5, asText);
                    assertThat(asText).as("text read as text, not as its stored bytes").isEqualTo(values);
                    List<Object> expected = new ArrayList<>();
                    for (int column = 2; column <= 6; column++) {
                        expected.add(SqliteValueReader.read(rs, column));
                    }
                    jdbc.add(expected);
                    assertThat(rowid).isEqualTo(rs.getLong(1));
                }
            }

            assertThat(direct).hasSize(107).isEqualTo(jdbc);
            assertThat(rowids.subList(0, 7)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(direct.get(0)).containsExactly(1L, null, null, null, null);
            assertThat(direct.get(1)).containsExactly(2L, 7L, "plain", 2.5, ByteBuffer.wrap(new byte[] {0, -1, 16}));
            assertThat(direct.get(2).subList(1, 4)).containsExactly(Long.MAX_VALUE, "ünïcödé 😀", -0.5);
            assertThat(direct.get(3).subList(1, 5))
                    .containsExactly(Long.MIN_VALUE, "", 1e308, ByteBuffer.wrap(new byte[3]));
            assertThat(direct.get(4).get(1)).isEqualTo(2147483648L);
            assertThat(direct.get(4).get(2)).isInstanceOf(InvalidText.class);
            assertThat(((InvalidText) direct.get(4).get(2)).getBytes()).isEqualTo(ByteBuffer.wrap(new byte[] {'a', -1, 'b'}));
            assertThat(direct.get(4).get(3)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(direct.get(5).subList(1, 5)).containsExactly("real \uFFFD", ByteBuffer.wrap(new byte[] {65}), 12.0, 3.25);
            assertThat(direct.get(6).subList(1, 5)).containsExactly(-2147483649L, "42", "not a number", -1L);
        }
    }

    @Test
    void shouldReadTheTextOfAUtf16DatabaseAsText() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("utf16.db"))) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA encoding = 'UTF-16le'");
                s.execute("CREATE TABLE t (a, b)");
                s.execute("INSERT INTO t VALUES ('ünïcödé 😀', ''), ('plain', 7)");
            }
            assertThat(SqliteValueReader.storesUtf8(connection)).isFalse();
            List<List<Object>> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM t ORDER BY rowid");
                 ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<Object> values = new ArrayList<>();
                    SqliteValueReader.readRow(rs, SqliteValueReader.storesUtf8(connection), 0, 1, 2, values);
                    assertThat(values).containsExactly(SqliteValueReader.read(rs, 1), SqliteValueReader.read(rs, 2));
                    rows.add(values);
                }
            }
            assertThat(rows).containsExactly(List.of("ünïcödé 😀", ""), List.of("plain", 7L));
        }
    }

    private static void insertRandomRows(Connection connection, int rows) throws Exception {
        Random random = new Random(7);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (a, b, c, d) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                for (int column = 1; column <= 4; column++) {
                    insert.setObject(column, switch (random.nextInt(5)) {
                        case 0 -> null;
                        case 1 -> random.nextLong() >> random.nextInt(64);
                        case 2 -> random.nextDouble() * 1e6 - 5e5;
                        case 3 -> "text " + random.nextInt() + (random.nextBoolean() ? " ☃" : "");
                        default -> {
                            byte[] bytes = new byte[random.nextInt(20)];
                            random.nextBytes(bytes);
                            yield bytes;
                        }
                    });
                }
                insert.executeUpdate();
            }
        }
    }
}
