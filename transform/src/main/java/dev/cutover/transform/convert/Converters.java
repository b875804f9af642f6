package dev.cutover.transform.convert;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.NumericDates;

/**
 * Chooses the converter for a column by the base name of its target type. See the package documentation for the
 * rules of each type family.
 */
public final class Converters {

    private Converters() {
    }

    /**
     * What a target type takes from a source whose values carry their own types (a document source adapts each value
     * to it before conversion): JSON text, text, a uuid, bytes, or anything else. For an array type, what its elements
     * take.
     */
    public enum InputKind {
        JSON, TEXT, UUID, BYTEA, OTHER
    }

    /**
     * The {@link InputKind} of a target type (of its elements, for an array type).
     *
     * @throws CutoverException (bad configuration) when the target type cannot be read
     */
    public static InputKind inputKind(String targetType) {
        TargetType type = parse(targetType);
        if (type.quoted()) {
            return InputKind.OTHER;
        }
        return switch (type.base()) {
            case "json", "jsonb" -> InputKind.JSON;
            case "text", "citext", "character varying", "varchar", "character", "char", "bpchar", "name" ->
                    InputKind.TEXT;
            case "uuid" -> InputKind.UUID;
            case "bytea" -> InputKind.BYTEA;
            default -> InputKind.OTHER;
        };
    }

    /**
     * True for an array type.
     *
     * @throws CutoverException (bad configuration) when the target type cannot be read
     */
    public static boolean isArray(String targetType) {
        return parse(targetType).isArray();
    }

    private static TargetType parse(String targetType) {
        try {
            return TargetType.parse(targetType);
        } catch (IllegalArgumentException e) {
            throw CutoverException.config("targetType '" + targetType + "' is not a PostgreSQL type this tool can"
                    + " read (" + e.getMessage() + "); fix it in plan.json");
        }
    }

    /**
     * The converter for one column; build it once per column and share it between threads.
     *
     * @throws CutoverException (bad configuration) when the target type cannot be read, or has impossible modifiers
     */
    public static ColumnConverter forColumn(ColumnPlan column) {
        return forType(column.target(), column.targetType(), column.numericDates());
    }

    /** {@link #forColumn} from the parts that matter: column name (for messages), target type and numeric dates. */
    static ColumnConverter forType(String column, String targetType, NumericDates numericDates) {
        TargetType type;
        try {
            type = TargetType.parse(targetType);
            return create(type, new Target(column, targetType), numericDates);
        } catch (IllegalArgumentException e) {
            throw CutoverException.config("column \"" + column + "\": targetType '" + targetType + "' is not a"
                    + " PostgreSQL type this tool can read (" + e.getMessage() + "); fix it in plan.json");
        }
    }

    private static ColumnConverter create(TargetType type, Target target, NumericDates dates) {
        if (type.isArray()) {
            TargetType element = type.element();
            Target elementTarget = target.withType(element.text());
            return new ArrayConverter(target, create(element, elementTarget, dates), element.text());
        }
        if (type.quoted()) {
            return type.base().equals("\"char\"") || type.base().equals("pg_catalog.\"char\"")
                    ? new TextConverter(target, TextConverter.UNLIMITED, 1, false)
                    : new PassThroughConverter(target);
        }
        return switch (type.base()) {
            case "smallint", "int2", "smallserial", "serial2" -> IntegerConverter.smallint(target);
            case "integer", "int", "int4", "serial", "serial4" -> IntegerConverter.integer(target);
            case "bigint", "int8", "bigserial", "serial8" -> IntegerConverter.bigint(target);
            case "double precision", "float8" -> FloatConverter.doublePrecision(target);
            case "real", "float4" -> FloatConverter.real(target);
            case "float" -> floatOf(type, target);
            case "numeric", "decimal" -> numeric(type, target);
            case "boolean", "bool" -> new BooleanConverter(target);
            case "text", "citext" -> TextConverter.unlimited(target);
            case "character varying", "varchar" -> new TextConverter(target, length(type, -1), -1, false);
            case "character", "char" -> new TextConverter(target, length(type, 1), -1, true);
            case "bpchar" -> new TextConverter(target, length(type, -1), -1, true);
            case "name" -> new TextConverter(target, TextConverter.UNLIMITED, 63, false);
            case "bytea" -> new ByteaConverter(target);
            case "uuid" -> new UuidConverter(target);
            case "json" -> new JsonConverter(target, false);
            case "jsonb" -> new JsonConverter(target, true);
            case "date" -> new DateConverter(target, dates);
            case "timestamp", "timestamp without time zone" ->
                    new TimestampConverter(target, false, precision(type), dates);
            case "timestamptz", "timestamp with time zone" ->
                    new TimestampConverter(target, true, precision(type), dates);
            case "time", "time without time zone" -> new TimeConverter(target, precision(type));
            case "bit" -> new BitConverter(target, length(type, 1), false);
            case "bit varying", "varbit" -> new BitConverter(target, length(type, -1), true);
            default -> new PassThroughConverter(target);
        };
    }

    private static ColumnConverter floatOf(TargetType type, Target target) {
        int bits = type.modifier(0, 53);
        requireModifiers(type, 1);
        if (bits < 1 || bits > 53) {
            throw new IllegalArgumentException("float precision must be 1 to 53 bits, not " + bits);
        }
        return bits <= 24 ? FloatConverter.real(target) : FloatConverter.doublePrecision(target);
    }

    private static ColumnConverter numeric(TargetType type, Target target) {
        requireModifiers(type, 2);
        if (type.modifiers().isEmpty()) {
            return new NumericConverter(target, false, 0, 0);
        }
        int precision = type.modifier(0, 0);
        int scale = type.modifier(1, 0);
        if (precision < 1 || precision > 1000) {
            throw new IllegalArgumentException("numeric precision must be 1 to 1000, not " + precision);
        }
        if (scale < -1000 || scale > 1000) {
            throw new IllegalArgumentException("numeric scale must be -1000 to 1000, not " + scale);
        }
        return new NumericConverter(target, true, precision, scale);
    }

    private static int length(TargetType type, int absent) {
        requireModifiers(type, 1);
        if (type.modifiers().isEmpty()) {
            return absent;
        }
        int length = type.modifier(0, absent);
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1, not " + length);
        }
        return length;
    }

    private static int precision(TargetType type) {
        requireModifiers(type, 1);
        int precision = type.modifier(0, 6);
        if (precision < 0 || precision > 6) {
            throw new IllegalArgumentException("fractional-second precision must be 0 to 6, not " + precision);
        }
        return precision;
    }

    private static void requireModifiers(TargetType type, int max) {
        if (type.modifiers().size() > max) {
            throw new IllegalArgumentException(type.base() + " takes at most " + max + " modifier"
                    + (max > 1 ? "s" : ""));
        }
    }
}
