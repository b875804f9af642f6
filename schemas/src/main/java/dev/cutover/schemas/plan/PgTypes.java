package dev.cutover.schemas.plan;

import java.util.Locale;

/** PostgreSQL type names as plans write them, and the families used to judge whether values convert. */
final class PgTypes {
    enum Family { INTEGER, DECIMAL, TEXT, BOOLEAN, DATE, TIMESTAMP, TIME, BYTEA, JSON, UUID, OTHER }

    private PgTypes() {
    }

    /**
     * The short spelling of a {@code format_type} result: {@code character varying(191)} becomes {@code varchar(191)},
     * {@code timestamp(3) without time zone} becomes {@code timestamp(3)}, {@code ... with time zone} becomes
     * {@code timestamptz}. Other names are returned unchanged.
     */
    static String normalize(String formatType) {
        String type = formatType.trim();
        type = type.replaceFirst("^character varying", "varchar").replaceFirst("^character(?=\\(|$)", "char");
        type = type.replaceFirst("^(timestamp|time)(\\(\\d+\\))? without time zone$", "$1$2");
        type = type.replaceFirst("^timestamp(\\(\\d+\\))? with time zone$", "timestamptz$1");
        type = type.replaceFirst("^time(\\(\\d+\\))? with time zone$", "timetz$1");
        return type;
    }

    static Family family(String type) {
        String name = type.toLowerCase(Locale.ROOT).replaceAll("\\(.*$", "").trim();
        switch (name) {
            case "smallint": case "integer": case "bigint": case "int": case "int2": case "int4": case "int8":
                return Family.INTEGER;
            case "numeric": case "decimal": case "double precision": case "real": case "float4": case "float8":
                return Family.DECIMAL;
            case "text": case "varchar": case "char": case "citext": case "bpchar":
                return Family.TEXT;
            case "boolean": case "bool":
                return Family.BOOLEAN;
            case "date":
                return Family.DATE;
            case "timestamp": case "timestamptz":
                return Family.TIMESTAMP;
            case "time": case "timetz":
                return Family.TIME;
            case "bytea":
                return Family.BYTEA;
            case "json": case "jsonb":
                return Family.JSON;
            case "uuid":
                return Family.UUID;
            default:
                return Family.OTHER;
        }
    }

    static boolean isDateTime(String type) {
        Family family = family(type);
        return family == Family.DATE || family == Family.TIMESTAMP || family == Family.TIME;
    }

    /** True when every value of the {@code from} family has a faithful representation in the {@code to} family. */
    static boolean converts(Family from, Family to) {
        return from == to || to == Family.TEXT || (from == Family.INTEGER && to == Family.DECIMAL)
                || (from == Family.DATE && to == Family.TIMESTAMP);
    }
}
