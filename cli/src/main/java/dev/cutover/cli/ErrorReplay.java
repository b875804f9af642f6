package dev.cutover.cli;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ChangeCapture;
import dev.cutover.schemas.source.Source;
import dev.cutover.sink.errorlog.ErrorLog;
import dev.cutover.sink.errorlog.ErrorLogEntry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code run --replay-errors}: sends the changes in the error log through the pipeline again, once their cause is
 * fixed (e.g. a column's type widened in plan.json). The source's capture is asked to send each logged key again
 * ({@link ChangeCapture#resend}: SQLite logs it in its change log), so capture reads its current row (or finds it
 * deleted) and sends it through Kafka like any change, in order with the application's own writes to that row. Once the pipeline has applied everything up to those entries, the
 * replayed lines leave errors.jsonl for errors.replayed.jsonl; a key that failed again is back in errors.jsonl with
 * its new reason. An entry whose table is not in the plan, or whose key cannot be read back, stays as it is.
 */
final class ErrorReplay {
    private static final int LISTED = 5;

    private final Set<String> signatures;
    private final Set<String> keys;
    private final long upTo;

    private ErrorReplay(Set<String> signatures, Set<String> keys, long upTo) {
        this.signatures = signatures;
        this.keys = keys;
        this.upTo = upTo;
    }

    /** Logs every replayable key of the error log as changed in the source; capture must be installed. */
    static ErrorReplay enqueue(Plan plan, Source source, ErrorLog log, PrintStream out) {
        List<ErrorLogEntry> skipped = new ArrayList<>();
        List<ErrorLogEntry> replayed = new ArrayList<>();
        long upTo = 0;
        for (Map.Entry<TablePlan, Map<String, List<ErrorLogEntry>>> table : byTable(plan, log, skipped).entrySet()) {
            Map<String, List<ErrorLogEntry>> keys = table.getValue();
            // A dead letter the replay causes may carry an old one's id (capture names an oversized row by its key).
            log.forget(keys.values().stream().flatMap(List::stream).map(ErrorLogEntry::id).collect(Collectors.toSet()));
            ChangeCapture.Resent enqueued = source.capture().resend(table.getKey(), List.copyOf(keys.keySet()));
            upTo = Math.max(upTo, enqueued.position());
            enqueued.unreadable().forEach(key -> skipped.addAll(keys.remove(key)));
            keys.values().forEach(replayed::addAll);
        }
        report(out, replayed, skipped);
        return new ErrorReplay(replayed.stream().map(ErrorLogEntry::signature).collect(Collectors.toSet()),
                replayed.stream().map(e -> key(e.table(), e.keyText())).collect(Collectors.toSet()), upTo);
    }

    /** The error log's entries by planned table and key; entries of tables the plan does not have go to skipped. */
    private static Map<TablePlan, Map<String, List<ErrorLogEntry>>> byTable(Plan plan, ErrorLog log,
                                                                          List<ErrorLogEntry> skipped) {
        Map<TablePlan, Map<String, List<ErrorLogEntry>>> byTable = new LinkedHashMap<>();
        for (ErrorLogEntry entry : log.entries()) {
            Optional<TablePlan> table = plan.table(entry.table());
            if (table.isEmpty()) {
                skipped.add(entry);
            } else {
                byTable.computeIfAbsent(table.get(), t -> new LinkedHashMap<>())
                        .computeIfAbsent(entry.keyText(), k -> new ArrayList<>()).add(entry);
            }
        }
        return byTable;
    }

    private static void report(PrintStream out, List<ErrorLogEntry> replayed, List<ErrorLogEntry> skipped) {
        long keys = replayed.stream().map(e -> key(e.table(), e.keyText())).distinct().count();
        if (replayed.isEmpty() && skipped.isEmpty()) {
            out.println("replay: the error log holds no changes of this migration; nothing to send again");
            return;
        }
        out.printf("replay: %s from the error log sent again (%s), through the pipeline%n",
                FinalizeOutcome.count(replayed.size(), "change"), FinalizeOutcome.count(keys, "key"));
        if (!skipped.isEmpty()) {
            out.printf("replay: %s cannot be sent again (the table is not in the plan, or the key is not one of its "
                    + "rows' keys); they stay in the error log, e.g.%n", FinalizeOutcome.count(skipped.size(), "entry"));
            skipped.stream().limit(LISTED).forEach(e -> out.println("  " + e.table() + " " + e.keyText()));
        }
    }

    /** The change-log position the replayed entries reach: once the pipeline is past it, {@link #settle} may run. */
    long upTo() {
        return upTo;
    }

    /**
     * Once the pipeline has applied everything up to {@link #upTo()} and the error log holds its dead letters: moves
     * the replayed entries out of errors.jsonl and says what landed and what failed again.
     */
    void settle(ErrorLog log, PrintStream out) {
        if (keys.isEmpty()) {
            return;
        }
        log.removeReplayed(signatures);
        List<ErrorLogEntry> again = log.entries().stream().filter(e -> keys.contains(key(e.table(), e.keyText())))
                .toList();
        long failed = again.stream().map(e -> key(e.table(), e.keyText())).distinct().count();
        out.printf("replay: %,d of %,d %s landed in PostgreSQL (the entries are in %s)%n", keys.size() - failed,
                keys.size(), keys.size() == 1 ? "key" : "keys", "errors.replayed.jsonl");
        if (failed > 0) {
            out.printf("replay: %,d failed again and %s in the error log with the new reason, e.g.%n", failed,
                    failed == 1 ? "is" : "are");
            again.stream().limit(LISTED).forEach(e -> out.println("  " + e.table() + " " + e.keyText() + ": "
                    + e.reason()));
        }
    }

    private static String key(String table, String key) {
        return table + "\n" + key;
    }
}
