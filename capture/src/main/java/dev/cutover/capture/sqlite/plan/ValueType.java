package dev.cutover.capture.sqlite.plan;

import java.util.Locale;

/** The PostgreSQL type family of a translated expression, as far as translation rules need it. */
enum ValueType {
    INTEGER, DECIMAL, TEXT, BOOLEAN, DATE, TIMESTAMP, TIME, BYTEA, JSON, UUID, NULL, UNKNOWN;

    static ValueType ofPg(String pgType) {
        String name = pgType.toLowerCase(Locale.ROOT).replaceAll("\\(.*$", "").trim();
        switch (name) {
            case "smallint": case "integer": case "bigint":
                return INTEGER;
            case "double precision": case "numeric": case "real":
                return DECIMAL;
            case "text": case "varchar":
                return TEXT;
            case "boolean":
                return BOOLEAN;
            case "date":
                return DATE;
            case "timestamp":
                return TIMESTAMP;
            case "time":
                return TIME;
            case "bytea":
                return BYTEA;
            case "jsonb": case "json":
                return JSON;
            case "uuid":
                return UUID;
            default:
                return UNKNOWN;
        }
    }

    boolean isNumeric() {
        return this == INTEGER || this == DECIMAL;
    }

    boolean isTemporal() {
        return this == DATE || this == TIMESTAMP || this == TIME;
    }
}
