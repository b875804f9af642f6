package dev.cutover.capture.sqlite.plan;

import static dev.cutover.schemas.plan.Identifiers.quote;

import dev.cutover.capture.sqlite.plan.ExpressionTranslator.ColumnRef;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans a table's secondary indexes, unique constraints and (for FTS tables) its full-text index. COLLATE NOCASE
 * elements become {@code lower(col)} and RTRIM ones {@code rtrim(col)}, so uniqueness keeps SQLite's meaning; a
 * NOCASE primary key gets such a unique index beside the (case-sensitive) PostgreSQL primary key. A declared primary
 * key that is not the table's key (it holds NULLs, so the table is keyed by rowid) becomes a unique index.
 */
final class IndexPlanner {
    private final SourceTable table;
    private final Map<String, String> targetNames;
    private final Map<String, TypedColumn> types;
    private final ExpressionTranslator translator;
    private final NameRegistry names;
    private final Findings findings;
    private final List<Set<String>> uniqueKeys = new ArrayList<>();

    IndexPlanner(SourceTable table, Map<String, String> targetNames, Map<String, TypedColumn> types,
            Map<String, ColumnRef> references, NameRegistry names, Findings findings) {
        this.table = table;
        this.targetNames = targetNames;
        this.types = types;
        this.translator = ExpressionTranslator.forIndexes(references);
        this.names = names;
        this.findings = findings;
    }

    List<IndexPlan> plan(KeyPlan key) {
        List<IndexPlan> indexes = new ArrayList<>();
        if (table.fullText() != null) {
            indexes.add(fullText());
        }
        for (SourceIndex index : table.indexes()) {
            try {
                IndexPlan plan = index.origin().equals("pk") && key.kind() == KeyPlan.KeyKind.PRIMARY_KEY
                        ? caseInsensitiveKey(index) : index(index);
                if (plan != null) {
                    indexes.add(plan);
                }
            } catch (Untranslatable | SqlSyntaxException e) {
                findings.warn("table " + quote(table.name()) + " index " + quote(index.name()) + " is not created ("
                        + e.getMessage() + "); source: " + describe(index) + "; create an equivalent by hand if "
                        + "needed" + (index.unique() ? " (its uniqueness is not enforced meanwhile)" : ""));
            }
        }
        return indexes;
    }

    /** Target column sets a foreign key can reference; valid once {@link #plan} ran. */
    List<Set<String>> uniqueKeys(KeyPlan key) {
        List<Set<String>> keys = new ArrayList<>(uniqueKeys);
        if (key.kind() == KeyPlan.KeyKind.PRIMARY_KEY) {
            keys.add(0, new HashSet<>(key.targetColumns()));
        }
        return keys;
    }

    private IndexPlan index(SourceIndex index) {
        IndexDefinition definition = index.sql() == null ? null : IndexDefinition.parse(index.sql());
        List<String> elements = new ArrayList<>();
        boolean plain = true;
        for (int i = 0; i < index.columns().size(); i++) {
            SourceIndex.Column column = index.columns().get(i);
            String element = column.cid() == -2 ? expression(definition, i, column) : column(column);
            plain &= column.cid() >= 0 && element.equals(quote(targetNames.get(column.name())));
            elements.add(element + (column.descending() ? " DESC" : ""));
        }
        String where = null;
        if (index.partial()) {
            if (definition == null || definition.where() == null) {
                throw new Untranslatable("its WHERE clause cannot be read");
            }
            Translation translation = translator.condition(definition.where());
            if (!translation.translated()) {
                throw new Untranslatable("WHERE " + TablePlanner.oneLine(definition.where()) + ": " + translation.failure());
            }
            where = translation.sql();
        }
        if (index.unique() && plain && where == null) {
            uniqueKeys.add(index.columns().stream().map(c -> targetNames.get(c.name())).collect(Collectors.toSet()));
        }
        return new IndexPlan(name(index), index.unique(), elements, where, describe(index));
    }

    private String column(SourceIndex.Column column) {
        if (column.cid() == -1) {
            throw new Untranslatable("it indexes the rowid, which PostgreSQL tables do not have");
        }
        String quoted = quote(targetNames.get(column.name()));
        String collation = column.collation() == null ? "BINARY" : column.collation().toUpperCase(Locale.ROOT);
        boolean text = ValueType.ofPg(types.get(column.name()).pgType()) == ValueType.TEXT;
        if (text && collation.equals("NOCASE")) {
            return "lower(" + quoted + ")";
        }
        if (text && collation.equals("RTRIM")) {
            return "rtrim(" + quoted + ")";
        }
        if (text && !collation.equals("BINARY")) {
            throw new Untranslatable("collation " + column.collation() + " has no PostgreSQL counterpart here");
        }
        return quoted;
    }

    private String expression(IndexDefinition definition, int position, SourceIndex.Column column) {
        if (definition == null || position >= definition.elements().size()) {
            throw new Untranslatable("its expression cannot be read");
        }
        String expression = definition.elements().get(position).expression();
        Translation translation = translator.indexElement(expression);
        if (!translation.translated()) {
            throw new Untranslatable(TablePlanner.oneLine(expression) + ": " + translation.failure());
        }
        String collation = column.collation() == null ? "BINARY" : column.collation().toUpperCase(Locale.ROOT);
        if (!collation.equals("BINARY")) {
            throw new Untranslatable("COLLATE " + column.collation() + " on an expression");
        }
        return translation.sql();
    }

    /** A primary key compared case-insensitively (NOCASE) or without trailing spaces (RTRIM) in SQLite. */
    private IndexPlan caseInsensitiveKey(SourceIndex index) {
        List<String> elements = new ArrayList<>();
        boolean collated = false;
        for (SourceIndex.Column column : index.columns()) {
            String element = column(column);
            collated |= !element.equals(quote(targetNames.get(column.name())));
            elements.add(element);
        }
        if (!collated) {
            return null;
        }
        String base = table.name() + "_" + index.columns().stream().map(SourceIndex.Column::name)
                .collect(Collectors.joining("_")) + "_key";
        return new IndexPlan(names.relation("index", table.name(), null, base), true, elements, null, describe(index));
    }

    private IndexPlan fullText() {
        Set<String> unindexed = table.fullText().unindexed().stream().map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<String> parts = table.columns().stream().filter(c -> !unindexed.contains(c.name().toLowerCase(Locale.ROOT)))
                .map(c -> "coalesce(" + quote(targetNames.get(c.name())) + ", '')").collect(Collectors.toList());
        String document = parts.isEmpty() ? "''" : String.join(" || ' ' || ", parts);
        String name = names.relation("index", table.name(), null, table.name() + "_fts_idx");
        return new IndexPlan(name, false, List.of("to_tsvector('simple', " + document + ")"), null,
                table.object().sql(), "gin");
    }

    private String name(SourceIndex index) {
        List<String> columns = index.columns().stream()
                .map(c -> c.name() == null ? "expr" : c.name()).collect(Collectors.toList());
        String base = table.name() + "_" + String.join("_", columns) + (index.unique() ? "_key" : "_idx");
        if (index.origin().equals("c")) {
            return names.relation("index", table.name(), index.name(), base);
        }
        List<String> sourceColumns = index.columns().stream().map(SourceIndex.Column::name).collect(Collectors.toList());
        return names.relation("index", table.name(), table.definition().uniqueName(sourceColumns).orElse(null), base);
    }

    private static String describe(SourceIndex index) {
        if (index.sql() != null) {
            return TablePlanner.oneLine(index.sql());
        }
        String columns = index.columns().stream().map(c -> c.name() == null ? "?" : c.name())
                .collect(Collectors.joining(", "));
        return (index.origin().equals("pk") ? "PRIMARY KEY (" : "UNIQUE (") + columns + ")";
    }
}
