package dev.cutover.capture.sqlite.plan;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.SchemaMode;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.schemas.source.PlanOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plans the migration of a SQLite database into PostgreSQL (generate mode): which objects become tables and which
 * are skipped, every table's key, column types (from the declared types and the values actually stored), translated
 * defaults, generated columns, checks, indexes and foreign keys, and every name PostgreSQL must change. The source is
 * opened read-only and nothing is written to it; its catalog is read in one transaction, its tables are profiled in
 * parallel (see {@link TableProfiles}).
 */
public final class SqlitePlanner {
    private final PlanningConnection source;
    private final SourceCatalog catalog;
    private final PlanOptions options;
    private final String sourceId;
    private final NameRegistry names = new NameRegistry();
    private final Findings findings = new Findings();

    private SqlitePlanner(PlanningConnection source, PlanOptions options, String sourceId) {
        this.source = source;
        this.catalog = new SourceCatalog(source);
        this.options = options;
        this.sourceId = sourceId;
    }

    /**
     * @param options null for {@link PlanOptions#defaults()}
     * @throws dev.cutover.schemas.CutoverException SOURCE_UNREACHABLE when the file is missing or unreadable,
     *                                              BAD_CONFIGURATION when it is not SQLite or an included table is
     *                                              missing
     */
    public static Plan plan(Path sqliteFile, PlanOptions options) {
        Path file = sqliteFile.toAbsolutePath().normalize();
        try (PlanningConnection source = PlanningConnection.open(file)) {
            return new SqlitePlanner(source, options == null ? PlanOptions.defaults() : options, "sqlite:" + file)
                    .plan();
        }
    }

    private Plan plan() {
        ObjectClassifier.Classification classification =
                ObjectClassifier.classify(catalog.objects(), options.includeTables(), sourceId);
        List<String> targets = classification.tables().stream().map(t -> names.table(t.name()))
                .collect(Collectors.toList());
        List<TableProfiles.Request> requests = new ArrayList<>();
        for (SchemaObject object : classification.tables()) {
            boolean fullText = classification.fullText().containsKey(object.name());
            requests.add(new TableProfiles.Request(object.name(), TablePlanner.profileColumns(visibleColumns(object),
                    fullText, object.type().equals("table")), fullText ? null : rowidAlias(object)));
        }
        List<SqliteTableDraft> drafts = new ArrayList<>();
        try (TableProfiles profiles = TableProfiles.start(source, requests)) {
            for (int i = 0; i < targets.size(); i++) {
                SourceTable table = read(classification.tables().get(i), classification);
                drafts.add(TablePlanner.plan(table, targets.get(i), profiles.get(i), names, findings));
            }
        }
        ForeignKeyPlanner.plan(drafts, names, findings);
        List<TablePlan> tables = drafts.stream().map(SqliteTableDraft::build).collect(Collectors.toList());
        return new Plan(Plan.FORMAT_VERSION, sourceId, SchemaMode.GENERATE, options.targetSchema(), tables,
                classification.skipped(), names.renames(), List.of(), findings.blockers(), findings.warnings());
    }

    private SourceTable read(SchemaObject object, ObjectClassifier.Classification classification) {
        VirtualTable fullText = classification.fullText().get(object.name());
        List<SourceColumn> columns = visibleColumns(object);
        if (fullText != null) {
            return new SourceTable(object, columns, TableDefinition.EMPTY, fullText, List.of(), List.of());
        }
        return new SourceTable(object, columns, definition(object), fullText, catalog.indexes(object.name()),
                catalog.foreignKeys(object.name()));
    }

    /** A name of an ordinary table's rowid that no column has (so it reads the rowid), or null. */
    private String rowidAlias(SchemaObject object) {
        if (!object.type().equals("table") || object.withoutRowid()) {
            return null;
        }
        return TablePlanner.freeRowidAlias(catalog.columns(object.name())).orElse(null);
    }

    private List<SourceColumn> visibleColumns(SchemaObject object) {
        return catalog.columns(object.name()).stream().filter(c -> c.hidden() != 1).collect(Collectors.toList());
    }

    private TableDefinition definition(SchemaObject object) {
        try {
            return CreateTableParser.parse(object.sql());
        } catch (SqlSyntaxException e) {
            findings.warn("table " + quote(object.name()) + ": its CREATE TABLE cannot be read (" + e.getMessage()
                    + "), so its CHECK constraints, generation expressions and constraint names are not planned; "
                    + "review them by hand");
            return TableDefinition.EMPTY;
        }
    }
}
