package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SinkRecordTest {

    @Test
    void shouldNameARowOfABatchByItsRecordAndItsPlaceInIt() {
        ByteBuffer key = ByteBuffer.wrap(new byte[] {1});

        assertThat(new SinkRecord("app.rows/2/41", 7, key, null).id()).isEqualTo("app.rows/2/41/7");
        assertThat(new SinkRecord("app.rows/2/41", 0, key, null).id()).isEqualTo("app.rows/2/41/0");
        assertThat(new SinkRecord("app.rows/2/42", key, null).id()).isEqualTo("app.rows/2/42");
    }
}
