package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forward sink's writes carry a replication origin, so a decoder asked for local changes only never sees them. */
class OriginSessionsIT {
    @Test
    void shouldHideEveryPooledConnectionsWritesFromALocalOnlyDecoder() throws Exception {
        try (EmbeddedPostgres postgres = logical();
             Connection plain = postgres.getPostgresDatabase().getConnection();
             Statement statement = plain.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY, origin text)");
            statement.execute("SELECT pg_create_logical_replication_slot('watch', 'test_decoding')");
            PgTarget target = PgTarget.of("localhost", postgres.getPort(), "postgres", "postgres", null);
            try (HikariDataSource pool = SinkService.pool(target, 3)) {
                List<Connection> held = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    held.add(pool.getConnection());
                }
                for (int i = 0; i < 3; i++) {
                    try (Statement s = held.get(i).createStatement()) {
                        s.execute("INSERT INTO t VALUES (" + i + ", 'sink')");
                    }
                }
                for (Connection c : held) {
                    c.close();
                }
            }
            statement.execute("INSERT INTO t VALUES (100, 'application')");

            assertThat(decoded(statement, "'only-local', '1'")).filteredOn(c -> c.startsWith("table public.t:"))
                    .hasSize(1).allMatch(c -> c.contains("'application'"));
            assertThat(countRows(statement, "SELECT count(*) FROM pg_replication_origin WHERE roname LIKE 'cutover_sink_%'"))
                    .isEqualTo(3);
        }
    }

    @Test
    void shouldRefuseAnUnmarkableConnectionOnceTheWayBackExists() throws Exception {
        try (EmbeddedPostgres postgres = logical();
             Connection plain = postgres.getPostgresDatabase().getConnection();
             Statement statement = plain.createStatement()) {
            statement.execute("CREATE ROLE app LOGIN PASSWORD 'secret'");
            PgTarget app = PgTarget.of("localhost", postgres.getPort(), "postgres", "app", "secret");
            try (HikariDataSource pool = SinkService.pool(app, 1); Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            statement.execute("CREATE PUBLICATION cutover_way_back");
            try (HikariDataSource pool = SinkService.pool(app, 1)) {
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class)
                        .hasStackTraceContaining("the way back is on in this database");
            }
        }
    }

    private static EmbeddedPostgres logical() throws java.io.IOException {
        // Decoding through SQL reads only flushed WAL: commit synchronously, so every commit is there at once.
        return EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
                .setServerConfig("synchronous_commit", "on").start();
    }

    private static List<String> decoded(Statement statement, String options) throws SQLException {
        List<String> changes = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT data FROM pg_logical_slot_get_changes('watch', NULL, NULL, "
                + options + ")")) {
            while (rs.next()) {
                changes.add(rs.getString(1));
            }
        }
        return changes;
    }

    private static long countRows(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
