package dev.cutover.transform.document;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.transform.convert.ColumnConverter;
import dev.cutover.transform.convert.ConversionException;
import dev.cutover.transform.convert.Converters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * How one table's written columns take their values from a document: some columns are <em>given</em> by the caller
 * (a main row's key, taken from the event's key; an owned row's owner, position or element), the others come from the
 * document's fields, and every field that is neither a column nor skipped (fed to an owned table, part of the key,
 * ignored by the plan) goes to the table's extra column as one relaxed Extended JSON object, in document order. A
 * flattened field's embedded document fills the columns of its fields; its fields without a column go to the extra
 * column as a document under the field's name, and so does a value that is not a document (or an empty one), so the
 * document can be told back exactly. Immutable and thread-safe.
 */
final class DocumentRowShape {
    private final String table;
    private final List<String> targets;
    private final int[] given;
    private final FieldColumn[] columns;
    private final Map<String, Integer> positions = new HashMap<>();
    /** Per flattened field, the positions of its fields' columns by field name. */
    private final Map<String, Map<String, Integer>> flattened = new HashMap<>();
    private final int extra;
    private final ColumnConverter extraConverter;
    private final Set<String> skipped;

    /**
     * @param givenIndex for each written column, the index of its value among the given values, or -1 when a field
     *                   of the document feeds it
     * @param skipped    fields that are neither columns nor extra
     */
    DocumentRowShape(TablePlan table, ToIntFunction<ColumnPlan> givenIndex, Set<String> skipped, Plan plan) {
        this.table = table.target();
        this.skipped = Set.copyOf(skipped);
        String extraName = table.document() == null ? null : table.document().extraColumn();
        List<ColumnPlan> written = table.columns().stream().filter(ColumnPlan::written).toList();
        List<String> names = new ArrayList<>(written.size());
        given = new int[written.size()];
        columns = new FieldColumn[written.size()];
        int extraAt = -1;
        ColumnConverter extraJson = null;
        for (int i = 0; i < written.size(); i++) {
            ColumnPlan column = written.get(i);
            names.add(column.target());
            given[i] = givenIndex.applyAsInt(column);
            if (given[i] >= 0) {
                continue;
            }
            if (column.target().equals(extraName)) {
                extraAt = i;
                extraJson = Converters.forColumn(column);
            } else {
                columns[i] = new FieldColumn(column, plan);
                String parent = table.document() == null ? null : table.document().flattenedParent(column.source());
                if (parent == null) {
                    positions.put(column.source(), i);
                } else {
                    flattened.computeIfAbsent(parent, p -> new HashMap<>())
                            .put(column.source().substring(parent.length() + 1), i);
                }
            }
        }
        if (extraName != null && extraAt < 0) {
            throw CutoverException.config("table " + table.target() + ": its extra column " + extraName
                    + " is not among its columns; fix plan.json or plan again");
        }
        this.targets = Collections.unmodifiableList(names);
        this.extra = extraAt;
        this.extraConverter = extraJson;
    }

    /** The written target columns, in plan order: the same list for every row. */
    List<String> targets() {
        return targets;
    }

    /**
     * One row's values, parallel to {@link #targets()}.
     *
     * @param document the fields, or null for a row that has none (a junction row)
     * @param values   the given values
     * @param path     where the fields are, for messages: "" for a document, e.g. {@code messages[2]} for an element
     * @param rounded  where the names of columns whose double landed rounded from float noise are added
     * @throws Rejection when a field cannot land in its column, or has no column and there is no extra column
     */
    Object[] row(BsonDocument document, Object[] values, String path, List<String> rounded) {
        Object[] row = new Object[targets.size()];
        boolean[] filled = new boolean[row.length];
        BsonDocument extras = null;
        if (document != null) {
            for (Map.Entry<String, BsonValue> field : document.entrySet()) {
                Integer at = positions.get(field.getKey());
                Map<String, Integer> subfields = flattened.get(field.getKey());
                if (at != null) {
                    row[at] = columns[at].convert(field.getValue(), path(path, field.getKey()), rounded);
                    filled[at] = true;
                } else if (subfields != null) {
                    BsonValue rest = flatten(field.getValue(), subfields, row, filled, path(path, field.getKey()),
                            rounded);
                    if (rest != null) {
                        extras = extras == null ? new BsonDocument() : extras;
                        extras.put(field.getKey(), rest);
                    }
                } else if (!skipped.contains(field.getKey())) {
                    extras = extras == null ? new BsonDocument() : extras;
                    extras.put(field.getKey(), field.getValue());
                }
            }
        }
        for (int i = 0; i < row.length; i++) {
            if (given[i] >= 0) {
                row[i] = values[given[i]];
            } else if (columns[i] != null && !filled[i]) {
                row[i] = columns[i].convert(null, path(path, columns[i].field()), rounded);
            }
        }
        if (extras != null) {
            row[extra(extras, path)] = extraValue(extras, path);
        }
        return row;
    }

    /**
     * Fills the columns of a flattened field's embedded document; returns what the extra column keeps of the value
     * (its fields without a column, an empty document, or a value that is not a document), or null for nothing.
     */
    private BsonValue flatten(BsonValue value, Map<String, Integer> subfields, Object[] row, boolean[] filled,
                              String path, List<String> rounded) {
        if (!value.isDocument()) {
            return value;
        }
        BsonDocument embedded = value.asDocument();
        BsonDocument rest = embedded.isEmpty() ? new BsonDocument() : null;
        for (Map.Entry<String, BsonValue> field : embedded.entrySet()) {
            Integer at = subfields.get(field.getKey());
            if (at != null) {
                row[at] = columns[at].convert(field.getValue(), path(path, field.getKey()), rounded);
                filled[at] = true;
            } else {
                rest = rest == null ? new BsonDocument() : rest;
                rest.put(field.getKey(), field.getValue());
            }
        }
        return rest;
    }

    private int extra(BsonDocument extras, String path) {
        if (extra < 0) {
            String field = path(path, extras.getFirstKey());
            throw new Rejection(field, "field \"" + field + "\" has no column in table " + table + ", and the table has"
                    + " no extra column to keep it; plan again (cutover plan), or add the field to the table's ignored"
                    + " fields in plan.json");
        }
        return extra;
    }

    private Object extraValue(BsonDocument extras, String path) {
        try {
            return extraConverter.convert(ExtendedJsonWriter.of(extras));
        } catch (ConversionException e) {
            String where = path.isEmpty() ? "" : " of " + path;
            throw new Rejection(path.isEmpty() ? null : path, "the fields without a column" + where + " "
                    + extras.keySet() + " go to " + targets.get(extra) + ", but " + e.getMessage());
        }
    }

    private static String path(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }
}
