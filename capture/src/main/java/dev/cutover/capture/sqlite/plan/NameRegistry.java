package dev.cutover.capture.sqlite.plan;

import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Rename;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Target names for everything in one schema. Tables, indexes and constraints share PostgreSQL's schema-wide name
 * space (indexes and key constraints are relations), so all of them are made unique together; columns are unique per
 * table. Names over 63 bytes are shortened with {@link Identifiers#fit}; every change of a source name, and every
 * shortened generated name, is recorded as a {@link Rename}.
 */
final class NameRegistry {
    private final Set<String> used = new HashSet<>();
    private final List<Rename> renames = new ArrayList<>();

    String table(String source) {
        String target = unique(source);
        if (!target.equals(source)) {
            renames.add(new Rename("table", null, source, target));
        }
        return target;
    }

    /**
     * An index or constraint name: the source's own name when it has one that is free, else one generated from
     * {@code generatedBase} (e.g. {@code orders_customer_id_idx}).
     *
     * @param kind  "index" or "constraint", for the rename record
     * @param scope the source table
     */
    String relation(String kind, String scope, String preferred, String generatedBase) {
        if (preferred != null) {
            String fitted = Identifiers.fit(preferred);
            String target = used.contains(fitted) ? unique(generatedBase) : claim(fitted);
            if (!target.equals(preferred)) {
                renames.add(new Rename(kind, scope, preferred, target));
            }
            return target;
        }
        String target = unique(generatedBase);
        if (!Identifiers.fits(generatedBase)) {
            renames.add(new Rename(kind, scope, generatedBase, target));
        }
        return target;
    }

    /** A fresh name space for one table's columns. */
    Columns columns(String table) {
        return new Columns(table);
    }

    List<Rename> renames() {
        return List.copyOf(renames);
    }

    private String unique(String base) {
        String candidate = Identifiers.fit(base);
        for (int n = 1; used.contains(candidate); n++) {
            candidate = Identifiers.fit(base + n);
        }
        return claim(candidate);
    }

    private String claim(String name) {
        used.add(name);
        return name;
    }

    /** Column names of one table. */
    final class Columns {
        private final String table;
        private final Set<String> columns = new HashSet<>();

        private Columns(String table) {
            this.table = table;
        }

        void reserve(String name) {
            columns.add(name);
        }

        String column(String source) {
            String candidate = Identifiers.fit(source);
            for (int n = 1; columns.contains(candidate); n++) {
                candidate = Identifiers.fit(source + "_" + n);
            }
            columns.add(candidate);
            if (!candidate.equals(source)) {
                renames.add(new Rename("column", table, source, candidate));
            }
            return candidate;
        }
    }
}
