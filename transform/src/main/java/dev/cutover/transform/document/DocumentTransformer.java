package dev.cutover.transform.document;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.avro.RowSet;
import dev.cutover.schemas.plan.ArrayFeed;
import dev.cutover.schemas.plan.DocumentPlan;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import dev.cutover.transform.TransformResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * Applies a collection's main-table plan to its document events: one event becomes one row change of the main table
 * carrying one set replacement ({@link RowSet}) per array field the plan feeds to an owned table, or one rejection
 * (whose dead letter holds the original key and document as relaxed Extended JSON, see {@link DocumentEvents}). See
 * the package documentation for the rules. Values rounded from float noise are named in the result's
 * {@code rounded}: a main-table column by its name, an owned table's as {@code table.column}. Immutable and
 * thread-safe.
 */
public final class DocumentTransformer {
    private final TablePlan table;
    private final DocumentKeyReader key;
    private final DocumentRowShape shape;
    private final List<OwnedRows> feeds = new ArrayList<>();

    /**
     * @param table a main table of a document source (its plan has a {@link DocumentPlan} that is not owned)
     * @throws CutoverException (bad configuration) when the plan cannot work: a key or owned table it names is missing
     */
    public DocumentTransformer(TablePlan table, Plan plan) {
        if (table.document() == null || table.document().owned()) {
            throw new IllegalArgumentException("table " + table.target() + " is not the main table of a collection");
        }
        this.table = table;
        this.key = new DocumentKeyReader(table, plan);
        Set<String> skipped = new HashSet<>(key.documentFields());
        skipped.addAll(table.document().ignored());
        for (ArrayFeed feed : table.document().arrays()) {
            feeds.add(new OwnedRows(feed, plan));
            skipped.add(feed.field());
        }
        List<String> keySources = table.key().sourceColumns();
        this.shape = new DocumentRowShape(table, column -> keySources.indexOf(column.source()), skipped, plan);
    }

    /** The event as a row change with its set replacements, or a rejection naming the field and reason. */
    public TransformResult transform(ChangeEvent event) {
        ByteBuffer keyBytes = DocumentEvents.keyBytes(event);
        ByteBuffer documentBytes = event.getOp() == Operation.DELETE ? null : DocumentEvents.documentBytes(event);
        try {
            if (keyBytes == null || (documentBytes == null && event.getOp() != Operation.DELETE)) {
                throw new Rejection(null, "the event is not a document event (key " + event.getKeyColumns()
                        + ", columns " + event.getColumns() + "); this is a bug in capture, please report it");
            }
            DocumentKeyReader.Values keyValues = key.read(keyBytes);
            if (event.getOp() == Operation.DELETE) {
                return TransformResult.row(rowChange(event, RowOperation.DELETE, keyValues, List.of(), List.of(),
                        emptySets(keyValues.values())));
            }
            BsonDocument document = DocumentReader.read(documentBytes, "the document");
            List<String> rounded = new ArrayList<>(0);
            Object[] values = shape.row(document, keyValues.values().toArray(), "", rounded);
            List<RowSet> sets = sets(keyValues.values(), document, rounded);
            RowOperation op = event.getOp() == Operation.SNAPSHOT ? RowOperation.LOAD : RowOperation.UPSERT;
            return TransformResult.row(rowChange(event, op, keyValues, shape.targets(), Arrays.asList(values), sets),
                    rounded);
        } catch (Rejection e) {
            return TransformResult.rejected(e.field(), e.getMessage());
        }
    }

    private List<RowSet> sets(List<Object> owner, BsonDocument document, List<String> rounded) {
        List<RowSet> sets = new ArrayList<>(feeds.size());
        for (OwnedRows feed : feeds) {
            sets.add(feed.set(owner, document.get(feed.field()), rounded));
        }
        return sets;
    }

    private List<RowSet> emptySets(List<Object> owner) {
        List<RowSet> sets = new ArrayList<>(feeds.size());
        for (OwnedRows feed : feeds) {
            sets.add(feed.empty(owner));
        }
        return sets;
    }

    private RowChange rowChange(ChangeEvent event, RowOperation op, DocumentKeyReader.Values keyValues,
                                List<String> columns, List<Object> values, List<RowSet> sets) {
        return new RowChange(event.getSource(), event.getTable(), table.target(), op, table.key().targetColumns(),
                keyValues.values(), keyValues.json(), columns, values, event.getSourceTimeMs(),
                event.getCaptureTimeMs(), sets);
    }
}
