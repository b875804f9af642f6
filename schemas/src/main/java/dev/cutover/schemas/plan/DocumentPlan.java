package dev.cutover.schemas.plan;

import java.util.List;

/**
 * How a document source's collection feeds a table. A collection's documents land in its <em>main</em> table, one row
 * per document ({@code arrayField} null); an array field whose elements become rows of their own lands in an
 * <em>owned</em> table ({@code arrayField} set), fed through one of the main table's {@link ArrayFeed}s.
 *
 * <p>In a main table, {@link ColumnPlan#source()} is a top-level field name of the documents. In an owned table it is
 * {@link #OWNER} for the columns holding the owning document's key, {@link #INDEX} for a child table's position
 * column, {@link #ELEMENT} for a junction's element column, and an element document's field name for a child
 * table's other columns.
 *
 * @param collection  the collection whose documents feed the table (for an owned table: the owning collection)
 * @param arrayField  null for a main table; for an owned table, the owning documents' array field
 * @param extraColumn the {@code jsonb} column that keeps every field the plan has no column for (so nothing is ever
 *                    dropped), or null when the table has none (existing-target mode: the plan must then route or
 *                    ignore every field, or {@code run} refuses)
 * @param arrays      main table only: the array fields whose elements land in owned tables, replaced as a set in the
 *                    same PostgreSQL transaction as the row on every change of the document
 * @param ignored     fields deliberately not migrated (declared by the operator), each neither a column nor in
 *                    {@code extraColumn}
 */
public record DocumentPlan(
        String collection,
        String arrayField,
        String extraColumn,
        List<ArrayFeed> arrays,
        List<String> ignored) {

    /** Source name of an owned table's columns that hold the owning document's key. */
    public static final String OWNER = "$owner";
    /** Source name of a child table's column that holds the element's position in the array, from 0. */
    public static final String INDEX = "$index";
    /** Source name of a junction table's column that holds the array element (the referenced id). */
    public static final String ELEMENT = "$element";
    /** The name {@code plan} gives the extra column of a generated table. */
    public static final String EXTRA_COLUMN = "_extra";

    public DocumentPlan {
        arrays = arrays == null ? List.of() : List.copyOf(arrays);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
    }

    /** A collection's main table. */
    public static DocumentPlan main(String collection, String extraColumn, List<ArrayFeed> arrays) {
        return new DocumentPlan(collection, null, extraColumn, arrays, List.of());
    }

    /** An owned table fed by {@code collection}'s array field {@code arrayField}. */
    public static DocumentPlan owned(String collection, String arrayField, String extraColumn) {
        return new DocumentPlan(collection, arrayField, extraColumn, List.of(), List.of());
    }

    /** True for a table of array elements (a junction or child table). */
    public boolean owned() {
        return arrayField != null;
    }
}
