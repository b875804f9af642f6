package dev.cutover.capture.document.plan;

import dev.cutover.capture.prisma.PrismaSchema;
import dev.cutover.schemas.plan.Identifiers;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL side of a Prisma field: its column type, the BSON kinds its documents may hold, and its
 * {@code @default} where PostgreSQL has an equivalent. String → text ({@code @db.ObjectId}: uuid by the id rule),
 * Boolean → boolean, Int → integer, BigInt → bigint, Float → double precision, Decimal → numeric, DateTime →
 * timestamp(3), Json → jsonb, Bytes → bytea, an enum → its enum type, a composite type (embedded documents) → jsonb,
 * a list of scalars or enum values → that type's array; any other type ({@code Unsupported(...)}) → jsonb.
 */
final class PrismaTypes {
    /** The scalar types' columns; {@code Json} and {@code Unsupported(...)} fields hold any value, as jsonb. */
    static final Map<String, String> SCALARS = Map.of("String", "text", "Boolean", "boolean", "Int", "integer",
            "BigInt", "bigint", "Float", "double precision", "Decimal", "numeric", "DateTime", "timestamp(3)", "Bytes",
            "bytea");
    private static final Set<ValueKind> INTEGERS = EnumSet.of(ValueKind.INT32, ValueKind.INT64);
    private static final Set<ValueKind> NUMBERS = EnumSet.of(ValueKind.INT32, ValueKind.INT64, ValueKind.DOUBLE,
            ValueKind.DECIMAL128);
    /** {@code @default} functions whose values the application (Prisma) makes; PostgreSQL has none to give. */
    private static final Set<String> APPLICATION_MADE = Set.of("auto", "uuid", "cuid", "nanoid", "ulid",
            "autoincrement", "dbgenerated", "sequence");

    private PrismaTypes() {
    }

    /**
     * The column type of a stored field that is not a reference.
     *
     * @param enumType the qualified enum type of an enum field, else ignored
     */
    static String type(PrismaMapping.Field field, String enumType) {
        String declared = field.declared().type();
        String single = switch (field.kind()) {
            case ENUM -> enumType;
            case COMPOSITE, JSON -> "jsonb";
            case SCALAR -> field.objectId() ? "uuid" : SCALARS.get(declared);
        };
        boolean array = field.list() && !single.equals("jsonb");
        return single + (array ? "[]" : "");
    }

    /**
     * The kinds a value of the field (an element, for a list) may be; empty when any value fits (Json, unsupported
     * types). An integer fits a Float and any number a Decimal, as Prisma reads them; an ObjectId field holds only
     * ObjectIds.
     */
    static Set<ValueKind> expected(PrismaMapping.Field field) {
        return switch (field.kind()) {
            case ENUM -> EnumSet.of(ValueKind.STRING);
            case COMPOSITE -> EnumSet.of(ValueKind.DOCUMENT);
            case JSON -> EnumSet.noneOf(ValueKind.class);
            case SCALAR -> scalar(field);
        };
    }

    private static Set<ValueKind> scalar(PrismaMapping.Field field) {
        if (field.objectId()) {
            return EnumSet.of(ValueKind.OBJECT_ID);
        }
        return switch (field.declared().type()) {
            case "String" -> EnumSet.of(ValueKind.STRING);
            case "Boolean" -> EnumSet.of(ValueKind.BOOLEAN);
            case "Int", "BigInt" -> INTEGERS;
            case "Float" -> EnumSet.of(ValueKind.DOUBLE, ValueKind.INT32, ValueKind.INT64);
            case "Decimal" -> NUMBERS;
            case "DateTime" -> EnumSet.of(ValueKind.DATE);
            case "Bytes" -> EnumSet.of(ValueKind.BINARY, ValueKind.UUID);
            default -> EnumSet.noneOf(ValueKind.class);
        };
    }

    /**
     * A column default from {@code @default}.
     *
     * @param sql  the PostgreSQL expression, or null when there is none
     * @param note why a declared default is not one in PostgreSQL, or null
     */
    record Default(String sql, String note) {
        static final Default NONE = new Default(null, null);
    }

    /**
     * {@code now()} → {@code CURRENT_TIMESTAMP}; a string, number, boolean or enum value → that literal; a list of
     * them → an array of them; ids the application makes ({@code auto()}, {@code uuid()}, ...) have no PostgreSQL
     * default, and neither has {@code @updatedAt}, which Prisma sets on every write.
     *
     * @param type the column's type, which an array default is cast to
     * @param enumValues the enum's values for an enum field, else empty
     */
    static Default defaultOf(PrismaMapping.Field field, String type, List<String> enumValues) {
        String updated = field.declared().has("updatedAt")
                ? "@updatedAt is set by Prisma on every write, not by PostgreSQL" : null;
        PrismaSchema.Value value = field.declared().attribute("default").flatMap(PrismaSchema.Attribute::first)
                .orElse(null);
        if (value == null) {
            return updated == null ? Default.NONE : new Default(null, updated);
        }
        if (value.kind() == PrismaSchema.Value.Kind.CALL) {
            return call(value, updated);
        }
        if (value.kind() == PrismaSchema.Value.Kind.LIST) {
            return list(value, type, enumValues);
        }
        String literal = literal(value, enumValues);
        return literal != null ? new Default(literal, updated)
                : new Default(null, "@default(" + value.text() + ") is not a value of the field's type");
    }

    private static Default call(PrismaSchema.Value value, String updated) {
        if (value.text().equals("now")) {
            return new Default("CURRENT_TIMESTAMP", updated);
        }
        String why = APPLICATION_MADE.contains(value.text()) ? " makes its values in the application (Prisma)"
                : " has no PostgreSQL equivalent";
        return new Default(null, "@default(" + value.text() + "())" + why + ", so the column has no default");
    }

    private static Default list(PrismaSchema.Value value, String type, List<String> enumValues) {
        if (value.elements().isEmpty()) {
            return new Default("'{}'", null);
        }
        List<String> literals = new ArrayList<>();
        for (PrismaSchema.Value element : value.elements()) {
            String literal = literal(element, enumValues);
            if (literal == null) {
                return new Default(null, "@default([...]) holds " + element.text() + ", not a value of the field's "
                        + "type");
            }
            literals.add(literal);
        }
        return new Default("ARRAY[" + String.join(", ", literals) + "]::" + type, null);
    }

    /** A value as an SQL literal, or null when it is a name that is neither a boolean nor one of the enum's values. */
    private static String literal(PrismaSchema.Value value, List<String> enumValues) {
        switch (value.kind()) {
            case STRING:
                return Identifiers.literal(value.text());
            case NUMBER:
                return value.text();
            case NAME:
                if (value.text().equals("true") || value.text().equals("false")) {
                    return value.text();
                }
                return enumValues.contains(value.text()) ? Identifiers.literal(value.text()) : null;
            default:
                return null;
        }
    }
}
