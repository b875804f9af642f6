package dev.cutover.schemas.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Existing-target mode: maps a generated plan onto tables the application's own migrations created. Tables and
 * columns are matched by name (exactly first, then by a unique case-insensitive match); every column takes the
 * target's name, type and nullability; the key becomes the target's primary key. What cannot be mapped is reported:
 * source columns without a target column in {@link Plan#unmapped()}, missing tables and target columns that would
 * reject every insert in {@link Plan#blockers()}. Indexes and checks belong to the application and are left out;
 * the target's foreign keys are carried, with their {@code pg_get_constraintdef} text, so the pipeline can drop and
 * re-create them around the load. Warnings of a tabular plan concern the schema Cutover would have generated and are
 * not carried; its blockers and skipped objects are. A document source's plan is mapped by
 * {@link ExistingDocumentTables} with the same pieces, and its warnings (about the documents) are carried.
 */
public final class ExistingTargetMapper {
    private final TargetCatalog catalog;
    private final List<UnmappedColumn> unmapped = new ArrayList<>();
    private final List<String> blockers = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private ExistingTargetMapper(TargetCatalog catalog) {
        this.catalog = catalog;
    }

    public static Plan map(Plan generated, TargetCatalog catalog) {
        ExistingTargetMapper mapper = new ExistingTargetMapper(catalog);
        mapper.blockers.addAll(generated.blockers());
        boolean documents = generated.tables().stream().anyMatch(TablePlan::fromDocuments);
        List<TablePlan> tables = new ArrayList<>();
        if (documents) {
            tables.addAll(ExistingDocumentTables.map(mapper, generated));
        } else {
            generated.tables().forEach(table -> mapper.mapTable(table).ifPresent(tables::add));
        }
        List<String> warnings = new ArrayList<>(documents ? generated.warnings() : List.of());
        warnings.addAll(mapper.warnings);
        return new Plan(Plan.FORMAT_VERSION, generated.source(), SchemaMode.EXISTING, catalog.schema(), tables,
                generated.skipped(), List.of(), mapper.unmapped, mapper.blockers, warnings, generated.rules(),
                List.of(), generated.declarations());
    }

    private Optional<TablePlan> mapTable(TablePlan source) {
        Optional<TargetCatalog.Table> found = table("source table " + q(source.source()),
                List.of(source.source(), source.target()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TargetCatalog.Table target = found.get();
        List<ColumnPlan> columns = mapColumns(source, target, c -> List.of(c.source(), c.target()), source.source());
        requireFilledColumns(source, target, columns);
        KeyPlan key = mapKey(source, target, columns);
        return Optional.of(new TablePlan(source.source(), target.name(), key, columns, List.of(), List.of(),
                foreignKeys(target), source.sourceRows(), notes(target)));
    }

    TargetCatalog catalog() {
        return catalog;
    }

    void unmapped(String table, String column) {
        unmapped.add(new UnmappedColumn(table, column));
    }

    void blocker(String text) {
        blockers.add(text);
    }

    void warning(String text) {
        warnings.add(text);
    }

    /**
     * The target table one of {@code names} names (see {@link #match}); with a blocker naming {@code what} when there is
     * none or more than one.
     */
    Optional<TargetCatalog.Table> table(String what, List<String> names) {
        List<TargetCatalog.Table> candidates = match(catalog.tables(), TargetCatalog.Table::name, names);
        if (candidates.size() != 1) {
            blockers.add(candidates.isEmpty()
                    ? what + " has no table in target schema " + q(catalog.schema())
                            + "; create it with the application's migrations, or check the target schema"
                    : what + " matches several tables in target schema " + q(catalog.schema())
                            + " when case is ignored; rename one so the match is exact");
            return Optional.empty();
        }
        return Optional.of(candidates.get(0));
    }

    /**
     * Maps each of {@code source}'s columns onto the target column one of its {@code names} names; a column without
     * one is listed as unmapped under {@code unmappedTable}.
     */
    List<ColumnPlan> mapColumns(TablePlan source, TargetCatalog.Table target,
            Function<ColumnPlan, List<String>> names, String unmappedTable) {
        List<ColumnPlan> columns = new ArrayList<>();
        for (ColumnPlan column : source.columns()) {
            List<TargetCatalog.Column> candidates = match(target.columns(), TargetCatalog.Column::name,
                    names.apply(column));
            if (candidates.size() == 1) {
                columns.add(mapColumn(source, column, candidates.get(0)));
            } else {
                unmapped.add(new UnmappedColumn(unmappedTable, column.source()));
            }
        }
        return columns;
    }

    static List<String> notes(TargetCatalog.Table target) {
        return new ArrayList<>(List.of("existing target table " + q(target.name())));
    }

    /** {@code column} landing in {@code target}: the target's name, type and nullability. */
    ColumnPlan mapColumn(TablePlan table, ColumnPlan column, TargetCatalog.Column target) {
        String type = PgTypes.normalize(target.type());
        NumericDates numericDates = null;
        if (PgTypes.isDateTime(type)) {
            numericDates = column.numericDates() != null ? column.numericDates() : NumericDates.of(column.profile());
        }
        String note = columnNote(table, column, target, type);
        return new ColumnPlan(column.source(), target.name(), column.declaredType(), type, target.notNull(), null,
                target.generationExpression(), target.identity(), numericDates, column.profile(), note);
    }

    private String columnNote(TablePlan table, ColumnPlan column, TargetCatalog.Column target, String type) {
        String where = "column " + q(table.source()) + "." + q(column.source());
        if (target.generated()) {
            warnings.add(where + " maps to " + q(target.name()) + ", which the target computes (GENERATED); the source "
                    + "values are not written");
            return "computed by the target; source values are not written";
        }
        ValueProfile profile = column.profile();
        if (target.notNull() && profile != null && profile.nulls() > 0) {
            warnings.add(where + " has " + profile.nulls() + " NULL values but target column " + q(target.name())
                    + " is NOT NULL; those rows will go to the error log unless the source is fixed first");
        }
        PgTypes.Family from = PgTypes.family(column.targetType());
        PgTypes.Family to = PgTypes.family(type);
        if (!PgTypes.converts(from, to)) {
            warnings.add(where + " holds values planned as " + column.targetType() + " but target column "
                    + q(target.name()) + " is " + type + "; values that do not convert go to the error log");
            return "converted from " + column.targetType() + " (what the source holds) to the target's " + type;
        }
        return null;
    }

    void requireFilledColumns(TablePlan source, TargetCatalog.Table target, List<ColumnPlan> columns) {
        for (TargetCatalog.Column column : target.columns()) {
            boolean mapped = columns.stream().anyMatch(c -> c.target().equals(column.name()));
            if (!mapped && column.notNull() && !column.fillsItself()) {
                blockers.add("target column " + q(target.name()) + "." + q(column.name()) + " is NOT NULL without a "
                        + "default and no column of source table " + q(source.source()) + " maps to it; give it a "
                        + "default in the application's migrations (or make it nullable) before running");
            }
        }
    }

    /**
     * The key in the target: its primary key when every column of it is mapped (a document's key stays a document
     * key, and only when the primary key holds exactly the document's key), else the source's key columns, which then
     * need a unique index; a blocker when neither maps.
     */
    KeyPlan mapKey(TablePlan source, TargetCatalog.Table target, List<ColumnPlan> columns) {
        KeyPlan planned = source.key();
        if (planned.kind() == KeyPlan.KeyKind.ROWID && target.column(KeyPlan.ROWID_COLUMN).isPresent()) {
            return planned;
        }
        List<String> keySources = new ArrayList<>();
        for (String targetColumn : target.primaryKey()) {
            columns.stream().filter(c -> c.target().equals(targetColumn)).findFirst()
                    .ifPresent(c -> keySources.add(c.source()));
        }
        boolean document = planned.kind() == KeyPlan.KeyKind.DOCUMENT_ID;
        if (!target.primaryKey().isEmpty() && keySources.size() == target.primaryKey().size()) {
            boolean same = keySources.stream().sorted().collect(Collectors.toList())
                    .equals(planned.sourceColumns().stream().sorted().collect(Collectors.toList()));
            if (!same && !document) {
                warnings.add("table " + q(source.source()) + " is keyed by the target's primary key "
                        + target.primaryKey() + ", which is not the source's key " + planned.sourceColumns()
                        + "; source rows that share the target key overwrite each other");
            }
            if (same || !document) {
                return new KeyPlan(document ? planned.kind() : KeyPlan.KeyKind.PRIMARY_KEY, keySources,
                        target.primaryKey());
            }
        }
        Optional<KeyPlan> bySourceKey = sourceKeyMapped(planned, columns);
        if (bySourceKey.isPresent()) {
            warnings.add("table " + q(source.source()) + ": the target's primary key " + target.primaryKey()
                    + " is not filled from the source, so changes are applied by " + bySourceKey.get().targetColumns()
                    + " (the source's key); the target needs a unique index on them");
            return bySourceKey.get();
        }
        blockers.add("table " + q(source.source()) + " cannot be keyed in the target: the target's primary key "
                + target.primaryKey() + " and the source's key " + planned.sourceColumns() + " do not both map; "
                + (planned.kind() == KeyPlan.KeyKind.ROWID
                        ? "add a bigint column " + q(KeyPlan.ROWID_COLUMN) + " with a unique index to the target table"
                        : "rename target columns so the key columns match"));
        return planned;
    }

    private static Optional<KeyPlan> sourceKeyMapped(KeyPlan planned, List<ColumnPlan> columns) {
        if (planned.kind() == KeyPlan.KeyKind.ROWID) {
            return Optional.empty();
        }
        List<String> targets = new ArrayList<>();
        for (String sourceColumn : planned.sourceColumns()) {
            columns.stream().filter(c -> c.source().equals(sourceColumn)).findFirst()
                    .ifPresent(c -> targets.add(c.target()));
        }
        if (targets.size() != planned.sourceColumns().size()) {
            return Optional.empty();
        }
        return Optional.of(new KeyPlan(planned.kind(), planned.sourceColumns(), targets));
    }

    static List<ForeignKeyPlan> foreignKeys(TargetCatalog.Table target) {
        return target.foreignKeys().stream()
                .map(fk -> new ForeignKeyPlan(fk.name(), fk.columns(), fk.refTable(), fk.refColumns(), fk.onDelete(),
                        fk.onUpdate(), fk.definition()))
                .collect(Collectors.toList());
    }

    /**
     * An exact match of one of {@code names}, tried in order; else every case-insensitive match of the first (the
     * source's name).
     */
    static <T> List<T> match(List<T> items, Function<T, String> name, List<String> names) {
        for (String wanted : names) {
            Optional<T> exact = items.stream().filter(i -> name.apply(i).equals(wanted)).findFirst();
            if (exact.isPresent()) {
                return List.of(exact.get());
            }
        }
        String lower = names.get(0).toLowerCase(Locale.ROOT);
        return items.stream().filter(i -> name.apply(i).toLowerCase(Locale.ROOT).equals(lower))
                .collect(Collectors.toList());
    }

    static String q(String name) {
        return Identifiers.quote(name);
    }
}
