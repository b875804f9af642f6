package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArrayLiteralTest {

    @Test
    void shouldQuoteEveryElementSoNoTextIsMisread() {
        assertThat(ArrayLiteral.of(Arrays.asList("a", "say \"hi\"", "back\\slash", "{,}", "NULL", null, 7L)))
                .isEqualTo("{\"a\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"{,}\",\"NULL\",NULL,\"7\"}");
    }

    @Test
    void shouldWriteBytesAsByteaHex() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {9, 1, 2, (byte) 0xff}, 1, 3);

        assertThat(ArrayLiteral.of(Arrays.asList(bytes))).isEqualTo("{\"\\\\x0102ff\"}");
        assertThat(bytes.position()).isEqualTo(1);
    }
}
