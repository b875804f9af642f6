package dev.cutover.capture.document.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonValue;

/**
 * The second read's look at one field whose values may be ids of other collections: of its non-null values (an
 * array's elements one by one), how many are keys of each candidate collection; for a top-level array, its distinct
 * (document, element) pairs and an order-independent hash of them, which tells whether two collections that list each
 * other name the same pairs without holding the pairs in memory.
 */
final class Probe {
    private static final int EXAMPLES = 3;
    private static final long SEED_1 = 0x9E3779B97F4A7C15L;
    private static final long SEED_2 = 0xC2B2AE3D27D4EB4FL;

    private final FieldPath path;
    private final List<String> targets;
    private final List<KeySet> sets;
    private final long[] found;
    private final List<String> missing = new ArrayList<>();
    private long values;
    private long pairs;
    private long forward1;
    private long forward2;
    private long reversed1;
    private long reversed2;

    /**
     * @param targets the candidate collections (or, for a declared reference to a field, {@code collection.field})
     * @param sets    their keys, parallel to {@code targets}
     */
    Probe(FieldPath path, List<String> targets, List<KeySet> sets) {
        this.path = path;
        this.targets = List.copyOf(targets);
        this.sets = List.copyOf(sets);
        this.found = new long[targets.size()];
    }

    FieldPath path() {
        return path;
    }

    /** Checks one document's value of the field; {@code owner} is the document's {@code _id} key, or null. */
    void add(BsonValue value, ValueKey owner, ValueKey.Maker keys) {
        if (ValueKind.isNull(value)) {
            return;
        }
        if (!value.isArray()) {
            check(value, keys.of(value), owner);
            return;
        }
        Set<ValueKey> distinct = new HashSet<>();
        for (BsonValue element : value.asArray()) {
            if (!ValueKind.isNull(element)) {
                ValueKey key = keys.of(element);
                check(element, key, owner);
                if (distinct.add(key) && owner != null) {
                    forward1 += mix(SEED_1, owner, key);
                    forward2 += mix(SEED_2, owner, key);
                    reversed1 += mix(SEED_1, key, owner);
                    reversed2 += mix(SEED_2, key, owner);
                }
            }
        }
        pairs += distinct.size();
    }

    /** Non-null values checked. */
    long values() {
        return values;
    }

    List<String> targets() {
        return targets;
    }

    /** Values that are keys of {@code targets().get(i)}. */
    long found(int i) {
        return found[i];
    }

    /** The index of the target with the most values found (the first of equals), or -1 when there is none. */
    int best() {
        int best = -1;
        for (int i = 0; i < found.length; i++) {
            if (best < 0 || found[i] > found[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Distinct (document, element) pairs of a top-level array field. */
    long pairs() {
        return pairs;
    }

    /**
     * True when this array field and {@code other}, which lists the opposite side, name the same pairs: the pair
     * counts agree and so do two independent 64-bit sums of a hash of each pair (so a difference goes unseen with a
     * probability of about 2^-128).
     */
    boolean samePairsAs(Probe other) {
        return pairs == other.pairs && forward1 == other.reversed1 && forward2 == other.reversed2;
    }

    /** A few values found in no target (only kept when there is one target), with the document they are in. */
    List<String> missing() {
        return List.copyOf(missing);
    }

    private void check(BsonValue value, ValueKey key, ValueKey owner) {
        values++;
        boolean any = false;
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).contains(key)) {
                found[i]++;
                any = true;
            }
        }
        if (!any && targets.size() == 1 && missing.size() < EXAMPLES) {
            missing.add(Values.text(value));
        }
    }

    private static long mix(long seed, ValueKey a, ValueKey b) {
        long h = seed;
        h = splitMix(h ^ a.hi());
        h = splitMix(h ^ a.lo());
        h = splitMix(h ^ b.hi());
        return splitMix(h ^ b.lo());
    }

    private static long splitMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
