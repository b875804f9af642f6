package dev.cutover.transform.convert;

import static dev.cutover.transform.convert.Convert.convert;
import static dev.cutover.transform.convert.Convert.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UuidConverterTest {
    private static final String CANONICAL = "123e4567-e89b-12d3-a456-426614174000";

    @Test
    void shouldReturnCanonicalTextItself() {
        assertThat(convert("uuid", CANONICAL)).isSameAs(CANONICAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123E4567-E89B-12D3-A456-426614174000", "{123e4567-e89b-12d3-a456-426614174000}",
        "{123E4567-E89B-12D3-A456-426614174000}", "123e4567e89b12d3a456426614174000", " 123e4567-e89b-12d3-a456-426614174000 "})
    void shouldWriteOtherSpellingsInCanonicalForm(String text) {
        assertThat(convert("uuid", text)).isEqualTo(CANONICAL);
    }

    @Test
    void shouldReadSixteenByteBlobs() {
        assertThat(convert("uuid", Values.blob(0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66,
                0x14, 0x17, 0x40, 0x00))).isEqualTo(CANONICAL);
        fails("uuid", Values.blob(1, 2, 3), "is not 16 bytes long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000",
        "123e4567+e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400g", "{123e4567e89b12d3a456426614174000",
        "１23e4567-e89b-12d3-a456-426614174000", "not-a-uuid"})
    void shouldRefuseOtherText(String text) {
        fails("uuid", text, "is not a uuid");
    }

    @Test
    void shouldRefuseNumbers() {
        fails("uuid", 1L, "is a number");
    }
}
