package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

    @Test
    void shouldRoundTripEveryStorageClass() {
        List<Object> key = Arrays.asList(Long.MIN_VALUE, 1.5, "naïve \"quoted\"", null,
                ByteBuffer.wrap(new byte[] {0, (byte) 0xff}));

        List<Object> decoded = KeyCodec.decode(KeyCodec.encode(key));

        assertThat(decoded.subList(0, 4)).containsExactly(Long.MIN_VALUE, 1.5, "naïve \"quoted\"", null);
        assertThat((byte[]) decoded.get(4)).containsExactly(0, 0xff);
    }

    @Test
    void shouldEncodeARowidCompactly() {
        assertThat(KeyCodec.encode(List.of(42L))).isEqualTo("[42]");
        assertThat(KeyCodec.decode("[42]")).containsExactly(42L);
    }
}
