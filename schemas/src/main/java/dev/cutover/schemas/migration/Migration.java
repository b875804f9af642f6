package dev.cutover.schemas.migration;

/**
 * One versioned Flyway migration written from a plan.
 *
 * @param version     Flyway version (1, 2, ...)
 * @param description words of the file name, separated by underscores ({@code create_tables})
 * @param sql         the script, ending in a newline
 */
public record Migration(int version, String description, String sql) {

    /** Flyway's file name, e.g. {@code V1__create_tables.sql}. */
    public String fileName() {
        return "V" + version + "__" + description + ".sql";
    }
}
