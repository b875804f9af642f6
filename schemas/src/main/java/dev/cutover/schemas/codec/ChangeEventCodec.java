package dev.cutover.schemas.codec;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ChangeEventBatch;
import dev.cutover.schemas.avro.Document;
import dev.cutover.schemas.avro.InvalidText;
import dev.cutover.schemas.avro.Operation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes {@link ChangeEvent} in Avro single-object encoding, byte for byte what Avro's own encoder
 * writes for {@code ChangeEvent.avsc}, without its generic union resolution on the hot path. Thread-safe.
 */
public final class ChangeEventCodec {
    private static final byte[] HEADER = SingleObject.header(ChangeEvent.getClassSchema());
    static final byte[] BATCH_HEADER = SingleObject.header(ChangeEventBatch.getClassSchema());
    private static final ThreadLocal<AvroWriter> WRITER = ThreadLocal.withInitial(AvroWriter::new);
    private static final Operation[] OPERATIONS = Operation.values();

    private ChangeEventCodec() {
    }

    public static byte[] encode(ChangeEvent event) {
        AvroWriter out = WRITER.get();
        out.reset();
        out.header(HEADER);
        out.writeString(event.getSource());
        out.writeString(event.getTable());
        out.writeLong(event.getOp().ordinal());
        Lists.writeStrings(out, event.getKeyColumns());
        writeKey(out, event.getKey());
        Lists.writeStrings(out, event.getColumns());
        writeValues(out, event.getValues());
        out.writeLong(event.getSequence());
        out.writeLong(event.getSourceTimeMs());
        out.writeLong(event.getCaptureTimeMs());
        return out.toByteArray();
    }

    public static ChangeEvent decode(byte[] bytes) {
        AvroReader in = SingleObject.reader(bytes, HEADER, "ChangeEvent");
        ChangeEvent event = new ChangeEvent();
        event.setSource(in.readString());
        event.setTable(in.readString());
        event.setOp(OPERATIONS[in.readInt()]);
        event.setKeyColumns(Lists.readStrings(in));
        event.setKey(readValues(in));
        event.setColumns(Lists.readStrings(in));
        event.setValues(readValues(in));
        event.setSequence(in.readLong());
        event.setSourceTimeMs(in.readLong());
        event.setCaptureTimeMs(in.readLong());
        return event;
    }

    /**
     * The change events a raw-topic value stands for: one for a {@link ChangeEvent}, one per row for a
     * {@link ChangeEventBatch} (its events share the batch's column lists).
     */
    public static List<ChangeEvent> decodeAll(byte[] bytes) {
        if (!SingleObject.startsWith(bytes, BATCH_HEADER)) {
            return List.of(decode(bytes));
        }
        AvroReader in = SingleObject.reader(bytes, BATCH_HEADER, "ChangeEventBatch");
        String source = in.readString();
        String table = in.readString();
        Operation op = OPERATIONS[in.readInt()];
        List<String> keyColumns = Lists.readStrings(in);
        List<String> columns = Lists.readStrings(in);
        long sequence = in.readLong();
        long sourceTimeMs = in.readLong();
        long captureTimeMs = in.readLong();
        List<ChangeEvent> events = new ArrayList<>();
        for (long count = in.readBlockCount(); count != 0; count = in.readBlockCount()) {
            for (long i = 0; i < count; i++) {
                List<Object> key = readValues(in);
                List<Object> values = readValues(in);
                events.add(new ChangeEvent(source, table, op, keyColumns, key, columns, values, sequence, sourceTimeMs,
                        captureTimeMs));
            }
        }
        return events;
    }

    /** True when the raw-topic value is a {@link ChangeEventBatch}. */
    public static boolean isBatch(byte[] bytes) {
        return SingleObject.startsWith(bytes, BATCH_HEADER);
    }

    /** Key union branches in schema order: null, long, double, string, bytes, InvalidText. */
    static void writeKey(AvroWriter out, List<Object> key) {
        write(out, key, false);
    }

    /** Value union branches in schema order: null, long, double, string, bytes, InvalidText, Document. */
    static void writeValues(AvroWriter out, List<Object> values) {
        write(out, values, true);
    }

    private static void write(AvroWriter out, List<Object> values, boolean documents) {
        out.startArray(values.size());
        for (Object value : values) {
            if (value == null) {
                out.writeLong(0);
            } else if (value instanceof Long l) {
                out.writeLong(1);
                out.writeLong(l);
            } else if (value instanceof Double d) {
                out.writeLong(2);
                out.writeDouble(d);
            } else if (value instanceof CharSequence s) {
                out.writeLong(3);
                out.writeString(s.toString());
            } else if (value instanceof ByteBuffer b) {
                out.writeLong(4);
                out.writeBytes(b);
            } else if (value instanceof InvalidText t) {
                out.writeLong(5);
                out.writeBytes(t.getBytes());
            } else if (documents && value instanceof Document d) {
                out.writeLong(6);
                out.writeBytes(d.getBson());
            } else {
                throw new IllegalArgumentException("a ChangeEvent " + (documents ? "value" : "key") + " cannot be a "
                        + value.getClass().getName());
            }
        }
        out.endArray();
    }

    private static List<Object> readValues(AvroReader in) {
        long count = in.readBlockCount();
        List<Object> values = new ArrayList<>(Lists.capacity(count));
        for (; count != 0; count = in.readBlockCount()) {
            for (long i = 0; i < count; i++) {
                values.add(switch (in.readInt()) {
                    case 0 -> null;
                    case 1 -> in.readLong();
                    case 2 -> in.readDouble();
                    case 3 -> in.readString();
                    case 4 -> in.readBytes();
                    case 5 -> new InvalidText(in.readBytes());
                    case 6 -> new Document(in.readBytes());
                    default -> throw new IllegalArgumentException("unknown ChangeEvent value branch");
                });
            }
        }
        return values;
    }
}
