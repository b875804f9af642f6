package dev.cutover.validator;

import java.util.Map;
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

    /** How many keys of the table have a change on its way (0 when unknown). */
    default long count(String table) {
        return 0;
    }

    /**
     * These keys less the ones whose change the error log holds and nobody accepted: that change is not on its way
     * (it failed), so a difference on such a key is a difference even while a later change for it waits in the
     * source's change log or the topics.
     */
    default PendingKeys exceptBlocking(LoggedKeys logged) {
        PendingKeys inFlight = this;
        return new PendingKeys() {
            @Override
            public boolean contains(String table, String key) {
                return inFlight.contains(table, key) && !logged.blocks(table, key);
            }

            @Override
            public long count(String table) {
                return inFlight.count(table);
            }
        };
    }

    static PendingKeys of(Map<String, Set<String>> keysByTable) {
        Map<String, Set<String>> keys = Map.copyOf(keysByTable);
        return new PendingKeys() {
            @Override
            public boolean contains(String table, String key) {
                return keys.getOrDefault(table, Set.of()).contains(key);
            }

            @Override
            public long count(String table) {
                return keys.getOrDefault(table, Set.of()).size();
            }
        };
    }
}
