package dev.cutover.transform.document;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.EnumPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.transform.convert.ColumnConverter;
import dev.cutover.transform.convert.ConversionException;
import dev.cutover.transform.convert.Converters;
import dev.cutover.transform.convert.RoundedReal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonValue;

/**
 * A column that takes its value from one field of a document: adapted to converter input ({@link BsonInput}), checked
 * (a NOT NULL column's field must be there and not null; an enum column's value must be one of the enum's) and
 * converted by the column's converter; a double rounded from float noise to a {@code numeric(p,s)} column lands rounded
 * and is counted, as a SQLite REAL is. Immutable and thread-safe.
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
        this.enumType = enumOf(column.targetType(), plan).orElse(null);
        this.enumValues = enumType == null ? null : new HashSet<>(enumType.values());
    }

    /**
     * The plan's enum type a target type names ({@code "schema"."name"}, as planned, or {@code "name"}; or an array of
     * it), if any.
     */
    private static Optional<EnumPlan> enumOf(String targetType, Plan plan) {
        String type = targetType.strip();
        while (type.endsWith("[]")) {
            type = type.substring(0, type.length() - 2).strip();
        }
        String element = type;
        return plan.enums().stream()
                .filter(e -> element.equals(Identifiers.qualified(plan.targetSchema(), e.name()))
                        || element.equals(Identifiers.quote(e.name())))
                .findFirst();
    }

    String field() {
        return column.source();
    }

    /**
     * @param value   the field's value, null when the document does not have the field
     * @param path    the field's path, for messages
     * @param rounded where the column's name is added when its double lands rounded from float noise (see
     *                {@link RoundedReal}), or null when it may not be (a key)
     * @return the converted value (PostgreSQL input text, a Long standing for its digits, bytes, or null)
     * @throws Rejection when the value cannot land in the column unchanged
     */
    Object convert(BsonValue value, String path, List<String> rounded) {
        Object raw = input.adapt(value, path);
        if (raw == null) {
            if (column.notNull()) {
                throw new Rejection(path, "required field \"" + path + "\" is " + (value == null ? "missing" : "null")
                        + ", but column " + column.target() + " is NOT NULL; fix the document in the source, or make"
                        + " the column nullable (\"notNull\": false) in plan.json");
            }
            return null;
        }
        if (enumValues != null) {
            checkEnum(raw instanceof List<?> elements ? elements : List.of(raw), path);
        }
        Object converted;
        try {
            converted = converter.convert(raw);
        } catch (ConversionException e) {
            throw new Rejection(path, "field \"" + path + "\": " + e.getMessage());
        }
        if (converted instanceof RoundedReal real) {
            if (rounded == null) {
                throw new Rejection(path, "key field \"" + path + "\": the double " + raw + " has more digits after"
                        + " the decimal point than " + column.targetType() + " keeps, and a key is never rounded (two"
                        + " keys could become one); fix the key in the source, or set the column's targetType to"
                        + " numeric in plan.json");
            }
            rounded.add(column.target());
            return real.text();
        }
        return converted;
    }

    private void checkEnum(List<?> values, String path) {
        for (Object value : values) {
            if (value != null && !enumValues.contains(value.toString())) {
                throw new Rejection(path, "field \"" + path + "\" holds \"" + value + "\", which is not a value of the"
                        + " enum " + enumType.name() + " " + enumType.values() + "; fix the document in the source, or"
                        + " add the value to the enum's declaration in plan.json and plan again");
            }
        }
    }
}
