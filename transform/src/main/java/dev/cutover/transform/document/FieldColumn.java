package dev.cutover.transform.document;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.EnumPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.transform.convert.ColumnConverter;
import dev.cutover.transform.convert.ConversionException;
import dev.cutover.transform.convert.Converters;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonValue;

/**
 * A column that takes its value from one field of a document: adapted to converter input ({@link BsonInput}), checked
 * (a NOT NULL column's field must be there and not null; an enum column's value must be one of the enum's) and
 * converted by the column's converter. Immutable and thread-safe.
 */
final class FieldColumn {
    private final ColumnPlan column;
    private final ColumnConverter converter;
    private final BsonInput input;
    private final EnumPlan enumType;
    private final Set<String> enumValues;

    FieldColumn(ColumnPlan column, Plan plan) {
        this.column = column;
        this.converter = Converters.forColumn(column);
        this.input = new BsonInput(Converters.inputKind(column.targetType()), Converters.isArray(column.targetType()),
                column.targetType());
        this.enumType = Converters.isArray(column.targetType()) ? null : enumOf(column.targetType(), plan).orElse(null);
        this.enumValues = enumType == null ? null : new HashSet<>(enumType.values());
    }

    /** The plan's enum type a target type names ({@code "schema"."name"}, as planned, or {@code "name"}), if any. */
    private static Optional<EnumPlan> enumOf(String targetType, Plan plan) {
        String type = targetType.strip();
        return plan.enums().stream()
                .filter(e -> type.equals(Identifiers.qualified(plan.targetSchema(), e.name()))
                        || type.equals(Identifiers.quote(e.name())))
                .findFirst();
    }

    String field() {
        return column.source();
    }

    /**
     * @param value the field's value, null when the document does not have the field
     * @param path  the field's path, for messages
     * @return the converted value (PostgreSQL input text, a Long standing for its digits, bytes, or null)
     * @throws Rejection when the value cannot land in the column unchanged
     */
    Object convert(BsonValue value, String path) {
        Object raw = input.adapt(value, path);
        if (raw == null) {
            if (column.notNull()) {
                throw new Rejection(path, "required field \"" + path + "\" is " + (value == null ? "missing" : "null")
                        + ", but column " + column.target() + " is NOT NULL; fix the document in the source, or make"
                        + " the column nullable (\"notNull\": false) in plan.json");
            }
            return null;
        }
        Object converted;
        try {
            converted = converter.convert(raw);
        } catch (ConversionException e) {
            throw new Rejection(path, "field \"" + path + "\": " + e.getMessage());
        }
        if (enumValues != null && !enumValues.contains(converted.toString())) {
            throw new Rejection(path, "field \"" + path + "\" holds \"" + converted + "\", which is not a value of the"
                    + " enum " + enumType.name() + " " + enumType.values() + "; fix the document in the source, or add"
                    + " the value to the enum's declaration in plan.json and plan again");
        }
        return converted;
    }
}
