package dev.cutover.validator;

import java.util.List;

/**
 * What {@code cutover validate} found. Names the target without credentials.
 *
 * @param source     source identity
 * @param target     target, credentials masked
 * @param mode       {@code sample} or {@code full}
 * @param startedAt  ISO-8601 instant
 * @param durationMs how long it took
 * @param tables     one report per planned table
 * @param findings   foreign keys, NOT NULL, checks and declared rules; passing ones included, with 0 rows
 * @param notes      what the operator should know about how this was judged (e.g. topics not read)
 */
public record ValidationReport(String source, String target, String mode, String startedAt, long durationMs,
                               List<TableReport> tables, List<Finding> findings, List<String> notes) {

    public ValidationReport {
        tables = List.copyOf(tables);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** True when nothing differs; changes still on their way and accepted failures do not count as differences. */
    public boolean matches() {
        return tables.stream().allMatch(TableReport::matches) && findings.stream().noneMatch(Finding::failed);
    }

    /** Rows that differ on keys whose logged failures were accepted. */
    public long accepted() {
        return tables.stream().mapToLong(t -> t.comparison().accepted()).sum();
    }

    public long pending() {
        return tables.stream().mapToLong(t -> t.comparison().pending()).sum()
                + findings.stream().mapToLong(Finding::pending).sum();
    }
}
