package dev.cutover.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-of-run report: what moved, per table, and everything the operator must look at.
 *
 * @param source     source identity
 * @param target     target, password masked
 * @param tables     one row per table
 * @param errorLog   the error log file
 * @param violations constraints the data violates
 * @param seconds    wall time of the run
 * @param phases     where that time went, in order
 * @param backup     the source's backup taken before capture, or null
 */
record Summary(String source, String target, List<Row> tables, Path errorLog, List<String> violations, double seconds,
               List<Phases.Phase> phases, Backup backup) {

    /**
     * One table: rows in the source now (null for a table of array elements, a junction or child table, whose rows
     * the documents' arrays give and {@code validate} counts), rows in the target, rows in the error log, and per
     * column the REAL values stored rounded to the column's scale because their extra digits were float noise.
     */
    record Row(String source, String target, Long sourceRows, long targetRows, long errors,
               Map<String, Long> roundedFloatNoise) {
    }

    long errors() {
        return tables.stream().mapToLong(Row::errors).sum();
    }

    int exitCode() {
        return errors() > 0 || !violations.isEmpty() ? 1 : 0;
    }

    void print(PrintStream out) {
        long sourceRows = tables.stream().filter(r -> r.sourceRows() != null).mapToLong(Row::sourceRows).sum();
        long targetRows = tables.stream().mapToLong(Row::targetRows).sum();
        out.printf("%nMigrated %s%n      to %s in %.1f s (%,d rows/s)%n", source, target, seconds,
                Math.round(targetRows / Math.max(seconds, 0.001)));
        if (!phases.isEmpty()) {
            out.println("      time: " + Phases.format(phases));
        }
        out.println();
        int width = Math.max(5, tables.stream().mapToInt(r -> r.target().length()).max().orElse(5));
        String format = "  %-" + width + "s  %12s  %12s  %8s%n";
        out.printf(format, "table", "source rows", "target rows", "errors");
        for (Row row : tables) {
            String source = row.sourceRows() == null ? "(array)" : String.format("%,d", row.sourceRows());
            out.printf(format, row.target(), source, String.format("%,d", row.targetRows()),
                    String.format("%,d", row.errors()));
        }
        out.printf(format, "total", String.format("%,d", sourceRows), String.format("%,d", targetRows),
                String.format("%,d", errors()));
        out.println();
        if (errors() > 0) {
            out.printf("%,d %s could not be written; each is in %s with its table, key and reason.%n", errors(),
                    errors() == 1 ? "row" : "rows", errorLog);
        }
        Map<String, Map<String, Long>> rounded = new LinkedHashMap<>();
        tables.forEach(row -> rounded.put(row.target(), row.roundedFloatNoise()));
        if (!roundedColumns(rounded).isEmpty()) {
            out.println("Rounded float noise: " + roundedFloatNoise(rounded) + ".");
        }
        for (String violation : violations) {
            out.println("constraint violated: " + violation);
        }
        if (tables.stream().anyMatch(r -> r.sourceRows() == null)) {
            out.println("(array): rows of a junction or child table come from the documents' arrays; `cutover validate`"
                    + " counts and compares them.");
        }
        if (backup != null) {
            out.println("Backup of the source before capture: " + backup.describe() + ".");
        }
        if (exitCode() == 0) {
            out.println("Done: every source row is in the target.");
        }
    }

    /**
     * The values rounded from float noise, in one line: how many, what that means, and per column (e.g.
     * {@code 3 REAL values with float noise stored rounded to the column's scale (...): account.balance 3}).
     *
     * @param byTable target table → column → count; tables and columns without any are left out
     */
    static String roundedFloatNoise(Map<String, Map<String, Long>> byTable) {
        long values = byTable.values().stream().flatMap(c -> c.values().stream()).mapToLong(Long::longValue).sum();
        return String.format("%,d REAL %s with float noise stored rounded to the column's scale (e.g. "
                + "1.8399999999999999 as 1.84): %s", values, values == 1 ? "value" : "values",
                String.join(", ", roundedColumns(byTable)));
    }

    /** "table.column count" for each column with rounded values, in the order given. */
    static List<String> roundedColumns(Map<String, Map<String, Long>> byTable) {
        List<String> columns = new ArrayList<>();
        byTable.forEach((table, counts) -> counts.forEach((column, count) -> {
            if (count > 0) {
                columns.add(table + "." + column + " " + String.format("%,d", count));
            }
        }));
        return columns;
    }
}
