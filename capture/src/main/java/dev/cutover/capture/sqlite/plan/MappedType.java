package dev.cutover.capture.sqlite.plan;

/**
 * The PostgreSQL type a declared SQLite type maps to before the values are looked at.
 *
 * @param kind      the type
 * @param length    VARCHAR: the length
 * @param precision NUMERIC(p,s): p
 * @param scale     NUMERIC(p,s): s
 */
record MappedType(Kind kind, Integer length, Integer precision, Integer scale) {

    enum Kind {
        SMALLINT("smallint"), INTEGER("integer"), BIGINT("bigint"), DOUBLE("double precision"), NUMERIC("numeric"),
        BOOLEAN("boolean"), BYTEA("bytea"), DATE("date"), TIMESTAMP("timestamp"), TIME("time"), JSONB("jsonb"),
        UUID("uuid"), VARCHAR("varchar"), TEXT("text"),
        /** No declared type (or ANY): chosen from the values. */
        OBSERVED("");

        final String pgName;

        Kind(String pgName) {
            this.pgName = pgName;
        }
    }

    static MappedType of(Kind kind) {
        return new MappedType(kind, null, null, null);
    }

    static MappedType varchar(int length) {
        return new MappedType(Kind.VARCHAR, length, null, null);
    }

    static MappedType numeric(int precision, int scale) {
        return new MappedType(Kind.NUMERIC, null, precision, scale);
    }

    String pgType() {
        if (kind == Kind.VARCHAR) {
            return "varchar(" + length + ")";
        }
        if (kind == Kind.NUMERIC && precision != null) {
            return "numeric(" + precision + "," + scale + ")";
        }
        return kind.pgName;
    }

    boolean isInteger() {
        return kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
    }

    boolean isTemporal() {
        return kind == Kind.DATE || kind == Kind.TIMESTAMP || kind == Kind.TIME;
    }
}
