package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ColumnPlan;

/**
 * The column of one document field, in a main table or a child table alike: a reference takes the referenced column's
 * type, a declared enum its enum type, any other field its profile's type; NOT NULL when every document (element) has
 * a non-null value; the note says what the profile saw and why the type, and what could be declared.
 */
final class FieldColumns {
    private FieldColumns() {
    }

    /**
     * @param of the documents (or element documents) the field could have been in
     */
    static ColumnPlan column(Planning planning, FieldPath path, FieldProfile field, String target, long of) {
        String seen = ProfileText.describe(field, of);
        boolean notNull = of > 0 && field.nonNull() == of;
        Link link = planning.links.get(path);
        if (link != null && !link.array()) {
            return DocumentTableDraft.column(field.name(), target, link.type(), notNull,
                    seen + ". " + link.reason() + ".");
        }
        String enumType = planning.enumTypes.get(path);
        if (enumType != null) {
            String note = seen + ". Declared enum " + enumType + ".";
            return DocumentTableDraft.column(field.name(), target, enumType, notNull, note);
        }
        DocumentColumnTyper.Typed typed = DocumentColumnTyper.type(field);
        String note = seen + (typed.reason() == null ? "." : ". " + typed.reason() + ".") + Proposals.of(field, typed);
        return DocumentTableDraft.column(field.name(), target, typed.type(), notNull, note);
    }
}
