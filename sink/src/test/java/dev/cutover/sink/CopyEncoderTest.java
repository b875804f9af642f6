package dev.cutover.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.codec.RowChangeBatchEncoder;
import dev.cutover.schemas.codec.RowChangeCodec;
import dev.cutover.schemas.codec.Utf8Text;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyEncoderTest {

    private static String encode(Object... values) {
        CopyEncoder encoder = new CopyEncoder();
        encoder.row(Arrays.asList(values));
        return new String(encoder.buffer(), 0, encoder.length(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldSeparateValuesWithTabsAndEndRowsWithNewlines() {
        assertThat(encode("a", "b")).isEqualTo("a\tb\n");
    }

    @Test
    void shouldWriteNullAsBackslashN() {
        assertThat(encode("a", null)).isEqualTo("a\t\\N\n");
    }

    @Test
    void shouldEscapeBackslashTabNewlineAndCarriageReturn() {
        assertThat(encode("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\\re\n");
    }

    @Test
    void shouldKeepTheLiteralTextBackslashNDistinctFromNull() {
        assertThat(encode("\\N")).isEqualTo("\\\\N\n");
    }

    @Test
    void shouldEncodeUnicodeAsUtf8IncludingSupplementaryCharacters() {
        String text = "é€😀";
        CopyEncoder encoder = new CopyEncoder();
        encoder.row(List.of(text));
        byte[] bytes = Arrays.copyOf(encoder.buffer(), encoder.length());

        assertThat(bytes).isEqualTo((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteByteaAsEscapedHex() {
        assertThat(encode(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, 0x41}))).isEqualTo("\\\\x00ff41\n");
    }

    @Test
    void shouldGrowForLargeValues() {
        String big = "x".repeat(3_000_000);
        assertThat(encode(big)).hasSize(3_000_001);
    }

    @Test
    void shouldCopyTextStillInUtf8ExactlyAsItWouldEncodeTheString() {
        List<Object> values = Arrays.asList("plain", "tab\there\\ and\nnew\rline", "é€😀", "", null,
                ByteBuffer.wrap(new byte[] {7}));
        RowChangeBatchEncoder batch = new RowChangeBatchEncoder();
        batch.add(new RowChange("s", "t", "T", RowOperation.LOAD, List.of("id"), List.of("1"), "{}",
                List.of("a", "b", "c", "d", "e", "f"), values, 1L, 2L, List.of()));
        List<Object> utf8 = RowChangeCodec.decodeAllUtf8(batch.finish()).get(0).getValues();

        assertThat(utf8.get(1)).isInstanceOf(Utf8Text.class);
        assertThat(encode(utf8.toArray())).isEqualTo(encode(values.toArray()))
                .isEqualTo("plain\ttab\\there\\\\ and\\nnew\\rline\té€😀\t\t\\N\t\\\\x07\n");
    }
}
