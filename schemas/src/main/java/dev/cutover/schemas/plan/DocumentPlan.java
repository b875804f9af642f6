package dev.cutover.schemas.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * @param extraFields main table only: top-level fields the documents hold that the plan deliberately gives no column,
 *                    so they land in {@code extraColumn} (fields a Prisma schema lacks); existing-target mode lists
 *                    them as unmapped when the target table has no extra column
 * @param aliases     other names the source's schema (a Prisma schema) gives this table and its columns, which
 *                    existing-target mode also matches: under {@link #TABLE_ALIAS} the model's name (for a junction,
 *                    the name Prisma gives an implicit many-to-many table, e.g. {@code _DocumentsToInvoices}); under a
 *                    column's source name that field's name in the schema (e.g. {@code _id} → {@code id} for
 *                    {@code id String @id @map("_id")}; for an implicit junction, {@link #OWNER} and {@link #ELEMENT}
 *                    → {@code A} or {@code B})
 * @param flattened   main table only: top-level fields holding embedded documents whose fields are columns of their
 *                    own: such a column's source is {@code field.subfield}; the embedded document's fields without a
 *                    column, and a value of the field that is not a document (null included), land in
 *                    {@code extraColumn} under the field's name
 */
public record DocumentPlan(
        String collection,
        String arrayField,
        String extraColumn,
        List<ArrayFeed> arrays,
        List<String> ignored,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> extraFields,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> aliases,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> flattened) {

    /** Source name of an owned table's columns that hold the owning document's key. */
    public static final String OWNER = "$owner";
    /** Source name of a child table's column that holds the element's position in the array, from 0. */
    public static final String INDEX = "$index";
    /** Source name of a junction table's column that holds the array element (the referenced id). */
    public static final String ELEMENT = "$element";
    /** The name {@code plan} gives the extra column of a generated table. */
    public static final String EXTRA_COLUMN = "_extra";
    /** The key of {@link #aliases()} that holds the table's other name. */
    public static final String TABLE_ALIAS = "$table";

    public DocumentPlan {
        arrays = arrays == null ? List.of() : List.copyOf(arrays);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
        extraFields = extraFields == null ? List.of() : List.copyOf(extraFields);
        aliases = aliases == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(aliases));
        flattened = flattened == null ? List.of() : List.copyOf(flattened);
    }

    /** A table fed by documents, without flattened fields. */
    public DocumentPlan(String collection, String arrayField, String extraColumn, List<ArrayFeed> arrays,
            List<String> ignored, List<String> extraFields, Map<String, String> aliases) {
        this(collection, arrayField, extraColumn, arrays, ignored, extraFields, aliases, List.of());
    }

    /** A table fed by documents, without schema names or deliberate extra fields. */
    public DocumentPlan(String collection, String arrayField, String extraColumn, List<ArrayFeed> arrays,
            List<String> ignored) {
        this(collection, arrayField, extraColumn, arrays, ignored, List.of(), Map.of());
    }

    /** A collection's main table. */
    public static DocumentPlan main(String collection, String extraColumn, List<ArrayFeed> arrays) {
        return new DocumentPlan(collection, null, extraColumn, arrays, List.of());
    }

    /** An owned table fed by {@code collection}'s array field {@code arrayField}. */
    public static DocumentPlan owned(String collection, String arrayField, String extraColumn) {
        return new DocumentPlan(collection, arrayField, extraColumn, List.of(), List.of());
    }

    /**
     * The flattened field a column's source is a field of, or null: {@code address} for {@code address.city} when
     * {@code address} is flattened (the longest such field, should two flattened names nest).
     */
    public String flattenedParent(String source) {
        String parent = null;
        for (String field : flattened) {
            if (source.startsWith(field + ".") && (parent == null || field.length() > parent.length())) {
                parent = field;
            }
        }
        return parent;
    }

    /** True for a table of array elements (a junction or child table). */
    public boolean owned() {
        return arrayField != null;
    }
}
