package dev.cutover.capture.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.InvalidText;
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

    @Test
    void shouldReadAKeyAsTheErrorLogNamesItBackIntoSqliteValues() {
        List<Object> values = KeyCodec.values("{\"a\":7,\"b\":1.5,\"c\":\"é\",\"d\":{\"$base64\":\"AQI=\"},"
                + "\"e\":{\"$hex\":\"ff00\"},\"f\":null}", List.of("a", "b", "c", "d", "e", "f")).orElseThrow();

        assertThat(values.subList(0, 3)).containsExactly(7L, 1.5, "é");
        assertThat((byte[]) values.get(3)).containsExactly(1, 2);
        assertThat(values.get(4)).isEqualTo(new InvalidText(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0})));
        assertThat(values.get(5)).isNull();
        assertThat(KeyCodec.values("{\"a\":7}", List.of("a", "missing"))).isEmpty();
        assertThat(KeyCodec.values("{\"a\":[7]}", List.of("a"))).isEmpty();
        assertThat(KeyCodec.values("{\"a\":123456789012345678901234567890}", List.of("a"))).isEmpty();
    }
}
