package dev.cutover.capture.document.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class KeySetTest {
    private final ValueKey.Maker keys = new ValueKey.Maker();

    @Test
    void shouldFindExactlyTheKeysAddedAndCountRepeats() {
        Random random = new Random(7);
        KeySet set = new KeySet();
        Set<ValueKey> added = new HashSet<>();
        long repeats = 0;
        for (int i = 0; i < 50_000; i++) {
            ValueKey key = new ValueKey(random.nextInt(20_000), random.nextInt(3));
            set.add(key);
            repeats += added.add(key) ? 0 : 1;
        }
        set.seal();
        assertThat(set.repeats()).isEqualTo(repeats);
        for (int i = 0; i < 20_000; i++) {
            for (int lo = 0; lo < 4; lo++) {
                ValueKey key = new ValueKey(i, lo);
                assertThat(set.contains(key)).as(key.toString()).isEqualTo(added.contains(key));
            }
        }
    }

    @Test
    void shouldSortManyEqualKeysAndExtremes() {
        KeySet set = new KeySet();
        for (int i = 0; i < 10_000; i++) {
            set.add(new ValueKey(5, 5));
        }
        set.add(new ValueKey(Long.MIN_VALUE, Long.MIN_VALUE));
        set.add(new ValueKey(Long.MAX_VALUE, Long.MAX_VALUE));
        set.seal();
        assertThat(set.repeats()).isEqualTo(9_999);
        assertThat(set.contains(new ValueKey(Long.MIN_VALUE, Long.MIN_VALUE))).isTrue();
        assertThat(set.contains(new ValueKey(Long.MAX_VALUE, Long.MAX_VALUE))).isTrue();
        assertThat(set.contains(new ValueKey(5, 6))).isFalse();
    }

    @Test
    void shouldFindKeysAddedInOrderAndInReverseOrder() {
        KeySet ascending = new KeySet();
        KeySet descending = new KeySet();
        for (int i = 0; i < 100_000; i++) {
            ascending.add(new ValueKey(i / 3, i % 3));
            descending.add(new ValueKey(-i / 3, i % 3));
        }
        ascending.seal();
        descending.seal();
        for (int i = 0; i < 100_000; i += 7) {
            assertThat(ascending.contains(new ValueKey(i / 3, i % 3))).isTrue();
            assertThat(descending.contains(new ValueKey(-i / 3, i % 3))).isTrue();
        }
        assertThat(ascending.contains(new ValueKey(1, 3))).isFalse();
        assertThat(ascending.repeats() + descending.repeats()).isZero();
    }

    @Test
    void shouldMatchNumbersByValueAsMongoDbDoes() {
        assertThat(keys.of(new BsonInt32(1))).isEqualTo(keys.of(new BsonInt64(1)))
                .isEqualTo(keys.of(new BsonDouble(1.0))).isEqualTo(keys.of(new BsonDecimal128(Decimal128.parse("1.00"))));
        assertThat(keys.of(new BsonInt32(1))).isNotEqualTo(keys.of(new BsonString("1")))
                .isNotEqualTo(keys.of(new BsonDouble(1.5)));
    }

    @Test
    void shouldKeepObjectIdsExactlyAndTellThem() {
        ObjectId a = new ObjectId("5ca4bbc7a2dd94ee5816238c");
        ObjectId b = new ObjectId("5ca4bbc7a2dd94ee5816238d");
        assertThat(keys.of(new BsonObjectId(a))).isEqualTo(keys.of(new BsonObjectId(new ObjectId(a.toHexString()))))
                .isNotEqualTo(keys.of(new BsonObjectId(b)));
        assertThat(keys.of(new BsonObjectId(a)).objectId()).isTrue();
        assertThat(keys.of(new BsonString(a.toHexString())).objectId()).isFalse();
        assertThat(keys.of(new BsonString(a.toHexString()))).isNotEqualTo(keys.of(new BsonObjectId(a)));
    }
}
