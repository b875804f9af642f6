package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.Declarations;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.Identifiers;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the table planners share once both reads are done: the profiles, keys and references, the declarations, the
 * names handed out, the tables drafted so far and the warnings. Filled in the order {@link DocumentPlanner} gives.
 */
final class Planning {
    final String schema;
    final Declarations declared;
    final Map<String, CollectionProfile> profiles;
    final Map<String, CollectionKey> keys;
    final Map<FieldPath, Link> links;
    final Map<FieldPath, Probe> probes;
    /** The Prisma schema's mapping, or null when the plan has none. */
    final PrismaMapping prisma;
    final TargetNames names = new TargetNames();
    final List<String> warnings;
    /** Main tables by collection. */
    final Map<String, DocumentTableDraft> mains = new LinkedHashMap<>();
    /** Owned tables by owning collection, each in the order planned. */
    final Map<String, List<DocumentTableDraft>> owned = new LinkedHashMap<>();
    /** Child tables by their top-level array field. */
    final Map<FieldPath, DocumentTableDraft> children = new LinkedHashMap<>();
    /** Enum column types by field. */
    final Map<FieldPath, String> enumTypes = new LinkedHashMap<>();

    Planning(String schema, Declarations declared, Map<String, CollectionProfile> profiles,
            Map<String, CollectionKey> keys, Map<FieldPath, Link> links, Map<FieldPath, Probe> probes,
            PrismaMapping prisma, List<String> warnings) {
        this.schema = schema;
        this.prisma = prisma;
        this.declared = declared;
        this.profiles = profiles;
        this.keys = keys;
        this.links = links;
        this.probes = probes;
        this.warnings = warnings;
    }

    void addOwned(String collection, DocumentTableDraft table) {
        owned.computeIfAbsent(collection, c -> new ArrayList<>()).add(table);
    }

    /** Every table: each main table followed by the tables it owns. */
    List<DocumentTableDraft> tables() {
        List<DocumentTableDraft> tables = new ArrayList<>();
        mains.forEach((collection, main) -> {
            tables.add(main);
            tables.addAll(owned.getOrDefault(collection, List.of()));
        });
        return tables;
    }

    /** The Prisma model that maps {@code collection}, or null. */
    PrismaMapping.Model model(String collection) {
        return prisma == null ? null : prisma.model(collection).orElse(null);
    }

    /** True when {@code collection.field} is declared ignored. */
    boolean ignored(String collection, String field) {
        return declared.ignore().stream().anyMatch(f -> f.collection().equals(collection) && f.field().equals(field));
    }

    /** Adds a foreign key from {@code columns} of {@code table}, named {@code <table>_<columns>_fkey}. */
    void foreignKey(DocumentTableDraft table, List<String> columns, String refTable, List<String> refColumns,
            String onDelete) {
        table.foreignKeys.add(new ForeignKeyPlan(names.generated("constraint", table.target,
                table.target + "_" + String.join("_", columns) + "_fkey"), columns, refTable, refColumns, onDelete,
                "NO ACTION"));
    }

    /**
     * Adds a btree index on one column of {@code table}, named {@code <table>_<column>_idx}, unless an index on just
     * that column is planned already.
     */
    void index(DocumentTableDraft table, String column, String reason) {
        if (table.indexes.stream().anyMatch(i -> i.elements().equals(List.of(Identifiers.quote(column))))) {
            return;
        }
        table.indexes.add(new IndexPlan(names.generated("index", table.target, table.target + "_" + column + "_idx"),
                false, List.of(Identifiers.quote(column)), null, reason));
    }

    /**
     * Adds to an owned table one owner column per key column of its owning table ({@code customers_id} for
     * {@code _id}), and returns their names.
     */
    static List<String> ownerColumns(DocumentTableDraft owned, DocumentTableDraft owner, String note) {
        List<String> names = new ArrayList<>();
        List<String> types = owner.keyTypes();
        for (int i = 0; i < types.size(); i++) {
            String name = owned.names.added(ownerColumn(owner.target, owner.keyColumns().get(i)));
            owned.columns.add(DocumentTableDraft.column(DocumentPlan.OWNER, name, types.get(i), true, note));
            names.add(name);
        }
        return names;
    }

    /** An owned table's primary key: its owner columns, then {@code column} (the position, or the element). */
    void ownedKey(DocumentTableDraft owned, List<String> owners, String source, String column) {
        List<String> sources = new ArrayList<>();
        owners.forEach(o -> sources.add(DocumentPlan.OWNER));
        sources.add(source);
        List<String> targets = new ArrayList<>(owners);
        targets.add(column);
        owned.key = new KeyPlan(KeyPlan.KeyKind.PRIMARY_KEY, sources, targets,
                names.generated("constraint", owned.target, owned.target + "_pkey"));
    }

    /** The owner columns' base name for a key column of {@code table}: {@code customers_id} for {@code _id}. */
    static String ownerColumn(String table, String keyColumn) {
        return table + "_" + (keyColumn.startsWith("_") ? keyColumn.substring(1) : keyColumn);
    }
}
