package dev.cutover.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.sink.ConstraintValidator;
import dev.cutover.sink.errorlog.ErrorLogEntry;
import dev.cutover.validator.ReportFormat;
import dev.cutover.validator.ValidationReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code finalize} decided and why. READY needs all three: no constraint the data violates, a validation that
 * found no difference (accepted rows aside), and no entry of this migration in the error log that was not accepted.
 * Printed for the operator, each reason with what to do, and written as JSON ({@link #json()}), which records every
 * accepted entry of the error log.
 */
final class FinalizeOutcome {
    private static final int GROUPS = 10;
    private static final int KEYS = 5;
    private static final int REASON_CHARS = 300;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<ConstraintValidator.Violation> violations;
    private final ValidationReport validation;
    private final List<ErrorLogEntry> blocking;
    private final List<ErrorLogEntry> accepted;
    private final Path errorLog;

    /** @param entries this migration's entries in the error log */
    FinalizeOutcome(List<ConstraintValidator.Violation> violations, ValidationReport validation,
                    List<ErrorLogEntry> entries, Path errorLog) {
        this.violations = List.copyOf(violations);
        this.validation = validation;
        this.blocking = entries.stream().filter(e -> !e.isAccepted()).toList();
        this.accepted = entries.stream().filter(ErrorLogEntry::isAccepted).toList();
        this.errorLog = errorLog;
    }

    boolean ready() {
        return reasons().isEmpty();
    }

    /** No constraint was found violated by the data. */
    boolean constraintsHold() {
        return violations.isEmpty();
    }

    /** The validation found no difference (accepted rows aside). */
    boolean validationMatches() {
        return validation.matches();
    }

    List<ErrorLogEntry> accepted() {
        return accepted;
    }

    /** Why not READY, one line each; empty when READY. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (!violations.isEmpty()) {
            reasons.add(violations.size() + " constraint(s) are violated by the data (listed above). Fix the rows in the "
                    + "source (the fix streams through) or in PostgreSQL, then run `cutover finalize` again.");
        }
        if (!validation.matches()) {
            reasons.add("the validation found differences (listed above); `cutover validate --full` compares every "
                    + "row. Fix the cause, then run `cutover finalize` again.");
        }
        if (!blocking.isEmpty()) {
            reasons.add(count(blocking.size(), "change") + " in the error log did not reach PostgreSQL (listed below).");
        }
        return reasons;
    }

    /** NOT READY and each reason, then the error log's blocking entries by table and reason with what to do. */
    void printNotReady(PrintStream out) {
        reasons().forEach(reason -> out.println("NOT READY: " + reason));
        if (blocking.isEmpty()) {
            return;
        }
        out.println("error log " + errorLog + ":");
        List<Group> groups = groups();
        groups.stream().limit(GROUPS).forEach(group -> group.print(out));
        if (groups.size() > GROUPS) {
            out.println("  ... and " + (groups.size() - GROUPS) + " more kinds of failure (all in the error log)");
        }
        out.println("What to do: fix the cause (for a value that does not fit its column, widen the column's targetType"
                + " in plan.json), stop the run (`cutover stop`) and start it again with `cutover run --replay-errors`:"
                + " it sends exactly these changes through the pipeline again and takes what lands out of the error log."
                + " Or, to switch with these rows as PostgreSQL has them now, accept them with"
                + " `cutover finalize --accept-errors` (the report records which).");
    }

    /** The failures by table, stage, column and reason, most frequent first. */
    private List<Group> groups() {
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        for (ErrorLogEntry entry : blocking) {
            List<String> kind = java.util.Arrays.asList(entry.table(), entry.stage(), entry.column(), entry.reason());
            groups.computeIfAbsent(kind, k -> new Group(entry)).add(entry);
        }
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparingLong(Group::count).reversed());
        return sorted;
    }

    /** Entries that failed in the same table, stage and column for the same reason. */
    private static final class Group {
        private final ErrorLogEntry first;
        private final List<String> keys = new ArrayList<>();
        private long count;

        Group(ErrorLogEntry first) {
            this.first = first;
        }

        void add(ErrorLogEntry entry) {
            count++;
            if (keys.size() < KEYS) {
                keys.add(entry.keyText());
            }
        }

        long count() {
            return count;
        }

        void print(PrintStream out) {
            String reason = first.reason().length() > REASON_CHARS
                    ? first.reason().substring(0, REASON_CHARS) + "…" : first.reason();
            out.printf("  %s: %,d × %s%s: %s%n", first.table(), count, first.stage(),
                    first.column() == null ? "" : ", column " + first.column(), reason);
            out.println("    keys: " + String.join(" ", keys) + (count > keys.size() ? " ..." : ""));
        }
    }

    /** The report: the verdict and its reasons, the error log's entries (accepted ones in full), the validation. */
    String json() {
        ObjectNode report = JSON.createObjectNode();
        report.put("verdict", ready() ? "READY" : "NOT READY");
        report.put("time", Instant.now().toString());
        ArrayNode reasons = report.putArray("reasons");
        reasons().forEach(reasons::add);
        ObjectNode log = report.putObject("errorLog");
        log.put("file", errorLog.toString());
        log.put("blocking", blocking.size());
        ArrayNode blockingEntries = log.putArray("blockingEntries");
        blocking.forEach(e -> blockingEntries.add(e.json()));
        log.put("accepted", accepted.size());
        ArrayNode acceptedEntries = log.putArray("acceptedEntries");
        accepted.forEach(e -> acceptedEntries.add(e.json()));
        ArrayNode constraints = report.putArray("constraintViolations");
        violations.forEach(v -> constraints.add(v.toString()));
        try {
            report.set("validation", JSON.readTree(ReportFormat.json(validation)));
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the finalize report cannot be written as JSON", e);
        }
    }

    /** "1 change", "2 changes"; "1 entry", "2 entries". */
    static String count(long n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return String.format("%,d %s", n, n == 1 ? noun : plural);
    }
}
