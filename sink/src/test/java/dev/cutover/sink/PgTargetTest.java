package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import org.junit.jupiter.api.Test;

class PgTargetTest {

    @Test
    void shouldParseAPostgresqlUrlWithCredentials() {
        PgTarget target = PgTarget.parse("postgresql://app:s3cr%40t@db.example:6543/shop?sslmode=require");

        assertThat(target.host()).isEqualTo("db.example");
        assertThat(target.port()).isEqualTo(6543);
        assertThat(target.database()).isEqualTo("shop");
        assertThat(target.user()).isEqualTo("app");
        assertThat(target.password()).isEqualTo("s3cr@t");
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/shop?sslmode=require");
    }

    @Test
    void shouldAcceptJdbcUrlsWithCredentialsInTheQuery() {
        PgTarget target = PgTarget.parse("jdbc:postgresql://localhost/app?user=u&password=pw&ssl=false");

        assertThat(target.port()).isEqualTo(5432);
        assertThat(target.user()).isEqualTo("u");
        assertThat(target.password()).isEqualTo("pw");
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app?ssl=false").doesNotContain("pw");
    }

    @Test
    void shouldNeverShowThePassword() {
        PgTarget target = PgTarget.parse("postgres://app:hunter2@h:5432/db");

        assertThat(target.toString()).isEqualTo("postgresql://app:***@h:5432/db").doesNotContain("hunter2");
        assertThat(PgTarget.mask("x postgresql://a:hunter2@h/db y password=hunter2&z=1"))
                .doesNotContain("hunter2").contains("a:***@h").contains("password=***");
    }

    @Test
    void shouldRejectWhatIsNotAPostgresqlUrlNamingTheOptionWithoutThePassword() {
        assertThatThrownBy(() -> PgTarget.parse("mysql://root:hunter2@h/db"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("--target")
                .hasMessageContaining("postgresql://user:password@host:port/database")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(((CutoverException) e).code()).isEqualTo(ErrorCode.BAD_USAGE));
    }

    @Test
    void shouldReportAnUnreachableServerWithExitCodeThreeAndWhatToCheck() {
        PgTarget target = PgTarget.of("127.0.0.1", 1, "db", "u", "hunter2");

        assertThatThrownBy(target::probe)
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("check that the server is running")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(((CutoverException) e).code().exitCode()).isEqualTo(3));
    }
}
