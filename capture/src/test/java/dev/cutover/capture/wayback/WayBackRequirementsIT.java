package dev.cutover.capture.wayback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class WayBackRequirementsIT {
    @Test
    void shouldNameEachSettingToChangeOnAServerWithoutLogicalDecoding() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_replication_slots", "0")
                .start();
             Connection connection = postgres.getPostgresDatabase().getConnection()) {
            List<String> problems = WayBackRequirements.problems(connection);

            assertThat(problems).anySatisfy(p -> assertThat(p).contains("wal_level is 'replica'")
                    .contains("ALTER SYSTEM SET wal_level = logical"));
            assertThat(problems).anySatisfy(p -> assertThat(p).contains("max_replication_slots is 0")
                    .contains("ALTER SYSTEM SET max_replication_slots = 4"));
            assertThatThrownBy(() -> WayBackRequirements.require(connection, "the target"))
                    .isInstanceOf(CutoverException.class).hasMessageContaining("wal_level");
        }
    }

    @Test
    void shouldAcceptALogicalServerAndRefuseAUserWhoCannotSetOrigins() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start();
             Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(WayBackRequirements.problems(connection)).isEmpty();

            statement.execute("CREATE ROLE app LOGIN");
            statement.execute("SET ROLE app");
            assertThat(WayBackRequirements.problems(connection))
                    .anySatisfy(p -> assertThat(p).contains("ALTER ROLE \"app\" REPLICATION"))
                    .anySatisfy(p -> assertThat(p).contains("GRANT EXECUTE ON FUNCTION pg_replication_origin_create"));
        }
    }
}
