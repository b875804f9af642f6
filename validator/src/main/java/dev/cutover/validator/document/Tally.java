package dev.cutover.validator.document;

import dev.cutover.validator.Difference;
import dev.cutover.validator.LoggedKeys;
import dev.cutover.validator.PendingKeys;
import dev.cutover.validator.TableComparison;
import java.util.ArrayList;
import java.util.List;

/**
 * What one table's comparison counted, with examples capped at {@code maxExamples}. A key that differs is pending when
 * a change to it is on its way (the collection's key decides), else accepted when the operator accepted its logged
 * failure, else a difference. Not thread-safe.
 */
final class Tally {
    private final String table;
    private final String collection;
    private final int maxExamples;
    private final PendingKeys pendingKeys;
    private final LoggedKeys logged;
    private long compared;
    private long equal;
    private long missing;
    private long extra;
    private long different;
    private long pending;
    private long accepted;
    private final List<String> missingKeys = new ArrayList<>();
    private final List<String> extraKeys = new ArrayList<>();
    private final List<Difference> differences = new ArrayList<>();
    private final List<String> acceptedKeys = new ArrayList<>();

    /**
     * @param table      the table reported on
     * @param collection the collection whose document keys decide pending and accepted
     */
    Tally(String table, String collection, int maxExamples, PendingKeys pendingKeys, LoggedKeys logged) {
        this.table = table;
        this.collection = collection;
        this.maxExamples = maxExamples;
        this.pendingKeys = pendingKeys;
        this.logged = logged;
    }

    void equal() {
        compared++;
        equal++;
    }

    /** @param documentKey the owning document's key (relaxed Extended JSON); {@code key} names the row in examples */
    void missing(String documentKey, String key) {
        compared++;
        if (!explained(documentKey)) {
            missing++;
            example(missingKeys, key);
        }
    }

    void extra(String documentKey, String key) {
        if (!explained(documentKey)) {
            extra++;
            example(extraKeys, key);
        }
    }

    void different(String documentKey, List<Difference> found) {
        compared++;
        if (explained(documentKey)) {
            return;
        }
        different++;
        for (Difference difference : found) {
            if (differences.size() < maxExamples) {
                differences.add(difference);
            }
        }
    }

    private boolean explained(String documentKey) {
        if (logged.accepted(collection, documentKey)) {
            accepted++;
            example(acceptedKeys, documentKey);
            return true;
        }
        if (pendingKeys.contains(collection, documentKey)) {
            pending++;
            return true;
        }
        return false;
    }

    private void example(List<String> keys, String key) {
        if (keys.size() < maxExamples) {
            keys.add(key);
        }
    }

    TableComparison comparison(String mode) {
        return new TableComparison(table, mode, compared, equal, missing, extra, different, pending, missingKeys,
                extraKeys, differences, 0, 0, accepted, acceptedKeys);
    }
}
