package dev.cutover.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

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
 */
record Summary(String source, String target, List<Row> tables, Path errorLog, List<String> violations, double seconds,
               List<Phases.Phase> phases) {

    /** One table: rows in the source now, rows in the target, rows in the error log. */
    record Row(String source, String target, long sourceRows, long targetRows, long errors) {
    }

    long errors() {
        return tables.stream().mapToLong(Row::errors).sum();
    }

    int exitCode() {
        return errors() > 0 || !violations.isEmpty() ? 1 : 0;
    }

    void print(PrintStream out) {
        long sourceRows = tables.stream().mapToLong(Row::sourceRows).sum();
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
            out.printf(format, row.target(), String.format("%,d", row.sourceRows()), String.format("%,d", row.targetRows()),
                    String.format("%,d", row.errors()));
        }
        out.printf(format, "total", String.format("%,d", sourceRows), String.format("%,d", targetRows),
                String.format("%,d", errors()));
        out.println();
        if (errors() > 0) {
            out.printf("%,d %s could not be written; each is in %s with its table, key and reason.%n", errors(),
                    errors() == 1 ? "row" : "rows", errorLog);
        }
        for (String violation : violations) {
            out.println("constraint violated: " + violation);
        }
        if (exitCode() == 0) {
            out.println("Done: every source row is in the target.");
        }
    }
}
