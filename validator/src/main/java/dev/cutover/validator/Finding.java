package dev.cutover.validator;

import java.util.List;

/**
 * Target rows that break a rule of the plan: an orphaned foreign key, a NULL in a NOT NULL column, a failed check
 * constraint or a failed declared rule.
 *
 * @param table       source table name
 * @param kind        {@code foreign-key}, {@code not-null}, {@code check} or {@code rule}
 * @param name        the constraint or rule name
 * @param column      the column, for {@code not-null}; otherwise null
 * @param rows        rows that break it (not counting pending ones)
 * @param pending     rows that break it but have a change on its way
 * @param exampleKeys examples of keys ({@link RowKey} JSON) of rows that break it
 * @param detail      what was checked (the foreign key or expression), or why it could not be checked
 * @param error       true when the check itself failed (e.g. a rule's expression is not valid SQL)
 */
public record Finding(String table, String kind, String name, String column, long rows, long pending,
                      List<String> exampleKeys, String detail, boolean error) {

    public Finding {
        exampleKeys = List.copyOf(exampleKeys);
    }

    public boolean failed() {
        return error || rows > 0;
    }
}
