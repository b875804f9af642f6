package dev.cutover.schemas.codec;

import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowChangeBatch;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.avro.RowSet;
import java.util.ArrayList;
import java.util.List;

/** {@link RowChange} in Avro single-object encoding, byte for byte as Avro writes it. Thread-safe. */
public final class RowChangeCodec {
    private static final byte[] HEADER = SingleObject.header(RowChange.getClassSchema());
    static final byte[] BATCH_HEADER = SingleObject.header(RowChangeBatch.getClassSchema());
    private static final ThreadLocal<AvroWriter> WRITER = ThreadLocal.withInitial(AvroWriter::new);
    private static final RowOperation[] OPERATIONS = RowOperation.values();

    private RowChangeCodec() {
    }

    public static byte[] encode(RowChange row) {
        AvroWriter out = WRITER.get();
        out.reset();
        out.header(HEADER);
        out.writeString(row.getSource());
        out.writeString(row.getSourceTable());
        out.writeString(row.getTable());
        out.writeLong(row.getOp().ordinal());
        Lists.writeStrings(out, row.getKeyColumns());
        Lists.writeTextOrBytes(out, row.getKey());
        out.writeString(row.getSourceKey());
        Lists.writeStrings(out, row.getColumns());
        Lists.writeTextOrBytes(out, row.getValues());
        out.writeLong(row.getSourceTimeMs());
        out.writeLong(row.getCaptureTimeMs());
        writeSets(out, row.getSets());
        return out.toByteArray();
    }

    public static RowChange decode(byte[] bytes) {
        AvroReader in = SingleObject.reader(bytes, HEADER, "RowChange");
        RowChange row = new RowChange();
        row.setSource(in.readString());
        row.setSourceTable(in.readString());
        row.setTable(in.readString());
        row.setOp(OPERATIONS[in.readInt()]);
        row.setKeyColumns(Lists.readStrings(in));
        row.setKey(Lists.readTextOrBytes(in));
        row.setSourceKey(in.readString());
        row.setColumns(Lists.readStrings(in));
        row.setValues(Lists.readTextOrBytes(in));
        row.setSourceTimeMs(in.readLong());
        row.setCaptureTimeMs(in.readLong());
        row.setSets(readSets(in));
        return row;
    }

    private static void writeSets(AvroWriter out, List<RowSet> sets) {
        out.startArray(sets.size());
        for (RowSet set : sets) {
            out.writeString(set.getTable());
            Lists.writeStrings(out, set.getOwnerColumns());
            Lists.writeTextOrBytes(out, set.getOwner());
            Lists.writeStrings(out, set.getColumns());
            out.startArray(set.getRows().size());
            for (List<Object> values : set.getRows()) {
                Lists.writeTextOrBytes(out, values);
            }
            out.endArray();
        }
        out.endArray();
    }

    private static List<RowSet> readSets(AvroReader in) {
        List<RowSet> sets = new ArrayList<>();
        for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
            for (long i = 0; i < count; i++) {
                String table = in.readString();
                List<String> ownerColumns = Lists.readStrings(in);
                List<Object> owner = Lists.readTextOrBytes(in);
                List<String> columns = Lists.readStrings(in);
                List<List<Object>> rows = new ArrayList<>();
                for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
                    for (long r = 0; r < n; r++) {
                        rows.add(Lists.readTextOrBytes(in));
                    }
                }
                sets.add(new RowSet(table, ownerColumns, owner, columns, rows));
            }
        }
        return sets;
    }

    /**
     * The row changes a row-topic value stands for: one for a {@link RowChange}, one per row for a
     * {@link RowChangeBatch} (its changes share the batch's column lists).
     */
    public static List<RowChange> decodeAll(byte[] bytes) {
        return decodeAll(bytes, false);
    }

    /**
     * As {@link #decodeAll(byte[])}, but the text values of a batch's rows (not their keys) are {@link Utf8Text}: views
     * of {@code bytes} a UTF-8 writer copies without decoding, and Strings only when read as such.
     */
    public static List<RowChange> decodeAllUtf8(byte[] bytes) {
        return decodeAll(bytes, true);
    }

    private static List<RowChange> decodeAll(byte[] bytes, boolean utf8Values) {
        if (!SingleObject.startsWith(bytes, BATCH_HEADER)) {
            return List.of(decode(bytes));
        }
        AvroReader in = SingleObject.reader(bytes, BATCH_HEADER, "RowChangeBatch");
        String source = in.readString();
        String sourceTable = in.readString();
        String table = in.readString();
        RowOperation op = OPERATIONS[in.readInt()];
        List<String> keyColumns = Lists.readStrings(in);
        List<String> columns = Lists.readStrings(in);
        long sourceTimeMs = in.readLong();
        long captureTimeMs = in.readLong();
        List<RowChange> rows = new ArrayList<>();
        for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
            for (long i = 0; i < count; i++) {
                List<Object> key = Lists.readTextOrBytes(in);
                String sourceKey = in.readString();
                List<Object> values = Lists.readTextOrBytes(in, utf8Values);
                rows.add(new RowChange(source, sourceTable, table, op, keyColumns, key, sourceKey, columns, values,
                        sourceTimeMs, captureTimeMs, List.of()));
            }
        }
        return rows;
    }

    /** True when the row-topic value is a {@link RowChangeBatch}. */
    public static boolean isBatch(byte[] bytes) {
        return SingleObject.startsWith(bytes, BATCH_HEADER);
    }
}
