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
    private final BatchBody body = new BatchBody();

    public void start(String source, String table, Operation op, List<String> keyColumns, List<String> columns,
                      long sequence, long sourceTimeMs, long captureTimeMs) {
        AvroWriter head = body.head(ChangeEventCodec.BATCH_HEADER);
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
        AvroWriter row = body.beginRow();
        ChangeEventCodec.writeKey(row, key);
        ChangeEventCodec.writeValues(row, values);
        return body.endRow();
    }

    /** Takes back the row {@link #add} appended last (once). */
    public void removeLast() {
        body.removeLast();
    }

    public int rows() {
        return body.rows();
    }

    /** Bytes the record would take if finished now (within a few bytes). */
    public int size() {
        return body.size();
    }

    public byte[] finish() {
        return body.finish();
    }
}
