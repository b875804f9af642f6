package dev.cutover.schemas.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the operator declares about a document source where its data cannot say it: kept in {@code plan.json} under
 * {@code "declarations"}, read back by every {@code cutover plan} of the same work directory (so a declaration
 * survives planning again), and applied by it. Each list may be empty; null lists read as empty.
 *
 * @param references fields whose values are ids of another collection: a scalar field becomes a column with a foreign
 *                   key, an array field a junction table (whatever share of its values the data confirms)
 * @param children   array fields of documents that become child tables instead of {@code jsonb}
 * @param keys       collections without an {@code _id} (or {@code id}): the fields that identify a document
 * @param enums      fields whose values form a closed set: a PostgreSQL enum type
 * @param search     full-text indexes: a GIN index over {@code to_tsvector(config, ...)} of the columns
 * @param ignore     fields deliberately not migrated, neither a column nor kept in the extra column
 * @param flatten    top-level fields holding embedded documents whose fields become columns of the collection's table
 *                   ({@code address} → {@code address_city}, ...) instead of one {@code jsonb} column
 */
public record Declarations(
        List<Reference> references,
        List<Field> children,
        List<Key> keys,
        List<EnumValues> enums,
        List<Search> search,
        List<Field> ignore,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Field> flatten) {

    public static final Declarations NONE = new Declarations(null, null, null, null, null, null);

    public Declarations {
        references = references == null ? List.of() : List.copyOf(references);
        children = children == null ? List.of() : List.copyOf(children);
        keys = keys == null ? List.of() : List.copyOf(keys);
        enums = enums == null ? List.of() : List.copyOf(enums);
        search = search == null ? List.of() : List.copyOf(search);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        flatten = flatten == null ? List.of() : List.copyOf(flatten);
    }

    /** Declarations without flattened fields. */
    public Declarations(List<Reference> references, List<Field> children, List<Key> keys, List<EnumValues> enums,
                        List<Search> search, List<Field> ignore) {
        this(references, children, keys, enums, search, ignore, List.of());
    }

    /** A field of a collection's documents (a top-level field name). */
    public record Field(String collection, String field) {
    }

    /** {@code collection.field} holds ids of {@code to}'s documents ({@code to}'s {@code _id}, or {@code toField}). */
    public record Reference(String collection, String field, String to, String toField) {
    }

    /** The fields that identify a document of {@code collection}, in key order. */
    public record Key(String collection, List<String> fields) {
        public Key {
            fields = List.copyOf(fields);
        }
    }

    /** {@code collection.field} holds only {@code values}; the enum type is named {@code name}. */
    public record EnumValues(String collection, String field, String name, List<String> values) {
        public EnumValues {
            values = List.copyOf(values);
        }
    }

    /** A full-text index over target {@code table}'s {@code columns} with text search configuration {@code config}. */
    public record Search(String table, List<String> columns, String config) {
        public Search {
            columns = List.copyOf(columns);
        }
    }
}
