package dev.cutover.schemas.codec;

import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowOperation;

/** {@link RowChange} in Avro single-object encoding, byte for byte as Avro writes it. Thread-safe. */
public final class RowChangeCodec {
    private static final byte[] HEADER = SingleObject.header(RowChange.getClassSchema());
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
        return row;
    }
}
