package dev.cutover.validator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keys the error log names: rows whose change did not reach PostgreSQL. The validator compares each of them besides
 * the sample, so a row the error log names never hides behind sampling. A difference on an accepted key (the operator
 * accepted its failed changes with {@code finalize --accept-errors}) is counted as accepted, not as a failure.
 *
 * @param logged   source table to the keys ({@link RowKey} JSON) the error log names
 * @param accepted source table to those of its keys whose every logged change was accepted
 */
public record LoggedKeys(Map<String, Set<String>> logged, Map<String, Set<String>> accepted) {
    public static final LoggedKeys NONE = new LoggedKeys(Map.of(), Map.of());

    public LoggedKeys {
        logged = copy(logged);
        accepted = copy(accepted);
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> keys) {
        Map<String, Set<String>> copy = new HashMap<>();
        keys.forEach((table, set) -> copy.put(table, Set.copyOf(set)));
        return Map.copyOf(copy);
    }

    /** The keys of {@code table} the error log names. */
    public Set<String> of(String table) {
        return logged.getOrDefault(table, Set.of());
    }

    public boolean accepted(String table, String key) {
        return accepted.getOrDefault(table, Set.of()).contains(key);
    }

    /** Whether the error log names this key with an entry nobody accepted. */
    public boolean blocks(String table, String key) {
        return of(table).contains(key) && !accepted(table, key);
    }

    /** How many keys of {@code table} were accepted. */
    public long acceptedCount(String table) {
        return accepted.getOrDefault(table, Set.of()).size();
    }

    /** Keys named in the error log, over all tables. */
    public long size() {
        return logged.values().stream().mapToLong(Set::size).sum();
    }
}
