package dev.cutover.transform.document;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.RowSet;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.ColumnPlan;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonValue;

/**
 * One {@link ArrayFeed}: a document's array field as the set of rows it owns in another table. A junction gets one
 * row per distinct element (owner, element); a child table one row per element (owner, position from 0, the element's
 * fields, its own extra column). A missing or null array owns no rows; so does a deleted document. Immutable and
 * thread-safe.
 */
final class OwnedRows {
    private final ArrayFeed feed;
    private final DocumentRowShape shape;
    private final FieldColumn element;

    OwnedRows(ArrayFeed feed, Plan plan) {
        this.feed = feed;
        TablePlan owned = plan.targetTable(feed.table()).orElseThrow(() -> CutoverException.config("the array field "
                + feed.field() + " feeds table " + feed.table() + ", which the plan does not have; fix plan.json or"
                + " plan again"));
        int owners = feed.ownerColumns().size();
        this.shape = new DocumentRowShape(owned, column -> given(column, owned, owners),
                Set.copyOf(owned.document() == null ? List.of() : owned.document().ignored()), plan);
        this.element = feed.kind() == ArrayFeed.Kind.JUNCTION ? new FieldColumn(owned.columns().stream()
                .filter(c -> c.target().equals(feed.elementColumn())).findFirst()
                .orElseThrow(() -> CutoverException.config("junction table " + owned.target() + " has no column "
                        + feed.elementColumn() + " for the elements of " + feed.field() + "; fix plan.json or plan"
                        + " again")), plan) : null;
    }

    /**
     * Owner columns take the owner's key values, then the position or element follows them. The feed names its own
     * owner and element columns: a junction shared by two collections marks one side's column as the owner and the
     * other's as the element, and the other side's feed uses them the other way round.
     */
    private int given(ColumnPlan column, TablePlan owned, int owners) {
        int at = feed.ownerColumns().indexOf(column.target());
        if (at >= 0) {
            return at;
        }
        if (column.target().equals(feed.elementColumn())) {
            return owners;
        }
        if (column.source().equals(DocumentPlan.OWNER) || column.source().equals(DocumentPlan.ELEMENT)
                || column.source().equals(DocumentPlan.INDEX)) {
            throw CutoverException.config("table " + owned.target() + ": column " + column.target() + " holds an"
                    + " owner's key or an element, but the feed of " + feed.field() + " names neither it (owner columns "
                    + feed.ownerColumns() + ", element column " + feed.elementColumn() + "); fix plan.json or plan"
                    + " again");
        }
        return -1;
    }

    String field() {
        return feed.field();
    }

    /**
     * The rows {@code array} (null when the document lacks the field) makes for the owner with this key.
     *
     * @param rounded where {@code table.column} is added for each value that landed rounded from float noise
     */
    RowSet set(List<Object> owner, BsonValue array, List<String> rounded) {
        if (array == null || array.isNull()) {
            return empty(owner);
        }
        if (!array.isArray()) {
            throw new Rejection(feed.field(), "field \"" + feed.field() + "\" holds " + BsonTypes.describe(array)
                    + ", but the plan makes its elements rows of " + feed.table() + ", so it must be an array; fix the"
                    + " document in the source, or plan again (cutover plan)");
        }
        List<String> ownRounded = new ArrayList<>(0);
        List<List<Object>> rows = feed.kind() == ArrayFeed.Kind.JUNCTION
                ? pairs(owner, array.asArray(), ownRounded) : children(owner, array.asArray(), ownRounded);
        ownRounded.forEach(column -> rounded.add(feed.table() + "." + column));
        return new RowSet(feed.table(), feed.ownerColumns(), owner, shape.targets(), rows);
    }

    /** No rows: what a deleted document, or one without the array, owns. */
    RowSet empty(List<Object> owner) {
        return new RowSet(feed.table(), feed.ownerColumns(), owner, shape.targets(), List.of());
    }

    private List<List<Object>> pairs(List<Object> owner, BsonArray elements, List<String> rounded) {
        Set<Object> distinct = new LinkedHashSet<>();
        for (int i = 0; i < elements.size(); i++) {
            Object converted = element.convert(elements.get(i), feed.field() + "[" + i + "]", rounded);
            distinct.add(converted instanceof Long number ? number.toString() : converted);
        }
        List<List<Object>> rows = new ArrayList<>(distinct.size());
        for (Object value : distinct) {
            rows.add(Arrays.asList(shape.row(null, given(owner, value), feed.field(), rounded)));
        }
        return rows;
    }

    private List<List<Object>> children(List<Object> owner, BsonArray elements, List<String> rounded) {
        List<List<Object>> rows = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            BsonValue value = elements.get(i);
            String path = feed.field() + "[" + i + "]";
            if (!value.isDocument()) {
                throw new Rejection(path, "field \"" + path + "\" holds " + BsonTypes.describe(value) + ", but the"
                        + " elements of " + feed.field() + " become rows of " + feed.table() + " and must be documents;"
                        + " fix the document in the source, or plan again (cutover plan) to keep the array as jsonb");
            }
            rows.add(Arrays.asList(shape.row(value.asDocument(), given(owner, Integer.toString(i)), path, rounded)));
        }
        return rows;
    }

    private static Object[] given(List<Object> owner, Object last) {
        Object[] values = owner.toArray(new Object[owner.size() + 1]);
        values[owner.size()] = last;
        return values;
    }
}
