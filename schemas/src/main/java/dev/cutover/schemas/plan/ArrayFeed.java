package dev.cutover.schemas.plan;

import java.util.List;

/**
 * An array field of a collection whose elements become rows of an owned table. On every change of a document the
 * owned table's rows for that document become exactly the ones its array gives now (a set replacement, in the same
 * PostgreSQL transaction as the document's row); deleting the document removes them.
 *
 * <p>Two collections that list each other ({@code A.bIds} and {@code B.aIds}) may feed one shared junction table,
 * each through its own feed whose owner columns are its own side. Each side's replacement then sets the pairs it
 * names: while both sides agree (as an ORM that maintains both keeps them) the table holds their union; where they
 * disagree the side changed last decides for its own document, and {@code validate} reports the disagreement.
 *
 * @param field         the array field of the collection's documents
 * @param kind          what the elements are
 * @param table         target name of the owned table
 * @param ownerColumns  the owned table's columns that hold the owning document's key, in key order
 * @param elementColumn {@link Kind#JUNCTION}: the column holding the element (the referenced id);
 *                      {@link Kind#CHILDREN}: the column holding the element's position in the array, from 0
 */
public record ArrayFeed(String field, Kind kind, String table, List<String> ownerColumns, String elementColumn) {

    public ArrayFeed {
        ownerColumns = List.copyOf(ownerColumns);
    }

    public enum Kind {
        /** Elements are references (ids of another collection): one row per distinct element. */
        JUNCTION,
        /** Elements are documents: one row per element, with its position and its fields as columns. */
        CHILDREN
    }
}
