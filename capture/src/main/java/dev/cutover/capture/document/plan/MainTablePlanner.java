package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.KeyPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans a collection's main table: the key's columns, one column per top-level field (names kept exactly; a reference
 * takes the referenced column's type, a declared enum its enum type, anything else its profile's type), and the
 * {@code _extra} column that keeps every field without a column. Fields declared ignored, and array fields that land
 * in owned tables, get no column. Field names are claimed before the columns Cutover adds, so a field keeps its name
 * even when it is called {@code _extra}.
 */
final class MainTablePlanner {
    private final Planning planning;
    private final CollectionProfile profile;
    private final CollectionKey key;
    private final TableDraft draft;

    private MainTablePlanner(Planning planning, CollectionProfile profile, String target) {
        this.planning = planning;
        this.profile = profile;
        this.key = planning.keys.get(profile.name());
        this.draft = new TableDraft(profile.name(), target, planning.names);
    }

    /**
     * @param feeds the collection's array fields whose elements land in owned tables
     */
    static TableDraft plan(Planning planning, CollectionProfile profile, String target, Set<String> feeds) {
        return new MainTablePlanner(planning, profile, target).plan(feeds);
    }

    private TableDraft plan(Set<String> feeds) {
        List<FieldProfile> fields = profile.top().fields().stream()
                .filter(f -> !key.fields().contains(f.name()) && !planning.ignored(profile.name(), f.name())
                        && !feeds.contains(f.name()))
                .collect(Collectors.toList());
        Map<CollectionKey.Column, String> keyNames = new LinkedHashMap<>();
        key.columns().stream().filter(c -> !c.added()).forEach(c -> keyNames.put(c, draft.names.field(c.name())));
        List<String> fieldNames = fields.stream().map(f -> draft.names.field(f.name())).collect(Collectors.toList());
        key.columns().stream().filter(CollectionKey.Column::added)
                .forEach(c -> keyNames.put(c, draft.names.added(c.name())));
        String extra = draft.names.added(DocumentPlan.EXTRA_COLUMN);
        for (CollectionKey.Column column : key.columns()) {
            draft.columns.add(TableDraft.column(column.source(), keyNames.get(column), column.type(), true,
                    column.note()));
        }
        for (int i = 0; i < fields.size(); i++) {
            draft.columns.add(column(fields.get(i), fieldNames.get(i)));
        }
        draft.columns.add(TableDraft.column(extra, extra, "jsonb", false, "every field without a column (one first "
                + "seen while streaming, or beyond the fields profiled), as relaxed Extended JSON"));
        List<String> keyTargets = key.columns().stream().map(keyNames::get).collect(Collectors.toList());
        draft.key = new KeyPlan(KeyPlan.KeyKind.DOCUMENT_ID, sources(), keyTargets,
                planning.names.generated("constraint", draft.target, draft.target + "_pkey"));
        draft.document = new DocumentPlan(profile.name(), null, extra, List.of(), ignored());
        draft.rows = profile.documents();
        notes();
        return draft;
    }

    private ColumnPlan column(FieldProfile field, String target) {
        return FieldColumns.column(planning, FieldPath.top(profile.name(), field.name()), field, target,
                profile.documents());
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
