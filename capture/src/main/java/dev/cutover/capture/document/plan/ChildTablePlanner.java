package dev.cutover.capture.document.plan;

import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.DocumentPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plans a child table for a declared array of documents: the owning document's key, the element's position
 * ({@code _index}, from 0), one column per field of the element documents (planned by the same rules as a main table's;
 * the elements' own arrays of documents stay {@code jsonb}), and an {@code _extra} column; keyed by owner and
 * position, with a cascading foreign key to the owner. On every change of the document its child rows become exactly
 * its array's elements.
 */
final class ChildTablePlanner {
    static final String INDEX_COLUMN = "_index";

    private final Planning planning;
    private final DocumentTableDraft owner;
    private final String field;
    private final ShapeProfile elements;

    private ChildTablePlanner(Planning planning, String collection, String field, ShapeProfile elements) {
        this.planning = planning;
        this.owner = planning.mains.get(collection);
        this.field = field;
        this.elements = elements;
    }

    /** The declared child arrays that can be child tables, as top-level fields; a warning for every other one. */
    static List<FieldPath> accepted(Planning planning) {
        List<FieldPath> accepted = new ArrayList<>();
        for (var declared : planning.declared.children()) {
            FieldPath path = FieldPath.top(declared.collection(), declared.field());
            String problem = problem(planning, path);
            if (problem != null) {
                planning.warnings.add("declared child table " + path + " is not planned: " + problem);
            } else if (!accepted.contains(path)) {
                accepted.add(path);
            }
        }
        return accepted;
    }

    static void plan(Planning planning, FieldPath path) {
        FieldProfile array = planning.profiles.get(path.collection()).field(path.field());
        new ChildTablePlanner(planning, path.collection(), path.field(), array.array().elements().fields()).plan(array);
    }

    private static String problem(Planning planning, FieldPath path) {
        CollectionProfile profile = planning.profiles.get(path.collection());
        FieldProfile field = profile == null ? null : profile.field(path.field());
        if (field == null) {
            return "no document has that field";
        }
        if (planning.ignored(path.collection(), path.field()) || planning.links.containsKey(path)) {
            return "the field is also declared ignored or a reference";
        }
        if (field.array() == null || field.array().elements().fields() == null) {
            return "it holds no arrays of documents (" + field.kinds().describe() + ")";
        }
        return null;
    }

    private void plan(FieldProfile array) {
        DocumentTableDraft child = new DocumentTableDraft(owner.source + "." + field + "[]",
                planning.names.generated("table", null, owner.target + "_" + field), planning.names);
        List<FieldProfile> fields = elements.fields();
        List<String> fieldNames = fields.stream().map(f -> child.names.field(f.name())).collect(Collectors.toList());
        List<String> owners = Planning.ownerColumns(child, owner,
                "the key of the " + owner.source + " document whose " + field + " array holds the element");
        String index = child.names.added(INDEX_COLUMN);
        child.columns.add(DocumentTableDraft.column(DocumentPlan.INDEX, index, "integer", true,
                "the element's position in the array, from 0"));
        for (int i = 0; i < fields.size(); i++) {
            child.columns.add(FieldColumns.column(planning, new FieldPath(owner.source, field, fields.get(i).name()),
                    fields.get(i), fieldNames.get(i), elements.documents()));
        }
        String extra = child.names.added(DocumentPlan.EXTRA_COLUMN);
        child.columns.add(DocumentTableDraft.column(extra, extra, "jsonb", false,
                "every field of an element without a column, as relaxed Extended JSON"));
        planning.ownedKey(child, owners, DocumentPlan.INDEX, index);
        child.document = DocumentPlan.owned(owner.source, field, extra);
        child.rows = elements.documents();
        notes(child, array);
        planning.foreignKey(child, owners, owner.target, owner.keyColumns(), "CASCADE");
        owner.feeds.add(new ArrayFeed(field, ArrayFeed.Kind.CHILDREN, child.target, owners, index));
        planning.children.put(FieldPath.top(owner.source, field), child);
        planning.addOwned(owner.source, child);
    }

    private void notes(DocumentTableDraft child, FieldProfile array) {
        child.notes.add("child table of " + owner.source + "." + field + " (declared): one row per element, replaced "
                + "as a set on every change of the document");
        long notArrays = array.nonNull() - array.kinds().get(ValueKind.ARRAY);
        FieldProfile items = array.array().elements();
        long notDocuments = items.nonNull() - items.kinds().get(ValueKind.DOCUMENT);
        if (notArrays > 0 || notDocuments > 0) {
            planning.warnings.add(owner.source + "." + field + ": " + notArrays + " values are not arrays and "
                    + notDocuments + " elements are not documents; a child table has no row for them: make them "
                    + "documents, or drop the declaration to keep the field as jsonb");
        }
        if (elements.unprofiledValues() > 0) {
            child.notes.add(elements.unprofiledValues() + " values of element fields beyond the first "
                    + ShapeProfile.NESTED_FIELDS + " names (e.g. " + String.join(", ", elements.unprofiledExamples())
                    + ") have no column and go to the extra column");
        }
    }
}
