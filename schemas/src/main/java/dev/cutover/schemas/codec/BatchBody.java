package dev.cutover.schemas.codec;

/**
 * The bookkeeping both batch envelopes share: a record whose fields before {@code rows} are written once
 * ({@link #head()}), then rows appended one at a time (each may be taken back once), then one Avro array block
 * closing the record. Not thread-safe.
 */
final class BatchBody {
    private final AvroWriter head = new AvroWriter();
    private final AvroWriter rows = new AvroWriter();
    private final AvroWriter out = new AvroWriter();
    private int count;
    private int lastStart = -1;

    /** Starts a new record: drops any rows and returns the emptied head, with the single-object header written. */
    AvroWriter head(byte[] singleObjectHeader) {
        head.reset();
        rows.reset();
        count = 0;
        lastStart = -1;
        head.header(singleObjectHeader);
        return head;
    }

    /** The writer the next row goes to; {@link #endRow()} counts it. */
    AvroWriter beginRow() {
        lastStart = rows.length();
        return rows;
    }

    /** Counts the row written since {@link #beginRow()}; returns how many bytes it took. */
    int endRow() {
        count++;
        return rows.length() - lastStart;
    }

    /** Takes back the row appended last (once); returns how many rows remain. */
    int removeLast() {
        if (count == 0 || lastStart < 0) {
            throw new IllegalStateException("no row to remove");
        }
        rows.truncate(lastStart);
        lastStart = -1;
        return --count;
    }

    int rows() {
        return count;
    }

    /** Bytes the record would take if finished now (within a few bytes). */
    int size() {
        return head.length() + rows.length() + 12;
    }

    /** The whole record; the rows are dropped, so the next one starts empty. */
    byte[] finish() {
        out.reset();
        out.append(head);
        out.startArray(count);
        out.append(rows);
        out.endArray();
        count = 0;
        lastStart = -1;
        rows.reset();
        return out.toByteArray();
    }
}
