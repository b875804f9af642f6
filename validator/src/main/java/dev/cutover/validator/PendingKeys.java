package dev.cutover.validator;

import java.util.Set;

/**
 * Keys with a change that has not reached PostgreSQL yet (in the source's change log, or in the topics past what
 * the transformer or the sink committed). A difference on such a key is reported as pending, not as a failure.
 */
@FunctionalInterface
public interface PendingKeys {
    PendingKeys NONE = (table, key) -> false;

    /**
     * @param table source table name
     * @param key   the row's key as {@link RowKey} JSON
     */
    boolean contains(String table, String key);

    static PendingKeys of(java.util.Map<String, Set<String>> keysByTable) {
        return (table, key) -> keysByTable.getOrDefault(table, Set.of()).contains(key);
    }
}
