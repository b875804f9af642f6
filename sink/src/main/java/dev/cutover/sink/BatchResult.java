package dev.cutover.sink;

import dev.cutover.schemas.avro.DeadLetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What one batch did: rows written per target table, and the rows PostgreSQL refused. Not thread-safe. */
final class BatchResult {
    private final Map<String, long[]> written = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private int foreignKeyViolations;

    void loaded(String table, int rows) {
        counts(table)[0] += rows;
    }

    void upserted(String table, int rows) {
        counts(table)[1] += rows;
    }

    void deleted(String table, int rows) {
        counts(table)[2] += rows;
    }

    /** Adds the rows another result wrote (rows written under a savepoint, once it is released). */
    void written(BatchResult other) {
        other.written.forEach((table, counts) -> {
            long[] mine = counts(table);
            for (int i = 0; i < counts.length; i++) {
                mine[i] += counts[i];
            }
        });
    }

    void rejected(DeadLetter letter, boolean foreignKeyViolation) {
        deadLetters.add(letter);
        foreignKeyViolations += foreignKeyViolation ? 1 : 0;
    }

    /** Rejected rows whose parent row was missing: after finalize, it may simply not have arrived yet. */
    int foreignKeyViolations() {
        return foreignKeyViolations;
    }

    private long[] counts(String table) {
        return written.computeIfAbsent(table, t -> new long[3]);
    }

    /** Table to {loaded, upserted, deleted}. */
    Map<String, long[]> written() {
        return written;
    }

    List<DeadLetter> deadLetters() {
        return deadLetters;
    }
}
