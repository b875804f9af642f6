package dev.cutover.capture.sqlite.plan;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.capture.sqlite.plan.ExpressionTranslator.ColumnRef;
import dev.cutover.schemas.plan.CheckPlan;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.KeyPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plans one table: its key, each column's target name, type, default and generation, its checks and indexes.
 * Column values are profiled first, because the types depend on them.
 */
final class TablePlanner {
    private static final List<String> ROWID_ALIASES = List.of("rowid", "oid", "_rowid_");

    private final SourceTable table;
    private final String target;
    private final NameRegistry names;
    private final Findings findings;
    private final NameRegistry.Columns columnNames;
    private final Map<String, String> targetNames = new LinkedHashMap<>();
    private final Map<String, TypedColumn> types = new LinkedHashMap<>();
    private final Map<String, MappedType> mapped = new LinkedHashMap<>();

    private TablePlanner(SourceTable table, String target, NameRegistry names, Findings findings) {
        this.table = table;
        this.target = target;
        this.names = names;
        this.findings = findings;
        this.columnNames = names.columns(table.name());
    }

    /** @param profile the table's {@link ProfileQuery} result, measured with {@link #profileColumns} */
    static SqliteTableDraft plan(SourceTable table, String target, ProfileQuery.Result profile, NameRegistry names,
            Findings findings) {
        return new TablePlanner(table, target, names, findings).plan(profile);
    }

    private SqliteTableDraft plan(ProfileQuery.Result profile) {
        List<SourceColumn> declaredKey = declaredKey();
        List<SourceColumn> nullKeyColumns = declaredKey.stream()
                .filter(c -> profile.stats().get(c.name()).nulls() > 0).toList();
        List<SourceColumn> keyColumns = nullKeyColumns.isEmpty() ? declaredKey : List.of();
        boolean rowidKeyed = keyColumns.isEmpty();
        if (rowidKeyed) {
            columnNames.reserve(KeyPlan.ROWID_COLUMN);
            requireRowidColumnFree(declaredKey.isEmpty() ? "has no primary key" : "has NULL in its primary key");
        }
        for (SourceColumn column : table.columns()) {
            targetNames.put(column.name(), columnNames.column(column.name()));
        }
        for (SourceColumn column : table.columns()) {
            MappedType type = table.fullText() != null ? MappedType.of(MappedType.Kind.TEXT)
                    : TypeMapper.map(column.declaredType());
            mapped.put(column.name(), type);
            types.put(column.name(), SqliteColumnTyper.type(column.declaredType(), type,
                    profile.stats().get(column.name()), table.fullText() != null));
        }
        KeyPlan key = rowidKeyed ? rowidKey() : primaryKey(keyColumns);
        List<ColumnPlan> columns = columns(keyColumns, profile);
        IndexPlanner indexes = new IndexPlanner(table, targetNames, types, references(), names, findings);
        List<String> notes = notes(rowidKeyed, key, nullKeyColumns, profile);
        return new SqliteTableDraft(table, target, key, columns, indexes.plan(key), checks(), profile.rows(), notes,
                indexes.uniqueKeys(key));
    }

    private List<SourceColumn> declaredKey() {
        if (table.fullText() != null) {
            return List.of();
        }
        return table.columns().stream().filter(c -> c.keyPosition() > 0)
                .sorted(Comparator.comparingInt(SourceColumn::keyPosition)).collect(Collectors.toList());
    }

    /** @param why why the table is keyed by rowid, e.g. "has no primary key" */
    private void requireRowidColumnFree(String why) {
        if (table.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(KeyPlan.ROWID_COLUMN))) {
            findings.block("table " + quote(table.name()) + " " + why + " and a column named "
                    + KeyPlan.ROWID_COLUMN + ", the name Cutover gives the column that keeps the rowid; rename that "
                    + "column or give the table a primary key");
        }
    }

    /**
     * What {@link ProfileQuery} measures for a table's columns: the metrics each column's mapped type needs, and what
     * SQLite guarantees about the values of an ordinary table's columns (a virtual table's module returns whatever it
     * likes): NOT NULL is enforced, and a column of REAL affinity stores its numbers as REALs.
     *
     * @param ordinary an ordinary table (rowid, WITHOUT ROWID or STRICT), not a virtual one
     */
    static List<ProfileQuery.Column> profileColumns(List<SourceColumn> columns, boolean fullText, boolean ordinary) {
        boolean enforced = ordinary && !fullText;
        List<ProfileQuery.Column> profiled = new ArrayList<>();
        for (SourceColumn column : columns) {
            MappedType type = fullText ? MappedType.of(MappedType.Kind.TEXT) : TypeMapper.map(column.declaredType());
            profiled.add(new ProfileQuery.Column(column.name(), type, SqliteColumnTyper.metricsFor(type),
                    enforced && column.notNull(), enforced && type.kind() == MappedType.Kind.DOUBLE));
        }
        return profiled;
    }

    private KeyPlan primaryKey(List<SourceColumn> keyColumns) {
        List<String> sources = keyColumns.stream().map(SourceColumn::name).collect(Collectors.toList());
        List<String> targets = sources.stream().map(targetNames::get).collect(Collectors.toList());
        String name = names.relation("constraint", table.name(), table.definition().primaryKeyName(), table.name() + "_pkey");
        return new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, sources, targets, name);
    }

    /** rowid, oid or _rowid_: the first that no column is named (so it reads the rowid), if any. */
    static Optional<String> freeRowidAlias(List<SourceColumn> columns) {
        return ROWID_ALIASES.stream()
                .filter(a -> columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(a))).findFirst();
    }

    private KeyPlan rowidKey() {
        Optional<String> alias = freeRowidAlias(table.columns());
        if (alias.isEmpty()) {
            findings.block("table " + quote(table.name()) + " has no primary key and columns named rowid, oid and "
                    + "_rowid_ hide SQLite's rowid, so its rows cannot be identified; give the table a primary key");
        }
        String name = names.relation("constraint", table.name(), null, table.name() + "_" + KeyPlan.ROWID_COLUMN + "_key");
        return new KeyPlan(KeyPlan.KeyKind.ROWID, List.of(alias.orElse("rowid")), List.of(KeyPlan.ROWID_COLUMN), name);
    }

    private List<ColumnPlan> columns(List<SourceColumn> keyColumns, ProfileQuery.Result profile) {
        boolean identityKey = isRowidAlias(keyColumns);
        List<ColumnPlan> columns = new ArrayList<>();
        for (SourceColumn column : table.columns()) {
            boolean inKey = keyColumns.contains(column);
            ColumnStats stats = profile.stats().get(column.name());
            columns.add(new ColumnPlanner(column, inKey, inKey && identityKey, stats).plan());
        }
        return columns;
    }

    /** SQLite's INTEGER PRIMARY KEY: the rowid itself (no separate key index exists). */
    private boolean isRowidAlias(List<SourceColumn> keyColumns) {
        return keyColumns.size() == 1 && !table.object().withoutRowid()
                && keyColumns.get(0).declaredType().trim().equalsIgnoreCase("INTEGER")
                && table.indexes().stream().noneMatch(i -> i.origin().equals("pk"));
    }

    private Map<String, ColumnRef> references() {
        Map<String, ColumnRef> references = new LinkedHashMap<>();
        for (SourceColumn column : table.columns()) {
            TypedColumn typed = types.get(column.name());
            boolean affinityKept = !(typed.pgType().equals("text") && mapped.get(column.name()).kind()
                    != MappedType.Kind.TEXT) || table.fullText() != null;
            references.put(column.name().toLowerCase(Locale.ROOT),
                    new ColumnRef(targetNames.get(column.name()), typed.pgType(), column.generated(), affinityKept));
        }
        return references;
    }

    private List<CheckPlan> checks() {
        ExpressionTranslator translator = ExpressionTranslator.forChecks(references());
        List<CheckPlan> checks = new ArrayList<>();
        for (TableDefinition.Check check : table.definition().checks()) {
            Translation translation = translator.condition(check.sql());
            String label = check.name() != null ? " check " + quote(check.name()) : "";
            if (!translation.translated()) {
                findings.warn("table " + quote(table.name()) + label + ": CHECK (" + oneLine(check.sql())
                        + ") is not translated (" + translation.failure() + "), so PostgreSQL will not enforce it; "
                        + "add an equivalent check by hand if the application relies on it");
                continue;
            }
            String column = check.column() == null ? "" : "_" + columnName(check.column());
            String name = names.relation("constraint", table.name(), check.name(), table.name() + column + "_check");
            checks.add(new CheckPlan(name, translation.sql(), check.sql()));
        }
        return checks;
    }

    private String columnName(String written) {
        return table.columns().stream().map(SourceColumn::name).filter(n -> n.equalsIgnoreCase(written)).findFirst()
                .orElse(written);
    }

    /** @param nullKeyColumns declared primary-key columns holding NULLs (then the table is keyed by rowid) */
    private List<String> notes(boolean rowidKeyed, KeyPlan key, List<SourceColumn> nullKeyColumns,
                               ProfileQuery.Result profile) {
        List<String> notes = new ArrayList<>();
        if (table.fullText() != null) {
            notes.add(table.fullText().module().toUpperCase(Locale.ROOT) + " full-text table: migrated as a regular "
                    + "table with its columns as text and a GIN full-text index (to_tsvector('simple', ...)); rewrite "
                    + "MATCH queries with @@ and to_tsquery. SQLite allows no triggers on a virtual table, so live "
                    + "changes to it are not captured: the snapshot copies it, and if the application writes it "
                    + "during the migration, refill it in PostgreSQL after the switch");
        }
        if (!nullKeyColumns.isEmpty()) {
            notes.add(nullKeyNote(nullKeyColumns, profile));
        }
        if (rowidKeyed) {
            String alias = key.sourceColumns().get(0);
            notes.add((nullKeyColumns.isEmpty() ? "no primary key: " : "") + "keyed by SQLite rowid in the added column "
                    + KeyPlan.ROWID_COLUMN + " (unique); do not VACUUM the source during a live migration"
                    + (alias.equals("rowid") ? "" : " (the rowid is read as " + alias + ": a column is named rowid)"));
        }
        return notes;
    }

    /** Why a table with a declared primary key is keyed by rowid: its key holds NULLs, which PostgreSQL's cannot. */
    private String nullKeyNote(List<SourceColumn> nullKeyColumns, ProfileQuery.Result profile) {
        List<String> key = table.columns().stream().filter(c -> c.keyPosition() > 0)
                .sorted(Comparator.comparingInt(SourceColumn::keyPosition)).map(c -> quote(c.name())).toList();
        String nulls = nullKeyColumns.stream().map(c -> profile.stats().get(c.name()).nulls() + " rows have NULL in "
                + quote(c.name())).collect(Collectors.joining(", "));
        String kept = key.size() == 1 ? key.get(0) + " is kept as an ordinary column"
                : "(" + String.join(", ", key) + ") are kept as ordinary columns";
        return "primary key (" + String.join(", ", key) + ") is not used: " + nulls + " (SQLite allows NULL outside "
                + "INTEGER keys; a PostgreSQL primary key does not). The table is keyed like one without a primary key; "
                + kept + " with a unique index (NULLs allowed; the other values are unique, as SQLite's key ensures)";
    }

    static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }

    /** One column's plan. */
    private final class ColumnPlanner {
        private final SourceColumn column;
        private final boolean inKey;
        private final boolean identity;
        private final ColumnStats stats;
        private final List<String> notes = new ArrayList<>();

        ColumnPlanner(SourceColumn column, boolean inKey, boolean identity, ColumnStats stats) {
            this.column = column;
            this.inKey = inKey;
            this.identity = identity;
            this.stats = stats;
        }

        ColumnPlan plan() {
            TypedColumn typed = types.get(column.name());
            String pgType = identity ? "bigint" : typed.pgType();
            if (typed.note() != null) {
                notes.add(typed.note());
            }
            String generatedSql = column.generated() ? generated(pgType) : null;
            String defaultSql = column.generated() || identity ? null : defaultSql(pgType);
            collationNote(pgType);
            return new ColumnPlan(column.name(), targetNames.get(column.name()), column.declaredType(), pgType,
                    column.notNull() || inKey, defaultSql, generatedSql, identity, typed.numericDates(),
                    SqliteColumnTyper.profile(stats, typed.invalid()),
                    notes.isEmpty() ? null : String.join("; ", notes));
        }

        private String defaultSql(String pgType) {
            if (column.defaultSql() == null) {
                return null;
            }
            Translation translation = ExpressionTranslator.forDefaults().defaultValue(column.defaultSql(), pgType);
            if (!translation.translated()) {
                findings.warn("table " + quote(table.name()) + " column " + quote(column.name()) + ": DEFAULT "
                        + oneLine(column.defaultSql()) + " is not translated (" + translation.failure() + "), so the "
                        + "PostgreSQL column has no default; add one by hand if the application relies on it");
                return null;
            }
            if (translation.note() != null) {
                notes.add("default " + oneLine(column.defaultSql()) + ": " + translation.note());
            }
            return translation.sql();
        }

        private String generated(String pgType) {
            Optional<String> expression = table.definition().generatedExpression(column.name());
            if (expression.isEmpty()) {
                notes.add("generated in SQLite, but its expression cannot be read: its values are copied as plain data");
                return null;
            }
            Translation translation = ExpressionTranslator.forGenerated(references()).generated(expression.get(), pgType);
            if (!translation.translated()) {
                notes.add("generated in SQLite as (" + oneLine(expression.get()) + "), which is not translated ("
                        + translation.failure() + "): its values are copied as plain data");
                return null;
            }
            return translation.sql();
        }

        private void collationNote(String pgType) {
            String collation = table.definition().collation(column.name()).orElse("BINARY").toUpperCase(Locale.ROOT);
            boolean text = ValueType.ofPg(pgType) == ValueType.TEXT;
            if (text && collation.equals("NOCASE")) {
                notes.add("COLLATE NOCASE: PostgreSQL compares it case-sensitively; its unique indexes use lower(...) "
                        + "so uniqueness stays case-insensitive, but queries comparing it must use lower() (or citext)");
            } else if (text && collation.equals("RTRIM")) {
                notes.add("COLLATE RTRIM: PostgreSQL compares trailing spaces; its unique indexes use rtrim(...)");
            } else if (!collation.equals("BINARY")) {
                notes.add("COLLATE " + collation + " has no PostgreSQL counterpart here: compared as binary");
            }
        }
    }
}
