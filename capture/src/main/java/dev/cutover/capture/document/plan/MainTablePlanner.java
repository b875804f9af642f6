package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.KeyPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans a collection's main table: the key's columns, one column per top-level field (names kept exactly; a reference
 * takes the referenced column's type, a declared enum its enum type, anything else its profile's type), and the
 * {@code _extra} column that keeps every field without a column. Fields declared ignored, and array fields that land
 * in owned tables, get no column. Field names are claimed before the columns Cutover adds, so a field keeps its name
 * even when it is called {@code _extra}.
 *
 * <p>A collection a Prisma model maps has a column per field the model stores, in the schema's order, typed by the
 * schema ({@link PrismaColumns}) whether or not the documents hold it; fields of the documents the model lacks land in
 * {@code _extra}, and the plan says which. The model's names that differ from the documents' are kept as aliases.
 */
final class MainTablePlanner {
    private final Planning planning;
    private final CollectionProfile profile;
    private final CollectionKey key;
    private final DocumentTableDraft draft;

    private MainTablePlanner(Planning planning, CollectionProfile profile, String target) {
        this.planning = planning;
        this.profile = profile;
        this.key = planning.keys.get(profile.name());
        this.draft = new DocumentTableDraft(profile.name(), target, planning.names);
    }

    /**
     * @param feeds     the collection's array fields whose elements land in owned tables
     * @param flattened the collection's fields whose embedded documents' fields are columns ({@link FlattenedFields})
     */
    static DocumentTableDraft plan(Planning planning, CollectionProfile profile, String target, Set<String> feeds,
                           List<String> flattened) {
        return new MainTablePlanner(planning, profile, target).plan(feeds, flattened);
    }

    private DocumentTableDraft plan(Set<String> feeds, List<String> flattened) {
        PrismaMapping.Model model = planning.model(profile.name());
        List<String> fields = profile.top().fields().stream().map(FieldProfile::name)
                .filter(f -> !key.fields().contains(f) && !planning.ignored(profile.name(), f) && !feeds.contains(f))
                .collect(Collectors.toList());
        if (model != null) {
            fields = stored(model, fields, feeds);
        }
        Map<CollectionKey.Column, String> keyNames = new LinkedHashMap<>();
        key.columns().stream().filter(c -> !c.added()).forEach(c -> keyNames.put(c, draft.names.field(c.name())));
        List<String> fieldNames = fields.stream().map(f -> flattened.contains(f) ? null : draft.names.field(f))
                .collect(Collectors.toList());
        Map<String, List<ColumnPlan>> flatColumns = new LinkedHashMap<>();
        for (String field : flattened) {
            flatColumns.put(field, FlattenedFields.subfields(profile, field).stream().map(sub -> FlattenedFields
                    .column(planning, profile, field, sub, draft.names.added(field + "_" + sub.name()))).toList());
        }
        key.columns().stream().filter(CollectionKey.Column::added)
                .forEach(c -> keyNames.put(c, draft.names.added(c.name())));
        String extra = draft.names.added(DocumentPlan.EXTRA_COLUMN);
        for (CollectionKey.Column column : key.columns()) {
            draft.columns.add(DocumentTableDraft.column(column.source(), keyNames.get(column), column.type(), true,
                    column.note()));
        }
        for (int i = 0; i < fields.size(); i++) {
            if (flatColumns.containsKey(fields.get(i))) {
                draft.columns.addAll(flatColumns.get(fields.get(i)));
            } else {
                draft.columns.add(column(model, fields.get(i), fieldNames.get(i)));
            }
        }
        draft.columns.add(DocumentTableDraft.column(extra, extra, "jsonb", false, "every field without a column (one "
                + "first seen while streaming, or beyond the fields profiled), as relaxed Extended JSON"));
        List<String> keyTargets = key.columns().stream().map(keyNames::get).collect(Collectors.toList());
        draft.key = new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, sources(), keyTargets,
                planning.names.generated("constraint", draft.target, draft.target + "_pkey"));
        draft.document = new DocumentPlan(profile.name(), null, extra, List.of(), ignored(), List.of(), Map.of(),
                flattened);
        flattened.forEach(f -> draft.notes.add(f + " flattened (declared): the fields of its embedded documents are "
                + "columns " + f + "_<field>; its other fields, and a value that is not a document, land in " + extra
                + " under " + f));
        draft.rows = profile.documents();
        notes();
        if (model != null) {
            schemaNotes(model, feeds);
        }
        return draft;
    }

    /**
     * The model's stored fields that get a column, in the schema's order, then the fields of the documents the model
     * lacks that a declared reference makes columns.
     */
    private List<String> stored(PrismaMapping.Model model, List<String> profiled, Set<String> feeds) {
        List<String> fields = model.fields().stream().map(PrismaMapping.Field::document)
                .filter(f -> !key.fields().contains(f) && !planning.ignored(profile.name(), f) && !feeds.contains(f))
                .collect(Collectors.toList());
        profiled.stream().filter(f -> model.field(f).isEmpty() && planning.links.containsKey(FieldPath.top(
                profile.name(), f))).forEach(fields::add);
        return fields;
    }

    private ColumnPlan column(PrismaMapping.Model model, String field, String target) {
        FieldPath path = FieldPath.top(profile.name(), field);
        Optional<PrismaMapping.Field> declared = model == null ? Optional.empty() : model.field(field);
        if (declared.isPresent()) {
            return PrismaColumns.column(planning, path, declared.get(), profile.field(field), target,
                    profile.documents());
        }
        return FieldColumns.column(planning, path, profile.field(field), target, profile.documents());
    }

    /** The model's other names, the fields it lacks (which land in the extra column), and the data's contradictions. */
    private void schemaNotes(PrismaMapping.Model model, Set<String> feeds) {
        if (!model.name().equals(profile.name())) {
            draft.aliases.put(DocumentPlan.TABLE_ALIAS, model.name());
        }
        model.fields().stream().filter(f -> !f.name().equals(f.document()) && draft.column(f.document()).isPresent())
                .forEach(f -> draft.aliases.put(f.document(), f.name()));
        for (FieldProfile field : profile.top().fields()) {
            String name = field.name();
            if (model.field(name).isEmpty() && draft.column(name).isEmpty() && !feeds.contains(name)
                    && !planning.ignored(profile.name(), name)) {
                draft.extraFields.add(name);
            }
        }
        if (!draft.extraFields.isEmpty()) {
            String fields = draft.extraFields.stream().map(f -> f + " (" + Texts.count(profile.field(f).present(),
                    "document") + ")").collect(Collectors.joining(", "));
            draft.notes.add("fields the Prisma model " + model.name() + " lacks land in " + draft.document.extraColumn()
                    + ": " + fields);
            planning.warnings.add("collection " + profile.name() + ": the documents hold fields the Prisma model "
                    + model.name() + " lacks, which land in " + draft.document.extraColumn() + ": " + fields
                    + "; add them to the schema to give them columns, or declare them ignored");
        }
        SchemaCheck check = profile.schemaCheck();
        if (check != null) {
            check.contradictions().forEach(c -> planning.warnings.add(c + "; the schema does not allow this, so "
                    + "such documents go to the error log when migrated instead of being converted"));
        }
    }

    private List<String> sources() {
        return key.columns().stream().map(CollectionKey.Column::source).collect(Collectors.toList());
    }

    private List<String> ignored() {
        return planning.declared.ignore().stream().filter(f -> f.collection().equals(profile.name()))
                .map(f -> f.field()).distinct().collect(Collectors.toList());
    }

    private void notes() {
        draft.notes.add(key.note());
        ShapeProfile top = profile.top();
        if (top.unprofiledValues() > 0) {
            draft.notes.add(top.unprofiledValues() + " values of fields beyond the first " + ShapeProfile.TOP_FIELDS
                    + " field names (e.g. " + String.join(", ", top.unprofiledExamples()) + ") have no column and go "
                    + "to " + draft.document.extraColumn() + "; a collection with this many field names is usually "
                    + "keyed by data");
        }
        if (profile.unreadableCount() > 0) {
            planning.warnings.add("collection " + profile.name() + ": " + Texts.count(profile.unreadableCount(),
                    "document") + " could not be read and " + (profile.unreadableCount() == 1 ? "is" : "are")
                    + " not in this plan's profile: " + String.join("; ", profile.unreadable()));
        }
    }
}
