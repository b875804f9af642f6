package dev.cutover.validator.document;

import dev.cutover.validator.Difference;
import dev.cutover.validator.TableComparison;
import java.util.ArrayList;
import java.util.List;

/** What one table's comparison counted, with examples capped at {@code maxExamples}. Not thread-safe. */
final class Tally {
    private final String table;
    private final int maxExamples;
    private long compared;
    private long equal;
    private long missing;
    private long extra;
    private long different;
    private long pending;
    private final List<String> missingKeys = new ArrayList<>();
    private final List<String> extraKeys = new ArrayList<>();
    private final List<Difference> differences = new ArrayList<>();

    Tally(String table, int maxExamples) {
        this.table = table;
        this.maxExamples = maxExamples;
    }

    void equal() {
        compared++;
        equal++;
    }

    void missing(String key, boolean isPending) {
        compared++;
        if (isPending) {
            pending++;
        } else {
            missing++;
            example(missingKeys, key);
        }
    }

    void extra(String key, boolean isPending) {
        if (isPending) {
            pending++;
        } else {
            extra++;
            example(extraKeys, key);
        }
    }

    void different(List<Difference> found, boolean isPending) {
        compared++;
        if (isPending) {
            pending++;
            return;
        }
        different++;
        for (Difference difference : found) {
            if (differences.size() < maxExamples) {
                differences.add(difference);
            }
        }
    }

    private void example(List<String> keys, String key) {
        if (keys.size() < maxExamples) {
            keys.add(key);
        }
    }

    TableComparison comparison(String mode) {
        return new TableComparison(table, mode, compared, equal, missing, extra, different, pending, missingKeys,
                extraKeys, differences, 0, 0);
    }
}
