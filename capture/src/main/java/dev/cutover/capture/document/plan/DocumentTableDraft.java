package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.ForeignKeyPlan;
import dev.cutover.schemas.plan.IndexPlan;
import dev.cutover.schemas.plan.KeyPlan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A table while it is planned: columns, key and document first, then feeds, indexes and foreign keys are added. */
final class DocumentTableDraft {
    final String source;
    final String target;
    final TargetNames.Columns names;
    final List<ColumnPlan> columns = new ArrayList<>();
    final List<IndexPlan> indexes = new ArrayList<>();
    final List<ForeignKeyPlan> foreignKeys = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<ArrayFeed> feeds = new ArrayList<>();
    /** Fields given no column on purpose, which land in the extra column ({@link DocumentPlan#extraFields()}). */
    final List<String> extraFields = new ArrayList<>();
    /** The schema's other names of the table and its columns ({@link DocumentPlan#aliases()}). */
    final Map<String, String> aliases = new LinkedHashMap<>();
    KeyPlan key;
    long rows;
    DocumentPlan document;

    DocumentTableDraft(String source, String target, TargetNames names) {
        this.source = source;
        this.target = target;
        this.names = names.columns(target);
    }

    static ColumnPlan column(String source, String target, String type, boolean notNull, String note) {
        return new ColumnPlan(source, target, "", type, notNull, null, null, false, null, null, note);
    }

    Optional<ColumnPlan> column(String sourceName) {
        return columns.stream().filter(c -> c.source().equals(sourceName)).findFirst();
    }

    /** The key's target columns, in key order. */
    List<String> keyColumns() {
        return key.targetColumns();
    }

    /** The key columns' types, in key order. */
    List<String> keyTypes() {
        List<String> types = new ArrayList<>();
        for (String name : key.targetColumns()) {
            types.add(columns.stream().filter(c -> c.target().equals(name)).findFirst().orElseThrow().targetType());
        }
        return types;
    }

    /** The column of a document field, by the field's name or its name in the schema. */
    Optional<ColumnPlan> field(String name) {
        return columns.stream().filter(c -> c.target().equals(name) || c.source().equals(name)
                || name.equals(aliases.get(c.source()))).findFirst();
    }

    TablePlan build() {
        DocumentPlan built = new DocumentPlan(document.collection(), document.arrayField(), document.extraColumn(),
                document.owned() ? List.of() : feeds, document.ignored(), extraFields, aliases, document.flattened());
        return new TablePlan(source, target, key, columns, indexes, List.of(), foreignKeys, rows, notes, built);
    }
}
