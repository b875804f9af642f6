package dev.cutover.validator;

import java.util.List;

/**
 * How one table differs between source and target.
 *
 * @param table      source table
 * @param sourceRows rows in the source
 * @param targetRows rows in the target
 * @param missing    keys in the source but not the target
 * @param extra      keys in the target but not the source
 * @param different  columns that differ in rows both have
 */
public record TableDiff(String table, long sourceRows, long targetRows, List<String> missing, List<String> extra,
                        List<Difference> different) {

    public boolean equal() {
        return missing.isEmpty() && extra.isEmpty() && different.isEmpty();
    }
}
