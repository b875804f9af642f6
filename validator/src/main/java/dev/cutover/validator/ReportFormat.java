package dev.cutover.validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.temporal.Temporal;
import java.util.Base64;
import java.util.List;

/** The report as people read it (one line per table, then what differs) and as JSON. */
public final class ReportFormat {
    private static final int LISTED = 5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Temporal.class, ToStringSerializer.instance));

    private ReportFormat() {
    }

    public static String json(ValidationReport report) {
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }

    public static void print(ValidationReport report, PrintStream out) {
        int width = Math.max(5, report.tables().stream().mapToInt(t -> t.table().length()).max().orElse(5));
        String row = "%-" + width + "s %10s %10s  %-7s %9s %9s %8s %8s %9s %8s%n";
        out.printf(row, "table", "source", "target", "counts", "compared", "equal", "missing", "extra", "different",
                "pending");
        for (TableReport table : report.tables()) {
            TableComparison c = table.comparison();
            out.printf(row, table.table(), table.sourceRows(), table.targetRows(), table.counts(), c.compared(),
                    c.equal(), c.missing(), c.extra(), c.different(), c.pending());
        }
        report.tables().forEach(table -> printDifferences(table, out));
        report.findings().stream().filter(f -> f.failed() || f.pending() > 0).forEach(f -> out.println(describe(f)));
        report.notes().forEach(note -> out.println("note: " + note));
        out.println(verdict(report));
    }

    static String verdict(ValidationReport report) {
        String scope = "full".equals(report.mode()) ? "every row compared"
                : "sampled comparison; `validate --full` compares every row";
        if (!report.matches()) {
            return "DIFFERENCES FOUND (" + scope + ")";
        }
        if (report.accepted() > 0) {
            return "MATCHES, except " + report.accepted() + " accepted " + (report.accepted() == 1 ? "row" : "rows")
                    + " whose failed changes are in the error log (" + scope + ")";
        }
        long pending = report.pending() + report.tables().stream().filter(t -> "pending".equals(t.counts())).count();
        return pending > 0
                ? "MATCHES, with changes still on their way: validate again when `cutover status` shows lag 0 (" + scope + ")"
                : "EVERYTHING MATCHES (" + scope + ")";
    }

    private static void printDifferences(TableReport table, PrintStream out) {
        TableComparison c = table.comparison();
        if ("differ".equals(table.counts())) {
            out.println(table.table() + ": counts differ: source " + table.sourceRows() + ", target " + table.targetRows());
        }
        list(out, table.table() + ": missing in the target", c.missing(), c.missingKeys());
        list(out, table.table() + ": extra in the target", c.extra(), c.extraKeys());
        list(out, table.table() + ": differ, accepted from the error log (finalize --accept-errors)", c.accepted(),
                c.acceptedKeys());
        if (c.different() > 0) {
            out.println(table.table() + ": " + c.different() + " rows differ, e.g.");
            c.differences().stream().limit(LISTED).forEach(d -> out.println("  " + d.key() + " " + d.column()
                    + ": source " + display(d.source()) + ", target " + display(d.target())));
        }
    }

    private static void list(PrintStream out, String what, long count, List<String> keys) {
        if (count > 0) {
            out.println(what + ": " + count + " rows, e.g. " + String.join(" ", keys.stream().limit(LISTED).toList()));
        }
    }

    private static String describe(Finding finding) {
        String subject = finding.table() + ": " + finding.kind() + " " + finding.name();
        if (finding.error()) {
            return subject + ": " + finding.detail();
        }
        String examples = finding.exampleKeys().isEmpty() ? ""
                : ", e.g. " + String.join(" ", finding.exampleKeys().stream().limit(LISTED).toList());
        return subject + ": " + finding.rows() + " rows break it" + examples
                + (finding.pending() > 0 ? " (" + finding.pending() + " more with changes on their way)" : "");
    }

    /** A value for a human: text quoted, bytes as base64, others as their text. */
    static String display(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return "bytes(" + Base64.getEncoder().encodeToString(bytes) + ")";
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return display(bytes);
        }
        if (value instanceof CharSequence text) {
            String shown = text.length() > 200 ? text.subSequence(0, 200) + "…" : text.toString();
            return "\"" + shown + "\"";
        }
        return value.toString();
    }
}
