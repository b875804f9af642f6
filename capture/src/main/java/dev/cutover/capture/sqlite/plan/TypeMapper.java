package dev.cutover.capture.sqlite.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Declared SQLite type → PostgreSQL type. First SQLite's affinity rules (sqlite.org/datatype3.html §3.1, in their
 * order: INT → integer; CHAR, CLOB, TEXT → text; BLOB or nothing → blob; REAL, FLOA, DOUB → real; else numeric), then
 * the type name within that affinity. The affinity decides what SQLite stored, so it wins over a misleading name:
 * {@code BLOB SUB_TYPE TEXT} holds text, {@code POINT} has integer affinity. REAL is always {@code double precision}
 * (an 8-byte float), never {@code real}. Values may still widen the result (see {@link SqliteColumnTyper}).
 */
final class TypeMapper {
    private static final Pattern NAME_AND_PARAMS = Pattern.compile("([^(]*)(?:\\(([^)]*)\\))?.*");
    private static final Set<String> SMALL = Set.of("TINYINT", "SMALLINT", "INT2");
    private static final Set<String> MEDIUM = Set.of("MEDIUMINT", "INT4");
    private static final Set<String> SIZED_CHARACTERS = Set.of("VARCHAR", "NVARCHAR", "CHARACTER", "CHAR", "NCHAR",
            "VARYING CHARACTER", "NATIVE CHARACTER", "CHARACTER VARYING", "CHAR VARYING", "NATIONAL CHARACTER",
            "NATIONAL CHAR", "NATIONAL VARCHAR", "VARCHAR2", "NVARCHAR2");
    private static final int MAX_VARCHAR = 10_485_760;
    private static final int MAX_NUMERIC_PRECISION = 1000;

    private TypeMapper() {
    }

    static MappedType map(String declared) {
        String type = declared == null ? "" : declared.trim().toUpperCase(Locale.ROOT);
        if (type.isEmpty() || type.equals("ANY")) {
            return MappedType.of(MappedType.Kind.OBSERVED);
        }
        Matcher matcher = NAME_AND_PARAMS.matcher(type);
        matcher.matches();
        String name = matcher.group(1).trim().replaceAll("\\s+", " ");
        List<Integer> params = params(matcher.group(2));
        if (type.contains("INT")) {
            return integer(name);
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return text(name, params);
        }
        if (type.contains("BLOB")) {
            return MappedType.of(MappedType.Kind.BYTEA);
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
            return MappedType.of(MappedType.Kind.DOUBLE);
        }
        return numericAffinity(name, params);
    }

    private static MappedType integer(String name) {
        if (SMALL.contains(name)) {
            return MappedType.of(MappedType.Kind.SMALLINT);
        }
        return MappedType.of(MEDIUM.contains(name) ? MappedType.Kind.INTEGER : MappedType.Kind.BIGINT);
    }

    /** Sized character types become varchar(n), never char(n), which would pad the values with spaces. */
    private static MappedType text(String name, List<Integer> params) {
        if (SIZED_CHARACTERS.contains(name) && params.size() == 1 && params.get(0) >= 1 && params.get(0) <= MAX_VARCHAR) {
            return MappedType.varchar(params.get(0));
        }
        return MappedType.of(MappedType.Kind.TEXT);
    }

    private static MappedType numericAffinity(String name, List<Integer> params) {
        switch (name) {
            case "NUMERIC": case "DECIMAL":
                return decimal(params);
            case "BOOLEAN": case "BOOL":
                return MappedType.of(MappedType.Kind.BOOLEAN);
            case "DATE":
                return MappedType.of(MappedType.Kind.DATE);
            case "DATETIME": case "TIMESTAMP": case "TIMESTAMPTZ": case "TIMESTAMP WITH TIME ZONE":
            case "TIMESTAMP WITHOUT TIME ZONE":
                return MappedType.of(MappedType.Kind.TIMESTAMP);
            case "TIME":
                return MappedType.of(MappedType.Kind.TIME);
            case "JSON": case "JSONB":
                return MappedType.of(MappedType.Kind.JSONB);
            case "UUID": case "GUID":
                return MappedType.of(MappedType.Kind.UUID);
            default:
                return MappedType.of(MappedType.Kind.NUMERIC);
        }
    }

    private static MappedType decimal(List<Integer> params) {
        int precision = params.isEmpty() ? 0 : params.get(0);
        int scale = params.size() > 1 ? params.get(1) : 0;
        if (params.isEmpty() || params.size() > 2 || precision < 1 || precision > MAX_NUMERIC_PRECISION || scale < 0
                || scale > precision) {
            return MappedType.of(MappedType.Kind.NUMERIC);
        }
        return MappedType.numeric(precision, scale);
    }

    private static List<Integer> params(String text) {
        List<Integer> params = new ArrayList<>();
        if (text == null) {
            return params;
        }
        for (String part : text.split(",")) {
            try {
                params.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return params;
    }
}
