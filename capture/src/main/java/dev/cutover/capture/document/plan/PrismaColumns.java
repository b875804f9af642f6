package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ColumnPlan;
import java.util.List;

/**
 * The column of a field a Prisma model stores: named after the field in the documents ({@code @map}), typed by the
 * schema (a reference takes the referenced column's type, an enum its enum type), NOT NULL when the schema requires a
 * value (a list when every document has one, as the schema does not say), the {@code @default} PostgreSQL can give;
 * the declared type is the schema's, and the note says what the documents held.
 */
final class PrismaColumns {
    private PrismaColumns() {
    }

    /**
     * @param values the field's profile, or null when no document has it
     * @param of     the collection's documents
     */
    static ColumnPlan column(Planning planning, FieldPath path, PrismaMapping.Field field, FieldProfile values,
            String target, long of) {
        Link link = planning.links.get(path);
        String enumType = planning.enumTypes.get(path);
        String type = link != null ? link.type() : PrismaTypes.type(field, stripArray(enumType));
        List<String> enumValues = field.kind() == PrismaMapping.Kind.ENUM
                ? planning.prisma.enumValues().get(field.declared().type()) : List.of();
        PrismaTypes.Default value = PrismaTypes.defaultOf(field, type, enumValues);
        boolean notNull = field.required() || (field.list() && of > 0 && values != null && values.nonNull() == of);
        StringBuilder note = new StringBuilder("Prisma ").append(field.name()).append(' ').append(field.typeText())
                .append("; ").append(values == null ? "in no document" : ProfileText.describe(values, of)).append('.');
        if (link != null) {
            note.append(' ').append(link.reason()).append('.');
        } else if (field.objectId()) {
            note.append(" ObjectIds as uuid by the id rule.");
        }
        if (value.note() != null) {
            note.append(' ').append(value.note()).append('.');
        }
        return new ColumnPlan(field.document(), target, field.typeText(), type, notNull, value.sql(), null, false,
                null, null, note.toString());
    }

    private static String stripArray(String type) {
        return type != null && type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
    }
}
