package dev.cutover.validator;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.ReadBack;
import dev.cutover.schemas.source.Source;
import dev.cutover.validator.document.DocumentComparator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reconciles a source with its PostgreSQL target, independently of the pipeline: row counts, a sampled or full
 * row comparison with type-aware equality (documents with their rows by {@link DocumentComparator}), and the plan's foreign keys, NOT NULL columns, checks and declared rules in
 * the target. Differences on keys with a change still on its way ({@link PendingKeys}) are pending, and on keys whose
 * logged failure the operator accepted ({@link LoggedKeys}) accepted: neither is a failure. Every key the error log
 * names is compared, whatever the sample.
 */
public final class Validator {
    private static final int COUNT_ATTEMPTS = 3;

    private final Plan plan;
    private final ValidationOptions options;

    public Validator(Plan plan, ValidationOptions options) {
        this.plan = plan;
        this.options = options;
    }

    /**
     * @param source   the source, read through its read-back
     * @param target   opens connections to PostgreSQL
     * @param changes  keys with a change not yet applied (a key the error log blocks is compared as if it had none)
     * @param logged   keys the error log names: compared besides the sample; accepted ones do not fail
     * @param progress told the name of each table as its check starts
     */
    public ValidationReport validate(Identity identity, Source source, ConnectionFactory target,
                                     PendingKeys changes, LoggedKeys logged, Consumer<String> progress)
            throws SQLException {
        PendingKeys inFlight = changes.exceptBlocking(logged);
        long started = System.currentTimeMillis();
        List<TableReport> tables = new ArrayList<>();
        IntegrityChecker integrity = new IntegrityChecker(plan, options.maxExamples());
        List<Finding> findings = new ArrayList<>(integrity.unknownRuleTables());
        try (ReadBack sourceRows = source.readBack(false); Connection postgres = target.open();
             Recheck pending = new Recheck(plan, inFlight, source, target, options.live())) {
            for (TablePlan table : plan.tables()) {
                if (!ownedByADocument(table)) {
                    progress.accept(table.source());
                    tables.addAll(table.fromDocuments()
                            ? new DocumentComparator(plan, table, options).compare(sourceRows, postgres, inFlight, logged)
                            : List.of(validateTable(table, sourceRows, postgres, pending, logged)));
                }
                findings.addAll(integrity.check(table, postgres, pending));
            }
        }
        return new ValidationReport(identity.source(), identity.target(), options.full() ? "full" : "sample",
                Instant.ofEpochMilli(started).toString(), System.currentTimeMillis() - started, tables, findings,
                identity.notes());
    }

    /** A junction or child table: its collection's comparison reports on it. */
    private static boolean ownedByADocument(TablePlan table) {
        return table.fromDocuments() && table.document().owned();
    }

    private TableReport validateTable(TablePlan table, ReadBack source, Connection postgres, PendingKeys pending,
                                      LoggedKeys logged) throws SQLException {
        long[] counts = counts(table, source, postgres);
        long pendingChanges = pending.count(table.source());
        long apart = Math.abs(counts[0] - counts[1]);
        String countState = counts[0] == counts[1] ? "equal" : apart <= pendingChanges ? "pending"
                : apart <= pendingChanges + logged.acceptedCount(table.source()) ? "accepted" : "differ";
        TableComparison comparison = options.full()
                ? new FullComparator(plan.targetSchema(), table, options.chunkRows(), options.maxExamples())
                        .compare(source, postgres, pending, logged)
                : new SampleComparator(plan.targetSchema(), table, options.sampleSize(), options.maxExamples())
                        .compare(source, postgres, pending, logged);
        return new TableReport(table.source(), table.target(), counts[0], counts[1], pendingChanges, countState,
                comparison);
    }

    /** Source and target row counts; while the pipeline runs, counted again a moment later if they differ. */
    private long[] counts(TablePlan table, ReadBack source, Connection postgres) throws SQLException {
        TableSql sql = new TableSql(plan.targetSchema(), table);
        long[] counts = new long[2];
        int attempts = options.live() ? COUNT_ATTEMPTS : 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            counts[0] = source.count(table);
            counts[1] = count(postgres, "SELECT count(*) FROM " + sql.targetTable());
            if (counts[0] == counts[1] || attempt == attempts) {
                break;
            }
            pause();
        }
        return counts;
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the report says it compared.
     *
     * @param source source identity
     * @param target target, credentials masked
     * @param notes  how pending changes were judged, and anything else the operator should know
     */
    public record Identity(String source, String target, List<String> notes) {
        public Identity {
            notes = List.copyOf(notes);
        }
    }
}
