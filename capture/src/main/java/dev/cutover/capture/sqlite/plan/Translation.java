package dev.cutover.capture.sqlite.plan;

/**
 * The outcome of translating one SQLite expression.
 *
 * @param sql     the PostgreSQL expression; null when untranslatable, or for a default that is NULL
 * @param failure why it could not be translated, or null
 * @param note    something the translation changed on purpose (e.g. local time becomes UTC), or null
 */
record Translation(String sql, String failure, String note) {

    static Translation of(String sql, String note) {
        return new Translation(sql, null, note);
    }

    static Translation failed(String failure) {
        return new Translation(null, failure, null);
    }

    boolean translated() {
        return failure == null;
    }
}
