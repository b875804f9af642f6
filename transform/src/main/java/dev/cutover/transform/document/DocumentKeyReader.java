package dev.cutover.transform.document;

import dev.cutover.schemas.CutoverException;
import dev.cutover.schemas.plan.Plan;
import dev.cutover.schemas.plan.TablePlan;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Reads a document event's key: the BSON document of the key's source fields ({@code {"_id": v}}, {@code {"id": v}},
 * the declared key fields, {@code {"$file": name}} or {@code {"$hash": hex}}) becomes the target key's values, each
 * converted by its key column's converter. A compound {@code _id} is split by the key's {@code _id.<field>} source
 * columns and must have no other fields (they would not be part of the target key, so distinct documents could
 * collide). Immutable and thread-safe.
 */
final class DocumentKeyReader {
    private static final String ID = "_id";
    private static final String ID_PREFIX = "_id.";

    private final List<String> sourceColumns;
    private final FieldColumn[] columns;
    private final Set<String> idParts = new LinkedHashSet<>();

    /** The key's values, as text (or bytes), in key order, and the key document as relaxed Extended JSON. */
    record Values(List<Object> values, String json) {
    }

    DocumentKeyReader(TablePlan table, Plan plan) {
        this.sourceColumns = table.key().sourceColumns();
        this.columns = new FieldColumn[sourceColumns.size()];
        for (int i = 0; i < columns.length; i++) {
            String source = sourceColumns.get(i);
            columns[i] = new FieldColumn(table.column(source).orElseThrow(() -> CutoverException.config("table "
                    + table.target() + ": key column " + source + " is not among its columns; fix plan.json or plan"
                    + " again")), plan);
            if (source.startsWith(ID_PREFIX)) {
                idParts.add(source.substring(ID_PREFIX.length()));
            }
        }
    }

    /** The document fields the key holds, which are therefore neither other columns nor extra. */
    Set<String> documentFields() {
        Set<String> fields = new LinkedHashSet<>();
        for (String source : sourceColumns) {
            if (source.equals(ID) || source.startsWith(ID_PREFIX)) {
                fields.add(ID);
            } else if (!source.startsWith("$")) {
                fields.add(source);
            }
        }
        return fields;
    }

    /** @throws Rejection when the key is not BSON, lacks a key field, or a value does not fit its column */
    Values read(ByteBuffer bson) {
        BsonDocument key = DocumentReader.read(bson, "the key");
        List<Object> values = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            String source = sourceColumns.get(i);
            BsonValue value = field(key, source);
            if (value == null || value.isNull()) {
                throw new Rejection(source, "key field \"" + source + "\" is " + (value == null ? "missing" : "null")
                        + "; a document needs its whole key, as PostgreSQL primary keys cannot be NULL; fix the"
                        + " document in the source");
            }
            Object converted = columns[i].convert(value, source, null);
            values.add(converted instanceof Long number ? number.toString() : converted);
        }
        return new Values(values, ExtendedJsonWriter.of(key));
    }

    private BsonValue field(BsonDocument key, String source) {
        if (!source.startsWith(ID_PREFIX)) {
            return key.get(source);
        }
        BsonValue id = key.get(ID);
        if (id == null || !id.isDocument()) {
            throw new Rejection(ID, "the key is planned as a compound _id " + idParts + ", but this document's _id is "
                    + (id == null ? "missing" : BsonTypes.describe(id)) + "; plan again (cutover plan) to key the"
                    + " collection by what its documents hold");
        }
        for (String part : id.asDocument().keySet()) {
            if (!idParts.contains(part)) {
                throw new Rejection(ID, "this document's compound _id has the field \"" + part + "\", which the key "
                        + idParts + " does not have, so documents that differ only there would be one row; plan"
                        + " again (cutover plan)");
            }
        }
        return id.asDocument().get(source.substring(ID_PREFIX.length()));
    }
}
