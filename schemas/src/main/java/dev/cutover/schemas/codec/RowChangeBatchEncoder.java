package dev.cutover.schemas.codec;

import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowChangeBatch;
import java.util.Objects;

/**
 * Builds one {@link RowChangeBatch} from row changes that share their source, tables, operation, column lists and
 * times ({@link #fits} tells), byte for byte as Avro writes it. Not thread-safe; reusable after {@link #finish}.
 */
public final class RowChangeBatchEncoder {
    private final AvroWriter head = new AvroWriter();
    private final AvroWriter rows = new AvroWriter();
    private final AvroWriter out = new AvroWriter();
    private RowChange first;
    private int count;
    private int lastStart = -1;

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
            head.reset();
            head.header(RowChangeCodec.BATCH_HEADER);
            head.writeString(row.getSource());
            head.writeString(row.getSourceTable());
            head.writeString(row.getTable());
            head.writeLong(row.getOp().ordinal());
            Lists.writeStrings(head, row.getKeyColumns());
            Lists.writeStrings(head, row.getColumns());
            head.writeLong(row.getSourceTimeMs());
            head.writeLong(row.getCaptureTimeMs());
        }
        lastStart = rows.length();
        Lists.writeTextOrBytes(rows, row.getKey());
        rows.writeString(row.getSourceKey());
        Lists.writeTextOrBytes(rows, row.getValues());
        count++;
        return rows.length() - lastStart;
    }

    /** Takes back the row {@link #add} appended last (once). */
    public void removeLast() {
        if (count == 0 || lastStart < 0) {
            throw new IllegalStateException("no row to remove");
        }
        rows.truncate(lastStart);
        lastStart = -1;
        if (--count == 0) {
            first = null;
        }
    }

    public int rows() {
        return count;
    }

    /** Bytes the record would take if finished now (within a few bytes). */
    public int size() {
        return head.length() + rows.length() + 12;
    }

    public byte[] finish() {
        out.reset();
        out.append(head);
        out.startArray(count);
        out.append(rows);
        out.endArray();
        first = null;
        count = 0;
        rows.reset();
        return out.toByteArray();
    }
}
