package dev.cutover.capture.sqlite.plan;

/**
 * Type-specific counts the profile query adds for a column, so the planner can tell whether its values fit the mapped
 * type. Each is a condition on the column ({@code {c}}) counted with {@code count(*) FILTER (WHERE ...)}: SQLite
 * evaluates a FILTER condition lazily (cheap storage-class test first), whereas an AND inside {@code sum(...)} is
 * evaluated in full for every row.
 */
enum Metric {
    /** TEXT that cannot be a number (SQLite's numeric affinity converts well-formed numbers, so the rest is text). */
    NOT_NUMBER("{text} AND (trim({c}) = '' OR trim({c}) GLOB '*[^0-9.eE+-]*' OR trim({c}) NOT GLOB '*[0-9]*')"),
    /**
     * Numbers that do not fit NUMERIC(p,s): too many integer digits, or more fraction digits than s that are not float
     * noise ({@link FloatNoiseFunction}, asked only about the numbers {@code round} changes).
     */
    NUMERIC_OVERFLOW("{number} AND ({c} >= {limit} OR {c} <= -{limit}"
            + " OR (round({c}, {scale}) <> {c} AND NOT " + FloatNoiseFunction.NAME + "({c}, {precision}, {scale})))"),
    /** Numbers other than 0 and 1 that are not integers (REALs; NUMERIC affinity stores 2.0 as the integer 2). */
    BOOL_REAL_OTHER("{number} AND {c} <> CAST({c} AS INTEGER)"),
    /** TEXT that is not one of PostgreSQL's boolean words. */
    BOOL_TEXT_INVALID("{text} AND lower(trim({c})) NOT IN ('1','0','true','false','t','f','yes','no','y','n','on','off')"),
    /** TEXT that is not an ISO-8601 date or date-time SQLite can read, or names a day that does not exist. */
    DATE_TEXT_INVALID("{text} AND NOT ({c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
            + " AND julianday({c}) IS NOT NULL"
            + " AND (substr({c}, 9, 2) <= '28' OR date(substr({c}, 1, 10)) = substr({c}, 1, 10)))"),
    /** Date TEXT with a time of day other than midnight (in UTC). */
    DATE_TEXT_WITH_TIME("{text} AND length({c}) > 10 AND strftime('%H:%M:%f', {c}) <> '00:00:00.000'"),
    /** INTEGER epoch seconds that are not at midnight. */
    INT_SECONDS_WITH_TIME("{number} AND typeof({c}) = 'integer' AND {c} % 86400 <> 0"),
    /** INTEGER epoch milliseconds that are not at midnight. */
    INT_MILLIS_WITH_TIME("{number} AND typeof({c}) = 'integer' AND {c} % 86400000 <> 0"),
    /** REAL Julian days that are not at midnight. */
    REAL_JULIAN_WITH_TIME("{number} AND typeof({c}) = 'real' AND strftime('%H:%M:%f', {c}) <> '00:00:00.000'"),
    /** REAL epoch seconds that are not at midnight. */
    REAL_SECONDS_WITH_TIME("{number} AND typeof({c}) = 'real'"
            + " AND strftime('%H:%M:%f', {c}, 'unixepoch') <> '00:00:00.000'"),
    /** TEXT that is not a time of day SQLite can read. */
    TIME_TEXT_INVALID("{text} AND NOT ({c} GLOB '[0-9][0-9]:[0-9][0-9]*' AND time({c}) IS NOT NULL)"),
    /** TEXT that is not JSON, or holds a NUL escape, which PostgreSQL's jsonb refuses. */
    JSON_INVALID("{text} AND (NOT json_valid({c}) OR instr({c}, '\\u0000') > 0)"),
    /** TEXT that is not a UUID in its 36-character form. */
    UUID_INVALID("{text} AND NOT (length({c}) = 36 AND {c} GLOB '" + uuidGlob() + "')");

    /**
     * Storage-class tests without {@code typeof()}, which costs a function call per row: SQLite orders values of
     * different classes NULL < INTEGER/REAL < TEXT < BLOB whatever the column's affinity (an affinity never turns the
     * literal {@code ''} into a number, nor changes a blob), so a comparison with {@code ''} and {@code x''} is enough.
     */
    static final String NUMBER = "{c} < ''";
    static final String TEXT = "({c} >= '' AND {c} < x'')";
    static final String BLOB = "{c} >= x''";

    private final String template;

    Metric(String template) {
        this.template = template;
    }

    /** True for a count of TEXT values only (numbers and blobs never count). */
    boolean onText() {
        return template.startsWith("{text}");
    }

    String sql(String quotedColumn, MappedType type) {
        String sql = "count(*) FILTER (WHERE " + template.replace("{number}", NUMBER).replace("{text}", TEXT)
                .replace("{c}", quotedColumn) + ")";
        if (this == NUMERIC_OVERFLOW) {
            sql = sql.replace("{limit}", "1e" + (type.precision() - type.scale()))
                    .replace("{precision}", String.valueOf(type.precision()))
                    .replace("{scale}", String.valueOf(type.scale()));
        }
        return sql;
    }

    private static String uuidGlob() {
        StringBuilder glob = new StringBuilder();
        for (int group : new int[] {8, 4, 4, 4, 12}) {
            if (glob.length() > 0) {
                glob.append('-');
            }
            glob.append("[0-9a-fA-F]".repeat(group));
        }
        return glob.toString();
    }
}
