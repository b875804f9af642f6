package dev.cutover.capture.document.plan;

/**
 * A field whose values are ids of another collection's documents (or values of one of its fields): a scalar field
 * becomes a column with a foreign key, an array field a junction table.
 *
 * @param path     the referencing field
 * @param array    true for an array of references (a junction table)
 * @param to       the referenced collection
 * @param toField  the referenced field, or null for the referenced collection's key
 * @param type     the referenced column's type, which the referencing column (or junction column) takes
 * @param declared true when the operator declared it, false when the data showed it
 * @param pairs    for an array: distinct (document, element) pairs, the junction's rows
 * @param reason   why, for the column's or table's note
 * @param relation the Prisma relation that makes it, or null when the data or a declaration does; an array of a
 *                 relation shares a junction with its {@link PrismaMapping.Relation#partner()} only
 */
record Link(FieldPath path, boolean array, String to, String toField, String type, boolean declared, long pairs,
            String reason, PrismaMapping.Relation relation) {

    /** True when the reference points to the referenced collection's key (not to another field of it). */
    boolean toKey() {
        return toField == null;
    }
}
