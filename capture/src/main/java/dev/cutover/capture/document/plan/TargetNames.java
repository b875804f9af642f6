package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Rename;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Target names of a document plan. Tables, enum types, indexes and constraints share PostgreSQL's schema-wide name
 * space (a table is also a type), so they are made unique together; columns are unique per table. A name is kept
 * exactly when PostgreSQL can hold it; one over 63 bytes is shortened by {@link Identifiers#fit}, an empty field name
 * becomes {@code _}, a taken one gets a number; each such change of a source name, and each shortened generated name,
 * is recorded as a {@link Rename}.
 */
final class TargetNames {
    private final Set<String> used = new HashSet<>();
    private final List<Rename> renames = new ArrayList<>();

    /** The table of a collection, named after it. */
    String table(String collection) {
        return claim("table", null, collection, collection, true);
    }

    /** An enum type, named as declared. */
    String type(String name) {
        return claim("type", null, name, name, true);
    }

    /**
     * A generated name (owned table, index, constraint) from {@code base}, e.g. {@code orders_customer_id_idx}.
     *
     * @param kind  "table", "index" or "constraint", for the rename record
     * @param scope the table it belongs to, or null
     */
    String generated(String kind, String scope, String base) {
        return claim(kind, scope, base, base, !Identifiers.fits(base));
    }

    List<Rename> renames() {
        return List.copyOf(renames);
    }

    /** A fresh name space for one table's columns. */
    Columns columns(String table) {
        return new Columns(table);
    }

    private String claim(String kind, String scope, String original, String base, boolean recordChange) {
        String target = unique(used, base.isEmpty() ? "_" : base, "");
        if (recordChange && !target.equals(original)) {
            renames.add(new Rename(kind, scope, original, target));
        }
        return target;
    }

    private static String unique(Set<String> taken, String base, String separator) {
        String candidate = Identifiers.fit(base);
        for (int n = 1; taken.contains(candidate); n++) {
            candidate = Identifiers.fit(base + separator + n);
        }
        taken.add(candidate);
        return candidate;
    }

    /** Column names of one table. */
    final class Columns {
        private final String table;
        private final Set<String> taken = new HashSet<>();

        private Columns(String table) {
            this.table = table;
        }

        /** The column of a document field, named after it. */
        String field(String field) {
            String target = unique(taken, field.isEmpty() ? "_" : field, "_");
            if (!target.equals(field)) {
                renames.add(new Rename("column", table, field, target));
            }
            return target;
        }

        /** A column Cutover adds ({@code _extra}, {@code _index}, {@code _file}, an owner's key): no field to keep. */
        String added(String base) {
            String target = unique(taken, base, "_");
            if (!Identifiers.fits(base)) {
                renames.add(new Rename("column", table, base, target));
            }
            return target;
        }
    }
}
