package dev.cutover.schemas.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.ErrorCode;
import org.junit.jupiter.api.Test;

class SourcesTest {

    @Test
    void shouldMaskThePasswordOfAUri() {
        assertThat(Sources.mask("mongodb://app:s3cr3t@db.example:27017/crm?replicaSet=rs0"))
                .isEqualTo("mongodb://app:***@db.example:27017/crm?replicaSet=rs0");
        assertThat(Sources.mask("mongodb+srv://app:p%40ss@cluster0.example/crm"))
                .isEqualTo("mongodb+srv://app:***@cluster0.example/crm");
        assertThat(Sources.mask("sqlite:/srv/app.db")).isEqualTo("sqlite:/srv/app.db");
    }

    @Test
    void shouldRefuseAMissingSourceNamingTheOption() {
        assertThatThrownBy(() -> Sources.parse(" "))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("--source is required")
                .extracting(e -> ((CutoverException) e).code()).isEqualTo(ErrorCode.BAD_USAGE);
    }

    @Test
    void shouldRefuseAnUnknownSchemeWithoutShowingItsPassword() {
        assertThatThrownBy(() -> Sources.parse("mysql://root:hunter2@localhost/app"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("mysql://root:***@localhost/app")
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("is not a source URI");
    }
}
