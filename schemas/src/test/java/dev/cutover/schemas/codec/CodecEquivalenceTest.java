package dev.cutover.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.schemas.avro.ChangeEvent;
import dev.cutover.schemas.avro.ChangeEventBatch;
import dev.cutover.schemas.avro.ChangeEventBatchRow;
import dev.cutover.schemas.avro.Document;
import dev.cutover.schemas.avro.InvalidText;
import dev.cutover.schemas.avro.Operation;
import dev.cutover.schemas.avro.RecordKey;
import dev.cutover.schemas.avro.RowChange;
import dev.cutover.schemas.avro.RowChangeBatch;
import dev.cutover.schemas.avro.RowChangeBatchRow;
import dev.cutover.schemas.avro.RowOperation;
import dev.cutover.schemas.avro.RowSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The hand-written codecs write exactly what Avro writes for the same schemas, and read what Avro writes. */
class CodecEquivalenceTest {
    private final Random random = new Random();

    private static byte[] avro(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private String text() {
        String[] samples = {"", "plain", "naïve café", "emoji 😀 and 漢字", "tab\tnew\nline", "x".repeat(300), "\u0000nul"};
        return samples[random.nextInt(samples.length)];
    }

    private Object rawValue() {
        return switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(200) - 100;
            case 2 -> random.nextBoolean() ? random.nextDouble() * 1e9 : new double[] {Double.POSITIVE_INFINITY, -0.0, 5e-324}[random.nextInt(3)];
            case 3 -> text();
            case 4 -> ByteBuffer.wrap(bytes());
            case 5 -> new InvalidText(ByteBuffer.wrap(new byte[] {0x61, (byte) 0xff, 0x62}));
            default -> Long.MIN_VALUE;
        };
    }

    private byte[] bytes() {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private List<Object> rawValues(int n) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(rawValue());
        }
        return values;
    }

    /** Values as a row may carry them: a document in some of them (keys never carry one). */
    private List<Object> rawRowValues(int n) {
        List<Object> values = rawValues(n);
        if (n > 0 && random.nextInt(4) == 0) {
            values.set(random.nextInt(n), new Document(ByteBuffer.wrap(bytes())));
        }
        return values;
    }

    private List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("col " + i + (i % 3 == 0 ? " ✓" : ""));
        }
        return names;
    }

    private ChangeEvent changeEvent() {
        int columns = random.nextInt(12);
        return new ChangeEvent("sqlite:/data/app.db", "Order Lines", Operation.values()[random.nextInt(4)], names(2),
                rawValues(2), names(columns), rawRowValues(columns), random.nextLong(), random.nextLong(), random.nextLong());
    }

    private List<Object> textValues(int n) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(3);
            values.add(pick == 0 ? null : pick == 1 ? text() : ByteBuffer.wrap(bytes()));
        }
        return values;
    }

    private RowChange rowChange() {
        int columns = random.nextInt(12);
        return new RowChange("sqlite:/a.db", "order lines", "Order Lines", RowOperation.values()[random.nextInt(3)],
                names(1), textValues(1), "{\"id\": 7}", names(columns), textValues(columns), random.nextLong(),
                random.nextLong(), sets());
    }

    private List<RowSet> sets() {
        List<RowSet> sets = new ArrayList<>();
        for (int s = random.nextInt(3); s > 0; s--) {
            int columns = 1 + random.nextInt(4);
            List<List<Object>> rows = new ArrayList<>();
            for (int r = random.nextInt(4); r > 0; r--) {
                rows.add(textValues(columns));
            }
            sets.add(new RowSet("junction " + s, names(1), textValues(1), names(columns), rows));
        }
        return sets;
    }

    @RepeatedTest(200)
    void shouldEncodeChangeEventsExactlyAsAvroDoes() throws Exception {
        ChangeEvent event = changeEvent();

        byte[] ours = ChangeEventCodec.encode(event);

        assertThat(ours).isEqualTo(avro(event.toByteBuffer()));
        assertThat(ChangeEventCodec.decode(ours)).isEqualTo(ChangeEvent.fromByteBuffer(ByteBuffer.wrap(ours)));
        assertThat(ChangeEventCodec.decode(ours)).isEqualTo(event);
    }

    @RepeatedTest(200)
    void shouldEncodeRowChangesExactlyAsAvroDoes() throws Exception {
        RowChange row = rowChange();

        byte[] ours = RowChangeCodec.encode(row);

        assertThat(ours).isEqualTo(avro(row.toByteBuffer()));
        assertThat(RowChangeCodec.decode(ours)).isEqualTo(row);
    }

    @RepeatedTest(100)
    void shouldEncodeKeysExactlyAsAvroDoes() throws Exception {
        List<Object> key = new ArrayList<>(Arrays.asList(random.nextLong(), text(), null, random.nextDouble(),
                ByteBuffer.wrap(bytes())));
        String table = new String[] {"t", "Order Lines", "naïve ✓", ""}[random.nextInt(4)];
        RecordKey recordKey = new RecordKey(table, key);

        assertThat(RecordKeyCodec.encode(table, key)).isEqualTo(avro(recordKey.toByteBuffer()));
    }

    /** A converter may give an integer as a Long; it is written as its decimal text, the same bytes as that String. */
    @RepeatedTest(20)
    void shouldWriteALongValueAsItsDecimalText() throws Exception {
        List<Object> longs = new ArrayList<>(List.of(0L, -1L, 9L, 10L, -10L, 99L, 100L, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, random.nextLong(),
                (long) random.nextInt()));
        List<Object> texts = new ArrayList<>();
        longs.forEach(value -> texts.add(value.toString()));
        List<String> columns = names(longs.size());
        RowChange withLongs = new RowChange("sqlite:/a.db", "t", "t", RowOperation.LOAD, names(1), textValues(1), "{}",
                columns, longs, 1L, 2L, List.of());
        RowChange withTexts = new RowChange("sqlite:/a.db", "t", "t", RowOperation.LOAD, withLongs.getKeyColumns(),
                withLongs.getKey(), "{}", columns, texts, 1L, 2L, List.of());

        assertThat(RowChangeCodec.encode(withLongs)).isEqualTo(avro(withTexts.toByteBuffer()));
        RowChangeBatchEncoder batch = new RowChangeBatchEncoder();
        batch.add(withLongs);
        RowChangeBatchEncoder expected = new RowChangeBatchEncoder();
        expected.add(withTexts);
        assertThat(batch.finish()).isEqualTo(expected.finish());
    }

    @Test
    void shouldReadAvroWrittenArraysInSeveralBlocksAndLargeValues() throws Exception {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            values.add(i % 2 == 0 ? (Object) (long) i : "v" + i);
        }
        values.add(ByteBuffer.wrap(new byte[3 << 20]));
        ChangeEvent event = new ChangeEvent("s", "t", Operation.SNAPSHOT, List.of(), List.of(), names(values.size()),
                values, 0L, 0L, 0L);

        assertThat(ChangeEventCodec.decode(avro(event.toByteBuffer()))).isEqualTo(event);
    }

    @Test
    void shouldRefuseBytesOfAnotherSchema() throws Exception {
        byte[] row = RowChangeCodec.encode(rowChange());

        assertThatThrownBy(() -> ChangeEventCodec.decode(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a ChangeEvent");
    }

    @RepeatedTest(50)
    void shouldEncodeChangeEventBatchesExactlyAsAvroDoesAndDecodeThemToTheEventsTheyStandFor() throws Exception {
        int columns = random.nextInt(8);
        List<String> keyColumns = names(2);
        List<String> names = names(columns);
        ChangeEventBatchEncoder encoder = new ChangeEventBatchEncoder();
        encoder.start("sqlite:/data/app.db", "Order Lines", Operation.SNAPSHOT, keyColumns, names, 0L, 1234L, 5678L);
        List<ChangeEventBatchRow> rows = new ArrayList<>();
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = random.nextInt(40); i >= 0; i--) {
            List<Object> key = rawValues(2);
            List<Object> values = rawRowValues(columns);
            encoder.add(key, values);
            rows.add(new ChangeEventBatchRow(key, values));
            events.add(new ChangeEvent("sqlite:/data/app.db", "Order Lines", Operation.SNAPSHOT, keyColumns, key, names,
                    values, 0L, 1234L, 5678L));
        }
        ChangeEventBatch batch = new ChangeEventBatch("sqlite:/data/app.db", "Order Lines", Operation.SNAPSHOT,
                keyColumns, names, 0L, 1234L, 5678L, rows);

        int estimated = encoder.size();
        byte[] ours = encoder.finish();

        assertThat(ours).isEqualTo(avro(batch.toByteBuffer()));
        assertThat(estimated).isBetween(ours.length, ours.length + 12);
        assertThat(ChangeEventCodec.isBatch(ours)).isTrue();
        assertThat(ChangeEventCodec.decodeAll(ours)).isEqualTo(events);
    }

    @Test
    void shouldDecodeASingleChangeEventAsAListOfOne() {
        ChangeEvent event = changeEvent();

        byte[] bytes = ChangeEventCodec.encode(event);

        assertThat(ChangeEventCodec.isBatch(bytes)).isFalse();
        assertThat(ChangeEventCodec.decodeAll(bytes)).containsExactly(event);
    }

    @RepeatedTest(50)
    void shouldEncodeRowChangeBatchesExactlyAsAvroDoesAndDecodeThemToTheChangesTheyStandFor() throws Exception {
        int columns = random.nextInt(8);
        List<String> keyColumns = names(1);
        List<String> names = names(columns);
        RowChangeBatchEncoder encoder = new RowChangeBatchEncoder();
        List<RowChangeBatchRow> rows = new ArrayList<>();
        List<RowChange> changes = new ArrayList<>();
        for (int i = random.nextInt(40); i >= 0; i--) {
            RowChange change = new RowChange("sqlite:/a.db", "order lines", "Order Lines", RowOperation.LOAD, keyColumns,
                    textValues(1), "{\"id\": " + i + "}", names, textValues(columns), 1234L, 5678L, List.of());
            assertThat(encoder.fits(change)).isTrue();
            encoder.add(change);
            rows.add(new RowChangeBatchRow(change.getKey(), change.getSourceKey(), change.getValues()));
            changes.add(change);
        }
        RowChangeBatch batch = new RowChangeBatch("sqlite:/a.db", "order lines", "Order Lines", RowOperation.LOAD,
                keyColumns, names, 1234L, 5678L, rows);

        byte[] ours = encoder.finish();

        assertThat(ours).isEqualTo(avro(batch.toByteBuffer()));
        assertThat(RowChangeCodec.isBatch(ours)).isTrue();
        assertThat(RowChangeCodec.decodeAll(ours)).isEqualTo(changes);
        assertThat(RowChangeCodec.decodeAll(RowChangeCodec.encode(changes.get(0)))).containsExactly(changes.get(0));
        assertDecodedAsUtf8(RowChangeCodec.decodeAllUtf8(ours), changes);
    }

    /** Same changes, but every text value is the Utf8Text of the same string (keys stay Strings). */
    private static void assertDecodedAsUtf8(List<RowChange> decoded, List<RowChange> changes) {
        assertThat(decoded).hasSameSizeAs(changes);
        for (int i = 0; i < changes.size(); i++) {
            RowChange row = decoded.get(i);
            assertThat(row.getKey()).isEqualTo(changes.get(i).getKey());
            List<Object> values = new ArrayList<>();
            for (Object value : row.getValues()) {
                if (value instanceof Utf8Text text) {
                    assertThat(new String(text.bytes(), text.offset(), text.size(), StandardCharsets.UTF_8))
                            .isEqualTo(text.toString());
                    values.add(text.toString());
                } else {
                    assertThat(value instanceof String).as("text left as a String").isFalse();
                    values.add(value);
                }
            }
            assertThat(values).isEqualTo(changes.get(i).getValues());
        }
    }

    @Test
    void shouldRefuseARowThatDoesNotShareTheBatchsTableOrColumns() {
        RowChangeBatchEncoder encoder = new RowChangeBatchEncoder();
        RowChange first = new RowChange("s", "t", "T", RowOperation.LOAD, List.of("id"), List.of("1"), "{}",
                List.of("id", "a"), List.of("1", "x"), 1L, 2L, List.of());
        RowChange otherColumns = new RowChange("s", "t", "T", RowOperation.LOAD, List.of("id"), List.of("2"), "{}",
                List.of("id"), List.of("2"), 1L, 2L, List.of());
        RowChange otherTime = new RowChange("s", "t", "T", RowOperation.LOAD, List.of("id"), List.of("3"), "{}",
                List.of("id", "a"), List.of("3", "y"), 1L, 3L, List.of());

        encoder.add(first);

        assertThat(encoder.fits(otherColumns)).isFalse();
        assertThat(encoder.fits(otherTime)).isFalse();
        assertThatThrownBy(() -> encoder.add(otherColumns)).isInstanceOf(IllegalArgumentException.class);
        encoder.finish();
        assertThat(encoder.fits(otherColumns)).isTrue();
    }
}
