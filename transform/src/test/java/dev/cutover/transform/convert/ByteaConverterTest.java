package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteaConverterTest {

    @Test
    void shouldPassBlobsWithoutMovingTheCallersPosition() {
        ByteBuffer blob = ByteBuffer.wrap(new byte[] {9, 1, 2, 3});
        blob.position(1);
        ByteBuffer out = (ByteBuffer) convert("bytea", blob);
        assertThat(ValueText.bytes(out)).containsExactly(1, 2, 3);
        out.get();
        assertThat(blob.position()).isEqualTo(1);
        assertThat(blob.remaining()).isEqualTo(3);
    }

    @Test
    void shouldWriteTextAsItsUtf8Bytes() {
        ByteBuffer out = (ByteBuffer) convert("bytea", "é\0x");
        assertThat(ValueText.bytes(out)).isEqualTo("é\0x".getBytes(StandardCharsets.UTF_8));
        fails("bytea", "a\uD800", "unpaired UTF-16 surrogate");
    }

    @Test
    void shouldKeepTheRawBytesOfInvalidText() {
        ByteBuffer out = (ByteBuffer) convert("bytea", Values.invalidText(0xc3, 0x28));
        assertThat(ValueText.bytes(out)).containsExactly(0xc3, 0x28);
    }

    @Test
    void shouldRefuseNumbers() {
        fails("bytea", 1L, "is a number, which cannot become bytea");
        fails("bytea", 1.5, "is a number");
    }

    @Test
    void shouldKeepNull() {
        assertThat(convert("bytea", null)).isNull();
    }
}
