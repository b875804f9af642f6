package dev.cutover.schemas.codec;

import dev.cutover.schemas.avro.ChangeEventBatch;
import dev.cutover.schemas.avro.Operation;
import java.util.List;

/**
 * Builds one {@link ChangeEventBatch} row by row, byte for byte as Avro writes it: {@link #start} fixes what the rows
 * share, {@link #add} encodes a row at once (so {@link #size()} tells how big the record has grown), {@link #finish}
 * returns the record. Not thread-safe; reusable after {@code finish}.
 */
public final class ChangeEventBatchEncoder {
    private final AvroWriter head = new AvroWriter();
    private final AvroWriter rows = new AvroWriter();
    private final AvroWriter out = new AvroWriter();
    private int count;
    private int lastStart = -1;

    public void start(String source, String table, Operation op, List<String> keyColumns, List<String> columns,
                      long sequence, long sourceTimeMs, long captureTimeMs) {
        head.reset();
        rows.reset();
        count = 0;
        head.header(ChangeEventCodec.BATCH_HEADER);
        head.writeString(source);
        head.writeString(table);
        head.writeLong(op.ordinal());
        Lists.writeStrings(head, keyColumns);
        Lists.writeStrings(head, columns);
        head.writeLong(sequence);
        head.writeLong(sourceTimeMs);
        head.writeLong(captureTimeMs);
    }

    /** Appends a row; returns how many bytes it took. */
    public int add(List<Object> key, List<Object> values) {
        lastStart = rows.length();
        ChangeEventCodec.writeValues(rows, key);
        ChangeEventCodec.writeValues(rows, values);
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
        count--;
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
        count = 0;
        rows.reset();
        return out.toByteArray();
    }
}
