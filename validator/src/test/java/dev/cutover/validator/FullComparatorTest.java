package dev.cutover.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.validator.CanonicalValue.Kind;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Key order, row hashes and arguments of the full comparison, without databases (see FullComparatorIT for those). */
class FullComparatorTest {
    private static final TablePlan TABLE = new TablePlan("t", "t",
            new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, List.of("id"), List.of("id")),
            List.of(new ColumnPlan("id", "id", "INTEGER", "bigint", true, null, null, false, null, null, null)),
            List.of(), List.of(), List.of(), 0, List.of());

    @Test
    void shouldRejectImpossibleChunkSizesAndExampleCounts() {
        assertThatThrownBy(() -> new FullComparator("public", TABLE, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> new FullComparator("public", TABLE, 100, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void shouldOrderTextByCodePointAsUtf8BytesDo() {
        assertThat(compare(Kind.TEXT, "Z", "a")).isNegative();
        assertThat(compare(Kind.TEXT, "a", "ab")).isNegative();
        assertThat(compare(Kind.TEXT, "z", "é")).isNegative();
        // U+FB00 sorts before U+1F600 in UTF-8 bytes, though its UTF-16 unit is above the surrogate's.
        assertThat(compare(Kind.TEXT, "\uFB00", "\uD83D\uDE00")).isNegative();
        assertThat(compare(Kind.TEXT, "Ö", "Ö")).isZero();
    }

    @Test
    void shouldOrderNumbersByValueWithNanLastAndNullsLast() {
        assertThat(compare(Kind.INTEGER, 9L, 10L)).isNegative();
        assertThat(compare(Kind.INTEGER, -1L, 0L)).isNegative();
        assertThat(compare(Kind.DOUBLE, -0.0, 0.0)).isZero();
        assertThat(compare(Kind.DOUBLE, Double.POSITIVE_INFINITY, Double.NaN)).isNegative();
        assertThat(compare(Kind.NUMERIC, new java.math.BigDecimal("1e3"), Double.POSITIVE_INFINITY)).isNegative();
        assertThat(compare(Kind.INTEGER, 5L, null)).isNegative();
    }

    @Test
    void shouldOrderUuidsAndBytesUnsigned() {
        UUID low = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        assertThat(compare(Kind.UUID, low, high)).isNegative();
        assertThat(compare(Kind.BYTEA, new byte[] {0x7f}, new byte[] {(byte) 0x80})).isNegative();
    }

    @Test
    void shouldRefuseAStreamThatIsNotIncreasing() {
        FullKey nine = key(Kind.TEXT, "9");
        FullKey ten = key(Kind.TEXT, "10");
        assertThatThrownBy(() -> FullKeyOrder.requireAfter(nine, ten, "SQLite"))
                .isInstanceOf(FullOrderMismatch.class).hasMessageContaining("SQLite");
        assertThatThrownBy(() -> FullKeyOrder.requireAfter(null, key(Kind.TIMESTAMP, "yesterday"), "SQLite"))
                .isInstanceOf(FullOrderMismatch.class);
        FullKeyOrder.requireAfter(ten, nine, "SQLite");
    }

    @Test
    void shouldHashRowsByEveryValueInOrder() {
        RowHasher hasher = new RowHasher();
        long ab = hasher.add("ab").add("c").finish();
        long abAgain = hasher.add("ab").add("c").finish();
        long a = hasher.add("a").add("bc").finish();
        long swapped = hasher.add("c").add("ab").finish();
        assertThat(ab).isEqualTo(abAgain).isNotEqualTo(a).isNotEqualTo(swapped);
    }

    private static int compare(Kind kind, Object a, Object b) {
        return FullKeyOrder.compare(key(kind, a), key(kind, b));
    }

    private static FullKey key(Kind kind, Object sourceValue) {
        Object normal = CanonicalValue.source(sourceValue, kind, null);
        return FullKey.of(new Object[] {sourceValue}, new Object[] {normal}, List.of("k"));
    }
}
