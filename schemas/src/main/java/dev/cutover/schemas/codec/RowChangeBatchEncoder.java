package dev.cutover.schemas.codec;

import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowChangeBatch;
import java.util.Objects;

/**
 * Builds one {@link RowChangeBatch} from row changes that share their source, tables, operation, column lists and
 * times ({@link #fits} tells), byte for byte as Avro writes it. Not thread-safe; reusable after {@link #finish}.
 */
public final class RowChangeBatchEncoder {
    private final BatchBody body = new BatchBody();
    private RowChange first;

    /** True when {@code row} can join this batch: it is empty, or the row shares everything but key and values. */
    public boolean fits(RowChange row) {
        return first == null
                || (row.getOp() == first.getOp()
                && row.getSourceTimeMs() == first.getSourceTimeMs()
                && row.getCaptureTimeMs() == first.getCaptureTimeMs()
                && Objects.equals(row.getTable(), first.getTable())
                && Objects.equals(row.getSourceTable(), first.getSourceTable())
                && Objects.equals(row.getSource(), first.getSource())
                && Objects.equals(row.getColumns(), first.getColumns())
                && Objects.equals(row.getKeyColumns(), first.getKeyColumns()));
    }

    /** Appends a row that {@link #fits}; returns how many bytes it took. */
    public int add(RowChange row) {
        if (!fits(row)) {
            throw new IllegalArgumentException("row change of " + row.getTable() + " does not fit this batch");
        }
        if (first == null) {
            first = row;
            AvroWriter head = body.head(RowChangeCodec.BATCH_HEADER);
            head.writeString(row.getSource());
            head.writeString(row.getSourceTable());
            head.writeString(row.getTable());
            head.writeLong(row.getOp().ordinal());
            Lists.writeStrings(head, row.getKeyColumns());
            Lists.writeStrings(head, row.getColumns());
            head.writeLong(row.getSourceTimeMs());
            head.writeLong(row.getCaptureTimeMs());
        }
        AvroWriter out = body.beginRow();
        Lists.writeTextOrBytes(out, row.getKey());
        out.writeString(row.getSourceKey());
        Lists.writeTextOrBytes(out, row.getValues());
        return body.endRow();
    }

    /** Takes back the row {@link #add} appended last (once). */
    public void removeLast() {
        if (body.removeLast() == 0) {
            first = null;
        }
    }

    public int rows() {
        return body.rows();
    }

    /** Bytes the record would take if finished now (within a few bytes). */
    public int size() {
        return body.size();
    }

    public byte[] finish() {
        first = null;
        return body.finish();
    }
}
