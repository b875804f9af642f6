package dev.cutover.schemas.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void shouldQuoteNamesExactlyDoublingQuotes() {
        assertThat(Identifiers.quote("User")).isEqualTo("\"User\"");
        assertThat(Identifiers.quote("Order Details")).isEqualTo("\"Order Details\"");
        assertThat(Identifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(Identifiers.qualified("public", "select")).isEqualTo("\"public\".\"select\"");
        assertThat(Identifiers.literal("it's")).isEqualTo("'it''s'");
    }

    @Test
    void shouldKeepNamesThatFit() {
        String exactly63 = "a".repeat(63);
        assertThat(Identifiers.fit(exactly63)).isEqualTo(exactly63);
        assertThat(Identifiers.fits(exactly63)).isTrue();
    }

    @Test
    void shouldShortenLongNamesToSixtyThreeBytesWithAStableHash() {
        String name = "a".repeat(64);
        String fitted = Identifiers.fit(name);
        assertThat(fitted).hasSize(63).startsWith("a".repeat(54) + "_").matches(".*_[0-9a-f]{8}");
        assertThat(Identifiers.fit(name)).isEqualTo(fitted);
    }

    @Test
    void shouldKeepLongNamesWithACommonPrefixDistinct() {
        String common = "x".repeat(70);
        assertThat(Identifiers.fit(common + "one")).isNotEqualTo(Identifiers.fit(common + "two"));
    }

    @Test
    void shouldCountBytesAndCutAtACharacterBoundary() {
        String name = "é".repeat(40);
        assertThat(Identifiers.fits(name)).isFalse();
        String fitted = Identifiers.fit(name);
        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(fitted).startsWith("é".repeat(27) + "_");
        String emoji = "😀".repeat(20);
        assertThat(Identifiers.fit(emoji)).startsWith("😀".repeat(13) + "_");
    }
}
