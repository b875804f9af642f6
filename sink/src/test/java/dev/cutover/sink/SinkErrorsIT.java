package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** How a server that goes away mid-batch looks through HikariCP, against a real PostgreSQL. */
class SinkErrorsIT {
    @Test
    void shouldTakeTheBareErrorOfAConnectionHikariClosedForALostConnection() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setMaximumPoolSize(1);
            try (HikariDataSource pool = new HikariDataSource(config); Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                Savepoint savepoint = connection.setSavepoint();
                terminate(postgres, backendPid(connection));

                SQLException failed = catchThrowableOfType(SQLException.class,
                        () -> connection.createStatement().execute("SELECT 1"));
                assertThat(SinkErrors.retriable(failed)).as("the failed statement: %s", failed.getSQLState()).isTrue();
                SQLException rollback = catchThrowableOfType(SQLException.class,
                        () -> connection.rollback(savepoint));

                assertThat(rollback.getSQLState()).as("HikariCP's closed connection").isNull();
                assertThat(SinkErrors.retriable(rollback)).isFalse();
                SQLException judged = SinkErrors.onConnection(rollback, connection);
                assertThat(SinkErrors.retriable(judged)).isTrue();
                assertThat(judged.getMessage()).contains("lost").contains(rollback.getMessage());
            }
        }
    }

    @Test
    void shouldLeaveAnErrorOnALiveConnectionAsItIs() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             Connection connection = postgres.getPostgresDatabase().getConnection()) {
            SQLException failed = catchThrowableOfType(SQLException.class,
                    () -> connection.createStatement().execute("SELECT * FROM no_such_table"));
            assertThat((Object) SinkErrors.onConnection(failed, connection)).isSameAs(failed);
            assertThat(SinkErrors.retriable(failed)).isFalse();
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void terminate(EmbeddedPostgres postgres, int pid) throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
    }
}
