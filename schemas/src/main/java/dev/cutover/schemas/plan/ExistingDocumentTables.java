package dev.cutover.schemas.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Existing-target mode for a document source's plan (see {@link ExistingTargetMapper}, whose pieces it uses).
 * Collections map to tables and fields to columns by name: the plan's names, then the names the source's schema gives
 * them ({@link DocumentPlan#aliases()}: a Prisma model's and field's names besides {@code @@map} and {@code @map});
 * a document key that still has no column takes the target's single-column primary key ({@code _id} into {@code id}).
 *
 * <p>A junction is the target table whose foreign keys point at the two sides' tables, with those two columns as its
 * primary key (or as its only columns), such as {@code DocumentsToInvoices(document_id, invoice_id)} or Prisma's
 * implicit {@code _DocumentsToInvoices(A, B)}; each column is chosen by the side it references. When several tables
 * qualify, the one named like the planned junction (or Prisma's implicit table) is taken. An array field whose junction
 * has no table lands in an array column of the owner's table named after the field, if there is one.
 *
 * <p>Every field without a home is listed in {@link Plan#unmapped()}: a field without a column, an array field without
 * a junction or column, and the fields a schema lacks ({@link DocumentPlan#extraFields()}) when the target table has
 * no {@code jsonb} extra column of the planned name. Fields declared ignored never reach the plan, so they are not
 * listed. Enum types belong to the target: the plan lists none, and PostgreSQL refuses a value outside the target's.
 */
final class ExistingDocumentTables {
    private final ExistingTargetMapper mapper;
    private final Plan generated;
    /** Mapped tables by their generated target name. */
    private final Map<String, Mapped> mapped = new LinkedHashMap<>();
    /** Target tables already holding a junction. */
    private final Set<String> junctionTables = new HashSet<>();

    /** A generated table and where it landed. */
    private record Mapped(TablePlan table, String target, Map<String, String> columns) {
    }

    private ExistingDocumentTables(ExistingTargetMapper mapper, Plan generated) {
        this.mapper = mapper;
        this.generated = generated;
    }

    static List<TablePlan> map(ExistingTargetMapper mapper, Plan generated) {
        return new ExistingDocumentTables(mapper, generated).map();
    }

    private List<TablePlan> map() {
        generated.tables().stream().filter(t -> !t.document().owned()).forEach(this::main);
        generated.tables().stream().filter(t -> t.document().owned()).forEach(this::owned);
        List<TablePlan> tables = new ArrayList<>();
        for (TablePlan table : generated.tables()) {
            Mapped done = mapped.get(table.target());
            if (done != null) {
                tables.add(table.document().owned() ? done.table() : withFeeds(done));
            }
        }
        return tables;
    }

    private void main(TablePlan source) {
        String collection = source.document().collection();
        Optional<TargetCatalog.Table> found = mapper.table("collection " + ExistingTargetMapper.q(collection),
                names(source.source(), source.target(), source.document().aliases().get(DocumentPlan.TABLE_ALIAS)));
        if (found.isEmpty()) {
            return;
        }
        TargetCatalog.Table target = found.get();
        String extra = extraColumn(source.document(), target);
        TablePlan fields = without(source, source.document().extraColumn());
        List<ColumnPlan> columns = mapper.mapColumns(fields, target, c -> namesOf(source, target, c), collection);
        if (extra != null) {
            columns.add(mapper.mapColumn(source, source.column(source.document().extraColumn()).orElseThrow(),
                    target.column(extra).orElseThrow()));
        } else {
            source.document().extraFields().forEach(field -> mapper.unmapped(collection, field));
        }
        mapper.requireFilledColumns(source, target, columns);
        DocumentPlan document = new DocumentPlan(collection, null, extra, source.document().arrays(),
                source.document().ignored(), source.document().extraFields(), source.document().aliases(),
                source.document().flattened());
        record(source, target, columns, document);
    }

    /** The target's column of the planned extra column's name when it is json or jsonb, else null. */
    private static String extraColumn(DocumentPlan document, TargetCatalog.Table target) {
        return document.extraColumn() == null ? null : target.column(document.extraColumn())
                .filter(c -> PgTypes.family(c.type()) == PgTypes.Family.JSON).map(TargetCatalog.Column::name)
                .orElse(null);
    }

    /**
     * A column's names: its own, its schema name, and for a document key that nothing else names, the target's
     * single-column primary key.
     */
    private static List<String> namesOf(TablePlan source, TargetCatalog.Table target, ColumnPlan column) {
        List<String> names = names(column.source(), column.target(), source.document().aliases().get(column.source()));
        boolean key = source.key().sourceColumns().equals(List.of(column.source()));
        if (key && target.primaryKey().size() == 1) {
            String primary = target.primaryKey().get(0);
            boolean claimed = source.columns().stream().filter(c -> c != column).anyMatch(c -> names(c.source(),
                    c.target(), source.document().aliases().get(c.source())).contains(primary));
            if (!claimed && !names.contains(primary)) {
                names.add(primary);
            }
        }
        return names;
    }

    private void owned(TablePlan source) {
        boolean junction = generated.tables().stream().flatMap(t -> t.document().arrays().stream())
                .anyMatch(f -> f.table().equals(source.target()) && f.kind() == ArrayFeed.Kind.JUNCTION);
        Optional<TargetCatalog.Table> target = junction ? junction(source) : mapper.table("the table of "
                + source.source(), names(source.source(), source.target(), null));
        target.ifPresent(t -> ownedColumns(source, t));
    }

    private void ownedColumns(TablePlan source, TargetCatalog.Table target) {
        Map<String, String> chosen = junctionColumns(source, target);
        List<ColumnPlan> columns = new ArrayList<>();
        for (ColumnPlan column : source.columns()) {
            String name = chosen.get(column.target());
            List<TargetCatalog.Column> candidates = name != null ? target.column(name).stream().toList()
                    : ExistingTargetMapper.match(target.columns(), TargetCatalog.Column::name, names(column.target(),
                            column.source(), source.document().aliases().get(column.source())));
            if (candidates.size() != 1) {
                mapper.blocker("table " + ExistingTargetMapper.q(target.name()) + " holds the rows of "
                        + source.source() + " but has no column for " + column.target() + "; set the column's "
                        + "\"target\" in plan.json" + (chosen.isEmpty() && source.column(DocumentPlan.ELEMENT)
                        .isPresent() ? ", or give the table a foreign key to each side" : ""));
                return;
            }
            columns.add(mapper.mapColumn(source, column, candidates.get(0)));
        }
        mapper.requireFilledColumns(source, target, columns);
        record(source, target, columns, source.document());
    }

    private void record(TablePlan source, TargetCatalog.Table target, List<ColumnPlan> columns, DocumentPlan document) {
        KeyPlan key = mapper.mapKey(source, target, columns);
        List<String> notes = ExistingTargetMapper.notes(target);
        TablePlan table = new TablePlan(source.source(), target.name(), key, columns, List.of(), List.of(),
                ExistingTargetMapper.foreignKeys(target), source.sourceRows(), notes, document);
        mapped.put(source.target(), new Mapped(table, target.name(), columnNames(source, columns)));
    }

    /**
     * Each planned column's target name → its mapped column's name. An owned table's columns are all mapped, in order
     * (its owner columns share one source); a main table's by their distinct sources.
     */
    private static Map<String, String> columnNames(TablePlan source, List<ColumnPlan> columns) {
        Map<String, String> names = new LinkedHashMap<>();
        if (source.document().owned()) {
            for (int i = 0; i < columns.size(); i++) {
                names.put(source.columns().get(i).target(), columns.get(i).target());
            }
            return names;
        }
        columns.forEach(c -> source.column(c.source()).ifPresent(planned -> names.put(planned.target(), c.target())));
        return names;
    }

    /**
     * The target table of a junction: a table named like it (its plan names, or Prisma's implicit table), else the one
     * table whose foreign keys point at the two sides; none (without a blocker) when no table qualifies, so the array
     * fields may still land in array columns or be listed as unmapped.
     */
    private Optional<TargetCatalog.Table> junction(TablePlan source) {
        List<String> sides = sides(source);
        List<String> wanted = names(source.source(), source.target(),
                source.document().aliases().get(DocumentPlan.TABLE_ALIAS));
        List<TargetCatalog.Table> named = ExistingTargetMapper.match(mapper.catalog().tables(),
                TargetCatalog.Table::name, wanted).stream().filter(t -> !taken(t)).toList();
        List<TargetCatalog.Table> linking = sides == null ? List.of() : mapper.catalog().tables().stream()
                .filter(t -> !taken(t) && links(t, sides.get(0), sides.get(1))).toList();
        List<TargetCatalog.Table> both = named.stream().filter(linking::contains).toList();
        List<TargetCatalog.Table> chosen = !both.isEmpty() ? both : linking.size() == 1 ? linking
                : linking.isEmpty() ? named : List.of();
        if (chosen.size() != 1) {
            if (linking.size() > 1) {
                mapper.blocker("several target tables could hold the pairs of " + source.source() + ": "
                        + linking.stream().map(t -> ExistingTargetMapper.q(t.name())).collect(Collectors.joining(", "))
                        + "; set the junction's table in plan.json (the feeds' \"table\" and the table's \"target\")");
            }
            return Optional.empty();
        }
        junctionTables.add(chosen.get(0).name());
        return Optional.of(chosen.get(0));
    }

    private boolean taken(TargetCatalog.Table table) {
        return junctionTables.contains(table.name()) || mapped.values().stream()
                .anyMatch(m -> m.target().equals(table.name()));
    }

    /**
     * The target tables of the junction's owner and element sides (from the owner's collection and the element
     * column's foreign key), or null when either has no table or the owner's key has several columns.
     */
    private List<String> sides(TablePlan junction) {
        List<ColumnPlan> owners = junction.columns().stream().filter(c -> c.source().equals(DocumentPlan.OWNER))
                .toList();
        Optional<ColumnPlan> element = junction.column(DocumentPlan.ELEMENT);
        if (owners.size() != 1 || element.isEmpty()) {
            return null;
        }
        String owner = mainTarget(junction.document().collection());
        String referenced = junction.foreignKeys().stream().filter(f -> f.columns().equals(List.of(element.get()
                .target()))).map(f -> mappedTarget(f.refTable())).findFirst().orElse(null);
        return owner == null || referenced == null ? null : List.of(owner, referenced);
    }

    private String mainTarget(String collection) {
        return mapped.values().stream().filter(m -> !m.table().document().owned()
                && m.table().document().collection().equals(collection)).map(Mapped::target).findFirst().orElse(null);
    }

    private String mappedTarget(String generatedTable) {
        Mapped main = mapped.get(generatedTable);
        return main == null ? null : main.target();
    }

    /**
     * True when {@code table} links {@code a} and {@code b}: a single-column foreign key to each (two distinct
     * columns), which are its primary key or its only columns.
     */
    private static boolean links(TargetCatalog.Table table, String a, String b) {
        List<String> toA = referencing(table, a);
        List<String> toB = referencing(table, b);
        for (String x : toA) {
            for (String y : toB) {
                Set<String> pair = Set.of(x, y).size() == 2 ? Set.of(x, y) : null;
                if (pair != null && (pair.equals(Set.copyOf(table.primaryKey())) || table.columns().size() == 2)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The columns of {@code table} with a single-column foreign key to {@code referenced}. */
    private static List<String> referencing(TargetCatalog.Table table, String referenced) {
        return table.foreignKeys().stream().filter(f -> f.refTable().equals(referenced) && f.columns().size() == 1)
                .map(f -> f.columns().get(0)).toList();
    }

    /**
     * The junction's owner and element columns by the side each references (generated name → target name); empty
     * when the sides cannot tell them apart (no such keys, or both sides the same table), so names decide.
     */
    private Map<String, String> junctionColumns(TablePlan source, TargetCatalog.Table target) {
        List<String> sides = source.document().owned() ? sides(source) : null;
        if (sides == null || sides.get(0).equals(sides.get(1))) {
            return Map.of();
        }
        List<String> owner = referencing(target, sides.get(0));
        List<String> element = referencing(target, sides.get(1));
        if (owner.size() != 1 || element.size() != 1) {
            return Map.of();
        }
        return Map.of(source.columns().stream().filter(c -> c.source().equals(DocumentPlan.OWNER)).findFirst()
                        .orElseThrow().target(), owner.get(0),
                source.column(DocumentPlan.ELEMENT).orElseThrow().target(), element.get(0));
    }

    /** The main table with its feeds in the target; an array field whose junction has no table is routed or listed. */
    private TablePlan withFeeds(Mapped main) {
        TablePlan table = main.table();
        List<ArrayFeed> feeds = new ArrayList<>();
        List<ColumnPlan> columns = new ArrayList<>(table.columns());
        TargetCatalog.Table target = mapper.catalog().tables().stream().filter(t -> t.name().equals(table.target()))
                .findFirst().orElseThrow();
        for (ArrayFeed feed : table.document().arrays()) {
            Mapped owned = mapped.get(feed.table());
            if (owned != null) {
                feeds.add(new ArrayFeed(feed.field(), feed.kind(), owned.target(), feed.ownerColumns().stream()
                        .map(c -> owned.columns().getOrDefault(c, c)).toList(),
                        owned.columns().getOrDefault(feed.elementColumn(), feed.elementColumn())));
            } else {
                arrayColumn(table, target, feed).ifPresentOrElse(columns::add,
                        () -> mapper.unmapped(table.document().collection(), feed.field()));
            }
        }
        DocumentPlan document = table.document();
        return new TablePlan(table.source(), table.target(), table.key(), columns, List.of(), List.of(),
                table.foreignKeys(), table.sourceRows(), table.notes(), new DocumentPlan(document.collection(), null,
                document.extraColumn(), feeds, document.ignored(), document.extraFields(), document.aliases(),
                document.flattened()));
    }

    /**
     * The column of the owner's table named after the array field, an array (or jsonb) column that takes the elements
     * as they are.
     */
    private Optional<ColumnPlan> arrayColumn(TablePlan table, TargetCatalog.Table target, ArrayFeed feed) {
        boolean taken = table.columns().stream().anyMatch(c -> c.source().equals(feed.field()));
        List<TargetCatalog.Column> candidates = ExistingTargetMapper.match(target.columns(),
                TargetCatalog.Column::name, List.of(feed.field())).stream()
                .filter(c -> c.type().endsWith("[]") || PgTypes.family(c.type()) == PgTypes.Family.JSON).toList();
        if (taken || candidates.size() != 1) {
            return Optional.empty();
        }
        String element = generated.targetTable(feed.table()).flatMap(t -> t.columns().stream()
                .filter(c -> c.target().equals(feed.elementColumn())).findFirst()).map(ColumnPlan::targetType)
                .orElse(null);
        String type = feed.kind() == ArrayFeed.Kind.CHILDREN || element == null ? "jsonb" : element + "[]";
        ColumnPlan planned = new ColumnPlan(feed.field(), feed.field(), "", type, false, null, null, false,
                null, null, "the array's elements, kept as an array: the target has no junction for " + feed.field());
        return Optional.of(mapper.mapColumn(table, planned, candidates.get(0)));
    }

    /** {@code table} without its column {@code source} (the extra column, mapped apart). */
    private static TablePlan without(TablePlan table, String source) {
        return new TablePlan(table.source(), table.target(), table.key(), table.columns().stream()
                .filter(c -> !c.source().equals(source)).toList(), table.indexes(), table.checks(),
                table.foreignKeys(), table.sourceRows(), table.notes(), table.document());
    }

    /** The distinct non-null names, in order. */
    private static List<String> names(String... names) {
        return Stream.of(names).filter(n -> n != null).distinct().collect(Collectors.toCollection(ArrayList::new));
    }
}
