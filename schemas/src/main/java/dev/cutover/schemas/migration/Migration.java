package dev.cutover.schemas.migration;

/** PLACEHOLDER replaced by the planner branch. */
public record Migration(int version, String description, String sql) {
    public String fileName() {
        return "V" + version + "__" + description + ".sql";
    }
}
